package org.stllisting.jobs.steps;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The steps of a job, in processing order (README, Processing a folder). A template picks a subset; {@link #LOAD} and
 * {@link #FINALIZE} always run. The weight is a step's rough share of a typical job's time, for progress
 * and ETA before any step has been timed.
 */
public enum StepKind {
    LOAD("load", 4),
    VALIDATE("validate", 6),
    REPAIR("repair", 8),
    ANALYZE("analyze", 4),
    RENDER("render", 22),
    SIZE_CHART("size_chart", 14),
    COLOR_VARIATIONS("color_variations", 20),
    VIDEO("video", 40),
    FINALIZE("finalize", 2);

    private final String id;
    private final int weight;

    StepKind(String id, int weight) {
        this.id = id;
        this.weight = weight;
    }

    /** The name used in templates, checkpoints and the queue state. */
    @JsonValue
    public String id() {
        return id;
    }

    public int weight() {
        return weight;
    }

    /** A short phrase for progress messages. */
    public String doing() {
        return switch (this) {
            case LOAD -> "Reading the STL file";
            case VALIDATE -> "Validating the mesh";
            case REPAIR -> "Repairing the mesh";
            case ANALYZE -> "Measuring";
            case RENDER -> "Rendering the product image";
            case SIZE_CHART -> "Drawing the size chart";
            case COLOR_VARIATIONS -> "Rendering color variations";
            case VIDEO -> "Making the turntable video";
            case FINALIZE -> "Finishing";
        };
    }

    /** What step {@code id} does ({@link #doing()}), or null for a step this version does not know. */
    public static String doingOf(String id) {
        try {
            return parse(id).doing();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @JsonCreator
    public static StepKind parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (StepKind k : values()) {
            if (k.id.equals(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown step '" + s + "'");
    }
}
