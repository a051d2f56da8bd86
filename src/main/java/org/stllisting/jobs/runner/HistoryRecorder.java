package org.stllisting.jobs.runner;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.UnexpectedStateException;

/**
 * One history row per final outcome (README, Job history). When the history cannot be written (locked,
 * read-only, full), the job's work is kept, its row waits (marked in the queue state, so it survives a
 * restart) and the queue pauses with SQLite's reason; the scheduler tries again every poll interval and the
 * queue resumes once every waiting row is written. The history ignores a second row with the same id, so a
 * crash between a row and its mark only records it again.
 */
final class HistoryRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRecorder.class);

    private final RunnerCore core;
    // ---- guarded by core.lock
    /** Finished jobs whose history row could not be written yet, by id, as they finished. */
    private final Map<String, JobDto> backlog = new LinkedHashMap<>();
    private boolean flushing;
    /** The history still failed after every job had finished: the queue ends, the rows keep waiting. */
    private boolean gaveUp;
    private String problem;
    private long nextTryNanos;

    HistoryRecorder(RunnerCore core) {
        this.core = core;
        load();
    }

    /** With the lock held: the queue was replaced; the rows that wait are those of the new queue. */
    void reloadLocked() {
        backlog.clear();
        gaveUp = false;
        problem = null;
        nextTryNanos = 0;
        load();
    }

    private void load() {
        core.store.read(q -> {
            for (JobDto j : q.jobs()) {
                if (awaitsHistory(j)) {
                    backlog.put(j.id, j.copy());
                }
            }
            return null;
        });
    }

    /** True for a finished job whose history row is not written yet (the history could not be written). */
    static boolean awaitsHistory(JobDto j) {
        return j.results != null && Boolean.TRUE.equals(j.results.details.get(JobFields.HISTORY_PENDING));
    }

    int waiting() {
        return core.lock.get(backlog::size);
    }

    /** With the lock held. */
    boolean isEmptyLocked() {
        return backlog.isEmpty();
    }

    /** With the lock held: the queue may end without its rows (the history still fails). */
    boolean gaveUpLocked() {
        return gaveUp && !flushing;
    }

    void startLocked() {
        gaveUp = false;
    }

    /**
     * Records a finished job (and an earlier outcome of it that still waits); when the history cannot be
     * written, pauses the queue and returns false: the caller marks the job.
     */
    boolean recordOrHold(JobDto fin) {
        JobDto earlier = core.lock.get(() -> backlog.get(fin.id));
        try {
            if (earlier != null) {
                // an earlier outcome of this job (queued again since) still waits for its row
                record(earlier);
            }
            record(fin);
            core.lock.run(() -> backlog.remove(fin.id));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("job {} ({}): could not write its history row", fin.id, RunnerCore.fileName(fin), e);
            core.lock.run(() -> backlog.putIfAbsent(fin.id, fin));
            unavailable(e);
            return false;
        }
    }

    /** Pauses the queue (unless the user paused it) with the reason the history cannot be written. */
    private void unavailable(Exception e) {
        core.lock.run(() -> {
            // SQLite's own words ("attempt to write a readonly database"); the path is said once, below
            String reason = e.getCause() instanceof java.sql.SQLException sql && sql.getMessage() != null
                    ? sql.getMessage() : JobErrors.message(e);
            problem = reason;
            String message = "Paused: the job history " + (core.history == null ? "" : core.history.file() + " ")
                    + "cannot be written (" + reason + "); " + backlog.size() + " finished job(s) wait to be"
                    + " recorded; the queue resumes when it can be written again";
            if (core.paused == null || core.paused == PauseReason.DISK_SPACE) {
                core.pauseLocked(PauseReason.HISTORY, message);
                LOG.warn(message);
            } else if (core.paused == PauseReason.HISTORY) {
                core.pauseMessage = message;
            }
            nextTryNanos = System.nanoTime() + core.config.diskPoll().toNanos();
            core.lock.signal();
        });
    }

    /**
     * Scheduler, with the lock held: when rows wait, tries (on a worker, never holding the lock while SQLite
     * waits) to write them; when all are written, ends a pause for the history.
     */
    void flushLocked(boolean idle) {
        if (backlog.isEmpty() || flushing || System.nanoTime() < nextTryNanos) {
            return;
        }
        flushing = true;
        List<JobDto> todo = new ArrayList<>(backlog.values());
        core.workers.execute(() -> {
            Exception failure = null;
            try {
                failure = recordAll(todo);
            } finally {
                Exception f = failure;
                core.lock.run(() -> {
                    flushing = false;
                    gaveUp = f != null && idle;
                    nextTryNanos = System.nanoTime() + core.config.diskPoll().toNanos();
                    if (f == null && backlog.isEmpty() && core.paused == PauseReason.HISTORY) {
                        LOG.info("the job history can be written again; the queue resumes");
                        core.unpauseLocked();
                    }
                    core.lock.signal();
                });
            }
            if (failure != null) {
                unavailable(failure);
            }
        });
    }

    /** Recovery: writes the rows an earlier run could not; says in the log when they still wait. */
    void recordEarlier() {
        List<JobDto> todo = core.lock.get(() -> new ArrayList<>(backlog.values()));
        if (todo.isEmpty()) {
            return;
        }
        Exception failure = recordAll(todo);
        if (failure != null) {
            LOG.warn("{} finished job(s) still wait for their history rows: {}", waiting(), JobErrors.message(failure));
        }
    }

    /**
     * Writes the rows of finished jobs that wait for them, then clears each job's mark (a crash in between
     * records it again, which the history ignores). Returns the first failure, or null.
     */
    private Exception recordAll(List<JobDto> todo) {
        for (JobDto j : todo) {
            try {
                record(j);
                clearMark(j.id);
            } catch (IOException | RuntimeException e) {
                LOG.debug("the history still cannot be written", e);
                return e;
            }
        }
        return null;
    }

    private void clearMark(String id) throws IOException {
        while (true) {
            JobDto current = core.states.find(id);
            if (current != null && awaitsHistory(current)) {
                try {
                    core.states.apply(id, Transition.historyMark(current.state, true));
                } catch (UnexpectedStateException e) {
                    continue; // it moved meanwhile (queued again, started): clear the mark on what it is now
                }
            }
            core.lock.run(() -> backlog.remove(id));
            return;
        }
    }

    private void record(JobDto fin) throws IOException {
        if (core.history == null) {
            return;
        }
        JobDto h = fin.copy();
        h.results.details.remove(JobFields.HISTORY_PENDING);
        h.id = HistoryIds.of(fin);
        HistoryRecord row = core.store.read(q -> HistoryRecord.fromJob(h, q.head(), core.config.appVersion(),
                core.config.createdBy()));
        core.history.record(row);
    }

    /** The warning when the queue ends with rows still waiting. */
    RunnerEvent.Warning stillWaitingLocked() {
        return new RunnerEvent.Warning(Instant.now(), null, null, backlog.size()
                + " finished job(s) are not in the job history yet (" + problem
                + "); they are recorded at the next start or resume");
    }
}
