package org.stllisting.output;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The paths of one model's files in its output folder. Per-model mode (seed 004):
 * <pre>
 * &lt;model&gt;/source/&lt;model&gt;.stl -&gt; original, file_info.json, &lt;model&gt;_repaired.stl
 * &lt;model&gt;/renders/&lt;model&gt;_render.png, _size_chart.png, _presentation.mp4, color_variations/&lt;model&gt;_&lt;color&gt;.png
 * &lt;model&gt;/analysis/&lt;model&gt;_analysis.json, _dimensions.json, _validation.json, _repair.json
 * &lt;model&gt;/logs/&lt;model&gt;_processing.log, _error.log (an error), _warnings.log (warnings)
 * </pre>
 * Flat mode puts all of them in the output folder; grouped mode sorts them into {@code renders/},
 * {@code size_charts/}, {@code videos/}, {@code color_variations/}, {@code analysis/}, {@code meshes/},
 * {@code sources/} and {@code logs/}. Immutable.
 */
public final class ModelOutputs {
    private final OutputLayout layout;
    private final String name;
    private final Instant created;

    ModelOutputs(OutputLayout layout, String name, Instant created) {
        this.layout = layout;
        this.name = name;
        this.created = created;
    }

    public String name() {
        return name;
    }

    public OutputLayout layout() {
        return layout;
    }

    /** The model's own folder in per-model mode; the output folder otherwise. */
    public Path folder() throws UnsafeOutputPathException {
        return layout.mode() == OutputMode.PER_MODEL ? layout.inside(name) : layout.root();
    }

    /** The link to the original file (named like it, with its extension). */
    public Path sourceLink(String extension) throws UnsafeOutputPathException {
        return at("source", "sources", name + extension);
    }

    public Path fileInfo() throws UnsafeOutputPathException {
        return layout.mode() == OutputMode.PER_MODEL
                ? at("source", null, "file_info.json")
                : at(null, "sources", fileName("file_info", ".json", null));
    }

    public Path repairedMesh() throws UnsafeOutputPathException {
        return at("source", "meshes", fileName("repaired", ".stl", null));
    }

    public Path render(RenderTags tags) throws UnsafeOutputPathException {
        return at("renders", "renders", fileName("render", ".png", tags));
    }

    public Path sizeChart(RenderTags tags) throws UnsafeOutputPathException {
        return at("renders", "size_charts", fileName("size_chart", ".png", tags));
    }

    public Path video(RenderTags tags) throws UnsafeOutputPathException {
        return at("renders", "videos", fileName("presentation", ".mp4", tags));
    }

    public Path colorVariation(String color, RenderTags tags) throws UnsafeOutputPathException {
        String kind = FileNames.colorPart(color);
        return at("renders/color_variations", "color_variations", fileName(kind, ".png", tags));
    }

    public Path analysis() throws UnsafeOutputPathException {
        return at("analysis", "analysis", fileName("analysis", ".json", null));
    }

    public Path dimensions() throws UnsafeOutputPathException {
        return at("analysis", "analysis", fileName("dimensions", ".json", null));
    }

    public Path validation() throws UnsafeOutputPathException {
        return at("analysis", "analysis", fileName("validation", ".json", null));
    }

    public Path repairReport() throws UnsafeOutputPathException {
        return at("analysis", "analysis", fileName("repair", ".json", null));
    }

    public Path processingLog() throws UnsafeOutputPathException {
        return at("logs", "logs", fileName("processing", ".log", null));
    }

    /** Why the job did not complete, named like the {@code failed/} entry's log. */
    public Path errorLog() throws UnsafeOutputPathException {
        return at("logs", "logs", fileName("error", ".log", null));
    }

    /** What validation found and repair changed, and the other notes of a job that went on. */
    public Path warningsLog() throws UnsafeOutputPathException {
        return at("logs", "logs", fileName("warnings", ".log", null));
    }

    /** The folders the model's files go into (created before the first step writes). */
    public List<Path> folders() throws UnsafeOutputPathException {
        List<Path> l = new ArrayList<>();
        switch (layout.mode()) {
            case PER_MODEL -> {
                l.add(folder());
                for (String s : List.of("source", "renders", "renders/color_variations", "analysis", "logs")) {
                    l.add(layout.inside(name + "/" + s));
                }
            }
            case FLAT -> l.add(layout.root());
            case GROUPED -> {
                for (String s : List.of("renders", "size_charts", "videos", "color_variations", "analysis", "meshes",
                        "sources", "logs")) {
                    l.add(layout.inside(s));
                }
            }
        }
        return l;
    }

    /** {@code [prefix_]<model>_<kind>[_quality][_material][_size][_timestamp]<ext>} */
    String fileName(String kind, String ext, RenderTags tags) {
        NamingOptions n = layout.naming();
        StringBuilder sb = new StringBuilder();
        String prefix = n.customPrefix();
        if (prefix != null && !prefix.isEmpty()) {
            sb.append(prefix);
            if (!prefix.endsWith("_") && !prefix.endsWith("-")) {
                sb.append('_');
            }
        }
        sb.append(name).append('_').append(kind);
        if (tags != null) {
            if (n.qualitySuffix()) {
                sb.append('_').append(tags.qualityLabel());
            }
            if (n.materialSuffix()) {
                sb.append('_').append(tags.materialLabel());
            }
            if (n.sizeSuffix()) {
                sb.append('_').append(tags.sizeLabel());
            }
        }
        if (n.timestampSuffix()) {
            sb.append('_').append(layout.stamp(created));
        }
        return sb.append(ext).toString();
    }

    private Path at(String perModelDir, String groupedDir, String file) throws UnsafeOutputPathException {
        return switch (layout.mode()) {
            case PER_MODEL -> layout.inside(name + "/" + (perModelDir == null ? "" : perModelDir + "/") + file);
            case FLAT -> layout.inside(file);
            case GROUPED -> layout.inside((groupedDir == null ? "" : groupedDir + "/") + file);
        };
    }
}
