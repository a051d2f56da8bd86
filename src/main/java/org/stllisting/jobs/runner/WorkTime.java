package org.stllisting.jobs.runner;

import java.time.Duration;
import java.time.Instant;
import org.stllisting.store.queue.JobDto;

/**
 * A job's working time: the seconds its attempts have spent running, kept on the job
 * ({@link JobDto#workedSeconds} up to {@link JobDto#workingSince}) and brought up to date at every step
 * checkpoint, stop and retry. A job that resumes after the program was closed (or killed) goes on from what
 * was saved, so the time in between is not counted; the time of a step cut short by a crash is lost with it
 * (the step runs again and that run counts).
 */
final class WorkTime {
    private WorkTime() {
    }

    /** The job begins a stretch of work now. */
    static void begin(JobDto d, Instant now) {
        d.workingSince = now;
    }

    /** Saves the time worked up to now (a step's checkpoint); the stretch goes on. */
    static void checkpoint(JobDto d, Instant now) {
        boolean running = d.workingSince != null;
        d.workedSeconds = seconds(d, now);
        d.workingSince = running ? now : null;
    }

    /** Saves the time worked up to now and ends the stretch (stopped, failed, finished). */
    static void end(JobDto d, Instant now) {
        d.workedSeconds = seconds(d, now);
        d.workingSince = null;
    }

    /** A stretch the program did not end (it was killed): what the last checkpoint saved is what counts. */
    static void interrupted(JobDto d) {
        d.workingSince = null;
    }

    /** Queued again from the start: no time worked yet. */
    static void reset(JobDto d) {
        d.workedSeconds = null;
        d.workingSince = null;
    }

    /** Seconds worked up to {@code now}: what was saved plus the stretch running now, if any. */
    static double seconds(JobDto d, Instant now) {
        double s = d.workedSeconds == null ? 0 : d.workedSeconds;
        if (d.workingSince != null && now.isAfter(d.workingSince)) {
            s += Duration.between(d.workingSince, now).toNanos() / 1e9;
        }
        return s;
    }
}
