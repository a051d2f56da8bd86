package org.stllisting.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The output-folder operations a job performs besides writing its own step results: preparing the model's
 * folders, linking the source with its {@code file_info.json}, and filing a failure under {@code failed/}.
 * Stateless and thread-safe; distinct models never touch the same files.
 */
public final class OutputOrganizer {
    private OutputOrganizer() {
    }

    public static void prepare(ModelOutputs model) throws IOException {
        OutputMarker.mark(model.layout().root());
        for (Path dir : model.folders()) {
            Files.createDirectories(dir);
        }
    }

    /**
     * Links {@code original} into the model's source folder and writes {@code file_info.json}; when no link
     * can be made the info records the original path and the reason. Returns what was written.
     */
    public static SourceFileInfo linkSource(ModelOutputs model, Path original, SourceFileInfo info) throws IOException {
        Path link = model.sourceLink(extension(original));
        model.layout().check(link);
        OutputMarker.mark(model.layout().root());
        String error = OutputFiles.link(link, original);
        SourceFileInfo written = new SourceFileInfo(info.modelName(), original.toAbsolutePath().toString(),
                info.fileName(), info.sizeBytes(), info.modifiedAt(), info.sha256(), info.format(), info.facets(),
                info.validationPassed(), error == null ? link.getFileName().toString() : null, error);
        OutputFiles.writeJson(model.fileInfo(), written);
        return written;
    }

    /**
     * Files a job that could not be processed: {@code failed/<model>.stl} links to the source (when a link
     * can be made) and {@code failed/<model>_error.log} says what went wrong and where the file is.
     */
    public static Path recordFailure(OutputLayout layout, String modelName, Path original, String error,
            List<String> details) throws IOException {
        Path log = layout.failedErrorLog(modelName);
        Path link = layout.failedLink(modelName, extension(original));
        OutputMarker.mark(layout.root());
        Files.createDirectories(log.getParent());
        String linkError = Files.exists(original) ? OutputFiles.link(link, original) : "the source file no longer exists";
        StringBuilder sb = new StringBuilder();
        sb.append("Model:   ").append(modelName).append('\n');
        sb.append("Source:  ").append(original.toAbsolutePath()).append('\n');
        sb.append("Failed:  ").append(Instant.now()).append('\n');
        sb.append("Error:   ").append(error).append('\n');
        if (linkError != null) {
            sb.append("Link:    none (").append(linkError).append(")\n");
        }
        if (details != null && !details.isEmpty()) {
            sb.append('\n');
            for (String d : details) {
                sb.append(d).append('\n');
            }
        }
        OutputFiles.writeString(log, sb.toString());
        return log;
    }

    /** Takes a failure off {@code failed/} again (after a successful retry). */
    public static void clearFailure(OutputLayout layout, String modelName, Path original) throws IOException {
        Files.deleteIfExists(layout.failedErrorLog(modelName));
        Files.deleteIfExists(layout.failedLink(modelName, extension(original)));
    }

    static String extension(Path p) {
        String f = p.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(dot) : ".stl";
    }
}
