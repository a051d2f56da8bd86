package org.stllisting.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run writes about itself into the output folder (README, The output folder): the top-level
 * {@code processing_log.txt}, {@code queue_summary.json}, each model's {@code <model>_processing.log},
 * {@code <model>_error.log} and {@code <model>_warnings.log}, and the {@code failed/} entries. Fed plain values;
 * keeps no queue state.
 */
public final class RunReports {
    private static final Logger LOG = LoggerFactory.getLogger(RunReports.class);

    private final Object processingLogLock = new Object();
    /** Why processing_log.txt was last not written (said once, not for every line). */
    private String processingLogProblem;

    /**
     * Appends one line to the run's {@code processing_log.txt} in {@code root}. Returns a problem to tell the
     * user when the line could not be written and this is the first time for this reason, else null.
     */
    public String appendProcessingLog(Path root, String model, String what) {
        String line = Instant.now() + "  " + model + "  " + what;
        synchronized (processingLogLock) {
            try {
                OutputMarker.mark(root);
                OutputFiles.appendLine(new OutputLayout(root, OutputMode.FLAT, null).processingLog(), line);
                return null;
            } catch (IOException e) {
                LOG.warn("could not append to processing_log.txt", e);
                String why = "processing_log.txt is not written: " + e.getMessage();
                if (why.equals(processingLogProblem)) {
                    return null;
                }
                processingLogProblem = why;
                return why;
            }
        }
    }

    /** Writes {@code queue_summary.json} in the summary's output folder (logged, never thrown, on failure). */
    public static void writeSummary(OutputLayout top, QueueSummary summary) {
        try {
            OutputMarker.mark(top.root());
            OutputFiles.writeJson(top.queueSummary(), summary);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write queue_summary.json", e);
        }
    }

    /** How a job ended, for its logs. */
    public record Ending(String state, String error, boolean failed, boolean completed) {
    }

    /**
     * What went wrong in a job: {@code errors} of attempts that failed (a retried attempt's, the final one's),
     * {@code warnings} of the steps that went on (what validation found, what repair changed).
     */
    public record Problems(List<String> errors, List<String> warnings) {
        public Problems {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * A finished job's logs: a failed or skipped model is filed under {@code failed/}; a model with an output
     * folder gets its {@code <model>_processing.log}, a {@code <model>_error.log} when an attempt failed or the
     * job did not complete, and a {@code <model>_warnings.log} when a step warned. A model that only had
     * warnings has no error log.
     */
    public static void writeJobLogs(OutputLayout layout, String model, Instant created, Path source, Ending ending,
            String logText, Problems problems) throws IOException {
        ModelOutputs outputs = layout.model(model, created);
        boolean folderExists = layout.mode() != OutputMode.PER_MODEL || Files.isDirectory(outputs.folder());
        if (ending.failed()) {
            OutputOrganizer.recordFailure(layout, model, source, ending.error(), logText.lines().toList());
        }
        if (ending.completed() || folderExists) {
            Files.createDirectories(outputs.processingLog().getParent());
            OutputFiles.writeString(outputs.processingLog(), logText);
            List<String> errors = new java.util.ArrayList<>();
            if (ending.error() != null) {
                errors.add(ending.state() + ": " + ending.error());
            }
            for (String e : problems.errors()) {
                if (!e.equals(ending.error())) {
                    errors.add(e);
                }
            }
            writeLines(outputs.errorLog(), errors);
            writeLines(outputs.warningsLog(), problems.warnings());
        }
    }

    /** Writes the distinct lines into {@code file}, or removes an earlier attempt's file when there are none. */
    private static void writeLines(Path file, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            Files.deleteIfExists(file);
        } else {
            OutputFiles.writeString(file, String.join(System.lineSeparator(), new LinkedHashSet<>(lines))
                    + System.lineSeparator());
        }
    }

    /** A job's own log, kept in its cache folder while it runs and copied to its output when it ends. */
    public static final class JobLog {
        private final Path file;

        public JobLog(Path cacheDir) {
            this.file = cacheDir.resolve("processing.log");
        }

        public void line(String text) {
            try {
                OutputFiles.appendLine(file, Instant.now() + "  " + text);
            } catch (IOException e) {
                LOG.warn("could not write {}", file, e);
            }
        }

        public String text() {
            try {
                return Files.exists(file) ? Files.readString(file) : "";
            } catch (IOException e) {
                return "";
            }
        }
    }
}
