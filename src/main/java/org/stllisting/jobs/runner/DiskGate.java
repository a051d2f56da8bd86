package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.store.queue.JobDto;

/**
 * Free disk space before every step (README, Processing a folder): below the queue's threshold, on the
 * output folder or the home, the queue pauses with the numbers and resumes by itself once space returns.
 */
final class DiskGate {
    private static final Logger LOG = LoggerFactory.getLogger(DiskGate.class);

    private final RunnerCore core;

    DiskGate(RunnerCore core) {
        this.core = core;
    }

    private long thresholdBytes() {
        return core.store.read(q -> q.head().queueSettings.minFreeDiskMb) * 1024L * 1024L;
    }

    /** True when there is room for the job's next step; otherwise pauses the queue (once) and returns false. */
    boolean roomFor(JobDto job) throws IOException {
        long threshold = thresholdBytes();
        if (threshold <= 0) {
            return true;
        }
        Path out = job.outputFolder != null ? Path.of(job.outputFolder) : core.home.root();
        long free = core.config.disk().usableBytes(out);
        Path where = out;
        long homeFree = core.config.disk().usableBytes(core.home.root());
        if (homeFree < free) {
            free = homeFree;
            where = core.home.root();
        }
        if (free >= threshold) {
            return true;
        }
        long freeNow = free;
        Path whereNow = where;
        core.lock.run(() -> {
            if (core.paused == null) {
                String message = String.format(Locale.ROOT,
                        "Paused: only %d MB free on %s, below the %d MB threshold; resumes when space is freed",
                        freeNow >> 20, whereNow, threshold >> 20);
                core.post(new RunnerEvent.DiskSpaceLow(Instant.now(), whereNow, freeNow, threshold));
                core.pauseLocked(PauseReason.DISK_SPACE, message);
                LOG.warn(message);
            }
        });
        return false;
    }

    /** With the lock held, while paused for disk space: resumes the queue when space is back. */
    void recheckLocked() {
        long threshold = thresholdBytes();
        try {
            Path base = core.outputBase();
            Path out = base != null ? base : core.home.root();
            long free = Math.min(core.config.disk().usableBytes(out), core.config.disk().usableBytes(core.home.root()));
            if (free >= threshold) {
                core.unpauseLocked();
            }
        } catch (IOException e) {
            LOG.warn("could not measure free space", e);
        }
    }
}
