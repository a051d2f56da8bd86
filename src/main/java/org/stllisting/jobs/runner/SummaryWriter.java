package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.output.OutputLayout;
import org.stllisting.output.OutputPlacement;
import org.stllisting.output.QueueSummary;
import org.stllisting.output.RunReports;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueReader;
import org.stllisting.store.queue.SessionState;

/**
 * {@code queue_summary.json}, {@code report.html} and {@code listing.csv} (README, The output folder): every
 * job's outcome and files, written at most every two seconds while the queue runs and whenever it ends.
 */
final class SummaryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SummaryWriter.class);
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final RunnerCore core;
    private final ListingAssembly listing;
    // guarded by core.lock
    private long lastNanos;

    SummaryWriter(RunnerCore core) {
        this.core = core;
        this.listing = new ListingAssembly(core);
    }

    /** With the lock held: writes the summary unless one was written in the last two seconds ({@code force}: now). */
    void writeLocked(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastNanos < INTERVAL_NANOS) {
            return;
        }
        lastNanos = now;
        List<ListingAssembly.Row> rows = new ArrayList<>();
        QueueSummary summary = core.store.read(q -> summary(q, rows));
        if (summary == null) {
            return;
        }
        try {
            OutputLayout top = OutputPlacement.layout(core.settings(), null);
            RunReports.writeSummary(top, summary);
            listing.offer(top, summary.template(), summary.startedAt(), summary.finished(), rows, force);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write queue_summary.json", e);
        }
    }

    /**
     * With the lock held, at the end of a run: its last summary and report, written at once; only then the
     * session's state (finished, else stopped), so that a crash before the report leaves the session running
     * and recovery writes the report again ({@link RunRecovery}); then, for a finished run whose home does not
     * keep them, the caches of its completed and skipped jobs, whose checkpoints the report reads.
     */
    void writeLastLocked(boolean finished) {
        writeLocked(true);
        core.setSessionQuietlyLocked(finished ? SessionState.FINISHED : SessionState.STOPPED);
        if (finished && !core.config.keepJobCaches()) {
            JobCaches.removeDone(core);
        }
    }

    /** The summary, and each job as the report needs it into {@code rows}. */
    private QueueSummary summary(QueueReader q, List<ListingAssembly.Row> rows) {
        String base = q.head().queueSettings.outputBaseFolder;
        if (base == null) {
            return null;
        }
        Path root = Path.of(base).toAbsolutePath().normalize();
        List<QueueSummary.JobLine> lines = new ArrayList<>(q.size());
        for (JobDto j : q.jobs()) {
            List<String> files = new ArrayList<>(j.results.filesGenerated.size());
            for (String f : j.results.filesGenerated) {
                Path p = Path.of(f);
                files.add(p.startsWith(root) ? root.relativize(p).toString().replace('\\', '/') : f);
            }
            lines.add(new QueueSummary.JobLine(j.id, RunnerCore.modelName(j), j.stlPath, j.state.json(),
                    OutputPlacement.reportedFolder(j.outputFolder, j.state), j.actualDuration, j.attempts,
                    List.copyOf(files), List.copyOf(j.results.warnings), j.errorMessage, j.results.verdict,
                    List.copyOf(j.results.problems)));
            rows.add(ListingAssembly.Row.of(j));
        }
        int pending = q.count(JobState.PENDING);
        int running = q.count(JobState.RUNNING);
        QueueSummary.Totals totals = new QueueSummary.Totals(q.size(), q.count(JobState.COMPLETED),
                q.count(JobState.FAILED), q.count(JobState.CANCELLED), q.count(JobState.SKIPPED), pending, running);
        return new QueueSummary(q.head().queueSessionId, q.head().template, root.toString(),
                q.head().queueSettings.outputMode, q.head().createdAt, Instant.now(), pending + running == 0, totals,
                lines);
    }

    /** Lets a report being written in the background finish; none is started after. */
    void close() {
        listing.close(10_000);
    }
}
