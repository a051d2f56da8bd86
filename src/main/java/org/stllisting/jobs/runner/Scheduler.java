package org.stllisting.jobs.runner;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueReader;
import org.stllisting.store.queue.UnexpectedStateException;

/**
 * The scheduler thread (docs/ARCHITECTURE.md, Threading): while the queue is processing it enforces
 * timeouts, watches a pause for disk space or the history, starts pending jobs in queue order up to the
 * concurrency limit (each durably running before its worker starts), and ends the run when every job is
 * finished and recorded, or when a stop has let the running steps finish. It holds the runner's lock except
 * while waiting.
 */
final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final RunnerCore core;
    private final DiskGate disk;
    private final HistoryRecorder history;
    // ---- guarded by core.lock
    private boolean housekeeping;
    private long lastHousekeeping;

    Scheduler(RunnerCore core, DiskGate disk, HistoryRecorder history) {
        this.core = core;
        this.disk = disk;
        this.history = history;
    }

    void loop() {
        core.lock.run(() -> { // held for the loop's whole life; released while it waits
            while (!core.closed) {
                long waitNanos = core.active ? tickLocked() : TimeUnit.SECONDS.toNanos(1);
                try {
                    core.lock.awaitNanos(Math.max(1_000_000, waitNanos));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** One round with the lock held; returns how long to wait before the next (at least a millisecond). */
    private long tickLocked() {
        long now = System.nanoTime();
        for (Running r : core.running.values()) {
            if (r.deadlineNanos > 0 && now >= r.deadlineNanos) {
                r.abort(Running.Abort.TIMEOUT);
            }
        }
        if (core.paused == PauseReason.DISK_SPACE) {
            disk.recheckLocked();
        }
        int[] counts = core.store.read(q -> new int[] {q.count(JobState.PENDING), q.count(JobState.RUNNING)});
        history.flushLocked(core.running.isEmpty() && counts[0] == 0 && counts[1] == 0);
        if (core.paused == null && core.stopping == null) {
            launchLocked();
        }
        if (core.running.isEmpty() && endLocked()) {
            return 0;
        }
        long wait = Math.min(TimeUnit.SECONDS.toNanos(1), nextWakeLocked(now));
        if (core.paused == PauseReason.DISK_SPACE || !history.isEmptyLocked()) {
            wait = Math.min(wait, core.config.diskPoll().toNanos());
        }
        return wait;
    }

    /** Starts pending jobs up to the concurrency limit. */
    private void launchLocked() {
        int max = Math.max(1, core.store.read(q -> q.head().queueSettings.maxConcurrentJobs));
        if (core.running.size() < max) {
            housekeepLocked();
        }
        while (core.running.size() < max && core.stopping == null && !core.draining) {
            JobDto next = core.store.read(this::nextEligible);
            if (next == null) {
                return;
            }
            launchLocked(next);
        }
    }

    /** With nothing running: ends the run when it is stopped or done; true when it ended. */
    private boolean endLocked() {
        int[] counts = core.store.read(q -> new int[] {q.count(JobState.PENDING), q.count(JobState.RUNNING)});
        boolean nothingLeft = counts[0] == 0 && counts[1] == 0;
        if (core.stopping != null) {
            end(false);
            return true;
        }
        // the queue is done when every job is finished and recorded in the history
        if (nothingLeft && history.isEmptyLocked()) {
            end(true);
            return true;
        }
        if (core.draining) {
            // stop after a job: it and the jobs that ran with it have finished
            end(false);
            return true;
        }
        if (nothingLeft && history.gaveUpLocked()) {
            // nothing left to process and the history still cannot be written: stop rather than wait without
            // end; the rows wait in the queue state for the next start
            core.post(history.stillWaitingLocked());
            end(false);
            return true;
        }
        return false;
    }

    /** The first pending job, in queue order, whose retry delay has passed; moves the cursor past finished ones. */
    private JobDto nextEligible(QueueReader q) {
        Instant now = Instant.now();
        boolean prefix = true;
        int i = 0;
        for (JobDto j : q.jobs()) {
            if (i++ < core.cursor) {
                continue;
            }
            if (j.state.isFinal()) {
                if (prefix) {
                    core.cursor = i; // only a command (retry, add, move) brings a finished job back
                }
                continue;
            }
            if (j.state != JobState.PENDING || core.running.containsKey(j.id)) {
                prefix = false; // a running job may come back (stopped, retry scheduled)
                continue;
            }
            if (j.nextRetryAt != null && j.nextRetryAt.isAfter(now)) {
                prefix = false;
                continue;
            }
            return j.copy();
        }
        return null;
    }

    /** Nanoseconds until a retry delay or a timeout ends. */
    private long nextWakeLocked(long nowNanos) {
        long wake = core.store.read(q -> {
            long w = Long.MAX_VALUE;
            if (q.count(JobState.PENDING) > 0) {
                Instant now = Instant.now();
                for (JobDto j : q.jobs()) {
                    if (j.state == JobState.PENDING && j.nextRetryAt != null && j.nextRetryAt.isAfter(now)) {
                        w = Math.min(w, Duration.between(now, j.nextRetryAt).toNanos());
                    }
                }
            }
            return w;
        });
        for (Running r : core.running.values()) {
            if (r.deadlineNanos > 0) {
                wake = Math.min(wake, r.deadlineNanos - nowNanos);
            }
        }
        return wake;
    }

    /**
     * Makes the job durably running, then hands it to a worker: nothing reports it running before the queue
     * state on disk says so. When that write fails, the job stays pending and the run stops with the reason.
     */
    private void launchLocked(JobDto j) {
        JobDto started;
        try {
            // a job queued by an older version has no estimate yet
            Double estimate = j.estimatedDuration != null ? null : core.estimates.seconds(j, core.head());
            started = core.states.apply(j.id, Transition.start(j.attempts, estimate));
        } catch (UnexpectedStateException e) {
            return; // taken meanwhile (cancelled): the next round looks again
        } catch (IOException | RuntimeException e) {
            LOG.error("could not start job {}", j.id, e);
            core.post(new RunnerEvent.Warning(Instant.now(), j.id, RunnerCore.fileName(j),
                    "could not start: " + JobErrors.message(e) + "; the queue stops"));
            core.stopping = StopMode.AFTER_CURRENT_STEPS;
            return;
        }
        long timeout = core.store.read(q -> q.head().queueSettings.jobTimeoutSeconds);
        Running r = new Running(j.id, TimeUnit.SECONDS.toNanos(Math.max(0, timeout)));
        core.running.put(j.id, r);
        if (j.id.equals(core.stopAfterJob)) {
            // stop after this job: it is the last to start
            core.stopAfterJob = null;
            core.draining = true;
        }
        core.workers.execute(new JobAttempt(core, disk, history, r, started));
    }

    /**
     * Between jobs, at most once per {@code housekeepingEvery} and one at a time: hands the housekeeper the jobs
     * whose caches must stay, on a worker thread.
     */
    private void housekeepLocked() {
        QueueRunner.Config c = core.config;
        long now = System.nanoTime();
        if (c.housekeeper() == Housekeeper.NONE || housekeeping || now - lastHousekeeping < c.housekeepingEvery().toNanos()
                && lastHousekeeping != 0) {
            return;
        }
        java.util.Set<String> keep = core.store.read(q -> {
            java.util.Set<String> ids = new java.util.HashSet<>(core.running.keySet());
            for (JobDto j : q.jobs()) {
                if (!j.state.isFinal() || HistoryRecorder.awaitsHistory(j)) {
                    ids.add(j.id);
                }
            }
            return ids;
        });
        housekeeping = true;
        lastHousekeeping = now;
        core.workers.execute(() -> {
            try {
                c.housekeeper().betweenJobs(keep);
            } catch (IOException | RuntimeException e) {
                LOG.warn("keeping the cache under its cap failed: {}", e.toString());
            } finally {
                core.lock.run(() -> housekeeping = false);
            }
        });
    }

    private void end(boolean finished) {
        core.active = false;
        StopMode mode = core.stopping != null ? core.stopping : StopMode.AFTER_CURRENT_STEPS;
        core.stopping = null;
        core.stopAfterJob = null;
        core.draining = false;
        core.summary.writeLastLocked(finished);
        core.store.read(q -> {
            if (finished) {
                core.post(new RunnerEvent.QueueFinished(Instant.now(), q.count(JobState.COMPLETED),
                        q.count(JobState.FAILED), q.count(JobState.CANCELLED), q.count(JobState.SKIPPED)));
            } else {
                core.post(new RunnerEvent.QueueStopped(Instant.now(), mode,
                        q.count(JobState.PENDING) + q.count(JobState.RUNNING)));
            }
            return null;
        });
        core.lock.signal();
    }
}
