package org.stllisting.output;

import java.time.Instant;
import java.util.List;

/** {@code queue_summary.json} at the top of an output folder: what the run did, job by job. */
public record QueueSummary(String sessionId, String template, String outputFolder, String mode, Instant startedAt,
        Instant updatedAt, boolean finished, Totals totals, List<JobLine> jobs) {

    public record Totals(int total, int completed, int failed, int cancelled, int skipped, int pending, int running) {
    }

    /**
     * One job; {@code files} are relative to the output folder. {@code verdict} is the model's verdict against
     * its template's validation level ({@code passed}, {@code repaired}, {@code problems}; null before
     * validation ran), {@code problems} what is still wrong with it in plain words.
     */
    public record JobLine(String id, String model, String source, String state, String outputFolder,
            Double durationSeconds, int attempts, List<String> files, List<String> warnings, String error,
            String verdict, List<String> problems) {
    }
}
