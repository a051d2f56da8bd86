package org.stllisting.output;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a run's output folder is organized (README, The output folder). */
public enum OutputMode {
    /** One folder per model with source/, renders/, analysis/ and logs/ (the default). */
    PER_MODEL("per-model"),
    /** Every file directly in the output folder, named after its model. */
    FLAT("flat"),
    /** One folder per kind of file: renders/, size_charts/, videos/, analysis/, logs/ … */
    GROUPED("grouped");

    private final String label;

    OutputMode(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** Accepts the label ({@code per-model}), the enum name, and {@code _} for {@code -}, in any case. */
    @JsonCreator
    public static OutputMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (OutputMode m : values()) {
            if (m.label.equals(t)) {
                return m;
            }
        }
        if (t.equals("per-stl") || t.equals("permodel")) {
            return PER_MODEL;
        }
        if (t.equals("by-type") || t.equals("grouped-by-type")) {
            return GROUPED;
        }
        throw new IllegalArgumentException("unknown output mode '" + text + "' (use per-model, flat or grouped)");
    }

    @Override
    public String toString() {
        return label;
    }
}
