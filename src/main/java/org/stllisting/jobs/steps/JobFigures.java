package org.stllisting.jobs.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stllisting.store.Json;
import org.stllisting.store.JsonLimits;

/**
 * What a job measured and made, for the run's report and the window's detail pane: the model's size, volume
 * and grams, its listing pictures and video, and whether repair made it watertight. Read from the job's
 * checkpoint while its cache is there. A finished job's cache can be gone while the queue still lists the job
 * (the run that finished it, the cache cap or a cleanup removed it); then the same come from the files the job
 * wrote into its output folder, as its file list (the queue state's, else its history row's) names them: the
 * figures from {@code <model>_dimensions.json} (else {@code <model>_analysis.json}), the pictures by their
 * names, the repair from {@code <model>_repair.json}, whatever prefix and suffixes the naming options add.
 * Stateless.
 */
public final class JobFigures {
    private static final String DIMENSIONS = "_dimensions";
    private static final String ANALYSIS = "_analysis";
    private static final String REPAIR = "_repair";

    private JobFigures() {
    }

    /** Size (x, y, z, or empty), volume and grams; a field is null when not measured. */
    public record Measures(List<Double> sizeMm, Double volumeMm3, Double grams) {
        public Measures {
            sizeMm = sizeMm == null ? List.of() : List.copyOf(sizeMm);
        }
    }

    /** The job's listing media, absolute; null or empty when not made. */
    public record Media(Path render, Path sizeChart, Path video, List<Path> colors) {
        public Media {
            colors = colors == null ? List.of() : List.copyOf(colors);
        }
    }

    /**
     * The analysis step's figures: from the checkpoint when it has them, else from the figures file among
     * {@code files}; null when neither has them.
     */
    public static Measures measures(ProcessingState cp, String model, List<String> files) {
        ProcessingState.StepRecord a = cp == null ? null : cp.record(StepKind.ANALYZE);
        if (a != null) {
            return measures(a.results);
        }
        Map<?, ?> dims = readJson(named(files, model, DIMENSIONS));
        Measures m = dims == null ? null : measures(dims);
        if (m == null) {
            Map<?, ?> analysis = readJson(named(files, model, ANALYSIS));
            if (analysis != null && analysis.get("analysis") instanceof Map<?, ?> figures) {
                m = measures(figures);
            }
        }
        return m;
    }

    /** The figures file a job's list names (its analysis wrote it), or null when it names none. */
    public static Path figuresFile(String model, List<String> files) {
        return named(files, model, DIMENSIONS);
    }

    /**
     * The job's pictures and video: the render, size chart, video and color steps' outputs in the checkpoint
     * (relative to {@code outputRoot}); without one, the files of {@code files} by their names ({@code
     * <model>_render…}, {@code <model>_size_chart…}, {@code .mp4}, the other pictures being its colors).
     */
    public static Media media(ProcessingState cp, Path outputRoot, String model, List<String> files) {
        if (cp != null) {
            return new Media(first(cp, StepKind.RENDER, outputRoot), first(cp, StepKind.SIZE_CHART, outputRoot),
                    first(cp, StepKind.VIDEO, outputRoot), all(cp, StepKind.COLOR_VARIATIONS, outputRoot));
        }
        Path render = null;
        Path chart = null;
        Path video = null;
        List<Path> colors = new ArrayList<>();
        for (String f : files) {
            Path p = Path.of(f);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".mp4")) {
                video = video == null ? p : video;
            } else if (lower.endsWith(".png")) {
                if (chart == null && name.contains(model + "_size_chart")) {
                    chart = p;
                } else if (render == null && name.contains(model + "_render")) {
                    render = p;
                } else {
                    colors.add(p);
                }
            }
        }
        return new Media(render, chart, video, colors);
    }

    /**
     * True when the repair step changed the model into a watertight one: from the checkpoint, else from the
     * repair report among {@code files}.
     */
    public static boolean repairedWatertight(ProcessingState cp, String model, List<String> files) {
        Map<?, ?> r;
        if (cp != null) {
            ProcessingState.StepRecord fix = cp.record(StepKind.REPAIR);
            r = fix == null ? null : fix.results;
        } else {
            r = readJson(named(files, model, REPAIR));
        }
        return r != null && Boolean.TRUE.equals(r.get("changed")) && Boolean.TRUE.equals(r.get("watertight"));
    }

    private static Measures measures(Map<?, ?> figures) {
        List<Double> size = new ArrayList<>();
        if (figures.get("size_mm") instanceof List<?> l && l.size() == 3) {
            for (Object o : l) {
                if (o instanceof Number n) {
                    size.add(n.doubleValue());
                }
            }
        }
        Double volume = number(figures.get("volume_mm3"));
        Double grams = number(figures.get("material_grams"));
        if (size.size() != 3 && volume == null && grams == null) {
            return null;
        }
        return new Measures(size.size() == 3 ? size : List.of(), volume, grams);
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    /** The first JSON file of {@code files} named {@code [prefix_]<model><kind>[_suffixes].json}. */
    private static Path named(List<String> files, String model, String kind) {
        for (String f : files) {
            Path p = Path.of(f);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.endsWith(".json") && name.contains(model + kind)) {
                return p;
            }
        }
        return null;
    }

    /** The JSON object in {@code file}, or null when it is missing or unreadable. */
    private static Map<?, ?> readJson(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.readValue(file, Map.class, JsonLimits.FILE_INFO);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Path first(ProcessingState cp, StepKind step, Path root) {
        ProcessingState.StepRecord rec = cp.record(step);
        return rec == null || rec.outputs.isEmpty() ? null : root.resolve(rec.outputs.get(0));
    }

    private static List<Path> all(ProcessingState cp, StepKind step, Path root) {
        ProcessingState.StepRecord rec = cp.record(step);
        return rec == null ? List.of() : rec.outputs.stream().map(root::resolve).toList();
    }
}
