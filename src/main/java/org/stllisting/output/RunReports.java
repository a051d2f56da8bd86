package org.stllisting.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run writes about itself into the output folder (README, The output folder): the top-level
 * {@code processing_log.txt}, {@code queue_summary.json}, each model's {@code processing_log.txt} and
 * {@code error_log.txt}, and the {@code failed/} entries. Fed plain values; keeps no queue state.
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
     * A finished job's logs: a failed or skipped model is filed under {@code failed/}; a model with an output
     * folder gets its {@code processing_log.txt} and, when anything went wrong ({@code problems}), its
     * {@code error_log.txt}.
     */
    public static void writeJobLogs(OutputLayout layout, String model, Instant created, Path source, Ending ending,
            String logText, Collection<String> problems) throws IOException {
        ModelOutputs outputs = layout.model(model, created);
        boolean folderExists = layout.mode() != OutputMode.PER_MODEL || Files.isDirectory(outputs.folder());
        if (ending.failed()) {
            OutputOrganizer.recordFailure(layout, model, source, ending.error(), logText.lines().toList());
        }
        if (ending.completed() || folderExists) {
            Files.createDirectories(outputs.processingLog().getParent());
            OutputFiles.writeString(outputs.processingLog(), logText);
            List<String> all = new java.util.ArrayList<>();
            if (ending.error() != null) {
                all.add(ending.state() + ": " + ending.error());
            }
            all.addAll(problems);
            if (!all.isEmpty()) {
                OutputFiles.writeString(outputs.errorLog(), String.join(System.lineSeparator(),
                        new LinkedHashSet<>(all)) + System.lineSeparator());
            } else {
                Files.deleteIfExists(outputs.errorLog());
            }
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
