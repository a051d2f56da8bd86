package org.stllisting.jobs.runner;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueReader;

/**
 * How far a job and the queue are, and how long they have left: a job's percentage from its plan's step
 * weights, its ETA from this attempt's pace, the queue's percentage and ETA from the jobs' and the average
 * job's time. Posts {@code JobProgress} and (at most four times a second unless forced) {@code QueueProgress}.
 */
final class QueueProgress {
    private static final Logger LOG = LoggerFactory.getLogger(QueueProgress.class);
    private static final long QUEUE_PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final RunnerCore core;
    // guarded by core.lock
    private double avgJobSeconds = Double.NaN;
    private long lastQueueProgressNanos;

    QueueProgress(RunnerCore core) {
        this.core = core;
    }

    /** A step of a running job reports {@code fraction} (0–1) done with {@code message}. */
    void step(Running r, List<StepKind> plan, StepKind step, double fraction, String message) {
        double pct = 100 * within(plan, step, fraction);
        long now = System.nanoTime();
        if (r.step != step) {
            r.step = step;
            r.stepStartNanos = now;
        }
        if (!r.estimateRead) {
            r.estimate = core.store.read(q -> {
                JobDto j = q.job(r.id);
                return j == null ? null : j.estimatedDuration;
            });
            r.estimateRead = true;
        }
        Double eta = jobEta(plan, step, fraction, r.progressAtStart, (r.stepStartNanos - r.startNanos) / 1e9,
                (now - r.stepStartNanos) / 1e9, r.estimate);
        r.progress = pct;
        try {
            core.store.progress(r.id, step.id(), pct, message, eta);
        } catch (IOException e) {
            LOG.warn("could not save progress of {}", r.id, e);
        }
        core.post(new RunnerEvent.JobProgress(Instant.now(), r.id, pct, message, eta));
        postQueue(false);
    }

    /** Least share of the plan, and least seconds, that tell a pace. */
    private static final double PACE_SHARE = 0.02;
    private static final double PACE_SECONDS = 0.5;

    /**
     * Seconds left of a running job: what is left of the step it is in, and the steps after it at the pace of
     * this attempt's earlier steps (before one is timed, the job's estimate). The step's own rest is from its
     * own pace when it says how far it is, else what its share should take less the time spent in it (or less
     * the part it says is done, when that is more), never below none: a step that takes longer than its share
     * leaves the rest of the other steps, and the time left does not grow with the time spent in it. In a
     * steady run it counts down with the clock. Null when unknown.
     *
     * @param fraction 0–1 of {@code step} done, as the step says
     * @param atStart 0–1 of the plan done when this attempt began (a resumed job starts part-way)
     * @param beforeStep seconds this attempt worked before {@code step} began
     * @param inStep seconds spent in {@code step}
     * @param estimate the job's expected duration in seconds, or null
     */
    static Double jobEta(List<StepKind> plan, StepKind step, double fraction, double atStart, double beforeStep,
            double inStep, Double estimate) {
        double begun = within(plan, step, 0);
        double share = within(plan, step, 1) - begun;
        double after = Math.max(0, 1 - begun - share);
        double timed = begun - atStart;
        boolean saysHowFar = fraction >= 0.05 && inStep >= PACE_SECONDS;
        double pace; // seconds for the whole plan
        if (timed >= PACE_SHARE && beforeStep >= PACE_SECONDS) {
            pace = beforeStep / timed;
        } else if (estimate != null && estimate > 0) {
            pace = estimate;
        } else if (saysHowFar && fraction * share >= PACE_SHARE) {
            pace = inStep / (fraction * share);
        } else {
            return null;
        }
        // without a pace of its own, the step has done the more of its time spent and the share it says
        double stepLeft = saysHowFar ? inStep * (1 - fraction) / fraction
                : Math.max(0, Math.min(share * pace - inStep, share * pace * (1 - fraction)));
        return stepLeft + after * pace;
    }

    /** With the lock held: the queue was replaced; its ETA starts again from the estimates. */
    void resetLocked() {
        avgJobSeconds = Double.NaN;
    }

    /** A job finished in {@code seconds}: the average job time the queue's ETA uses. */
    void jobCompleted(double seconds) {
        core.lock.run(() -> avgJobSeconds = Double.isNaN(avgJobSeconds) ? seconds
                : 0.8 * avgJobSeconds + 0.2 * seconds);
    }

    /** Fraction 0–1 of a plan done when the steps before {@code step} are complete and it is at {@code f}. */
    static double within(List<StepKind> plan, StepKind step, double f) {
        int total = 0;
        for (StepKind k : plan) {
            total += k.weight();
        }
        double done = 0;
        for (StepKind k : plan) {
            if (k == step) {
                done += k.weight() * f;
                break;
            }
            done += k.weight();
        }
        return total == 0 ? 0 : Math.min(1, done / total);
    }

    /** Fraction 0–1 of a plan whose checkpoint is {@code state}. */
    static double of(List<StepKind> plan, ProcessingState state) {
        int total = 0;
        double done = 0;
        for (StepKind k : plan) {
            total += k.weight();
            if (state.isDone(k)) {
                done += k.weight();
            }
        }
        return total == 0 ? 0 : done / total;
    }

    /** Posts the queue's progress; unless {@code force}, at most every 250 ms. */
    void postQueue(boolean force) {
        core.lock.run(() -> {
            long now = System.nanoTime();
            if (!force && now - lastQueueProgressNanos < QUEUE_PROGRESS_INTERVAL_NANOS) {
                return;
            }
            lastQueueProgressNanos = now;
            core.store.read(q -> {
                core.post(new RunnerEvent.QueueProgress(Instant.now(), percentLocked(q), finished(q), q.size(),
                        q.count(JobState.RUNNING), etaLocked(q)));
                return null;
            });
        });
    }

    static int finished(QueueReader q) {
        return q.count(JobState.COMPLETED) + q.count(JobState.FAILED) + q.count(JobState.CANCELLED)
                + q.count(JobState.SKIPPED);
    }

    /** With the lock held: the queue's percentage, counting running jobs by their progress. */
    double percentLocked(QueueReader q) {
        int total = q.size();
        if (total == 0) {
            return 100;
        }
        double done = finished(q);
        for (Running r : core.running.values()) {
            if (running(q, r)) {
                done += r.progress / 100.0;
            }
        }
        return Math.min(100, 100 * done / total);
    }

    /**
     * True while the store has {@code r}'s job running: a job that has just finished (or gone back to pending)
     * keeps its handle until its worker lets go, and must not count twice.
     */
    private static boolean running(QueueReader q, Running r) {
        JobDto j = q.job(r.id);
        return j != null && j.state == JobState.RUNNING;
    }

    /**
     * With the lock held: seconds left for the whole queue, from the average job of this run, or before one
     * has finished from the jobs' own estimates; null when neither is known.
     */
    Double etaLocked(QueueReader q) {
        int pending = q.count(JobState.PENDING);
        if (Double.isNaN(avgJobSeconds)) {
            int lanes = Math.max(1, Math.min(q.head().queueSettings.maxConcurrentJobs, pending + core.running.size()));
            return Estimates.queueEta(q.jobs(), lanes);
        }
        java.util.Map<String, Double> live = new java.util.HashMap<>();
        for (Running r : core.running.values()) {
            live.put(r.id, r.progress);
        }
        int lanes = Math.max(1, Math.min(q.head().queueSettings.maxConcurrentJobs, pending + core.running.size()));
        return etaFromAverage(q.jobs(), live, avgJobSeconds, lanes);
    }

    /**
     * Seconds left from the run's average job: what is left of each waiting job by its stored progress (a
     * resumed job has its checkpoint's steps done) and of each running one by its live progress ({@code live},
     * percent by job id; the stored one when it has no handle), over {@code lanes}.
     */
    static double etaFromAverage(java.util.Collection<JobDto> jobs, java.util.Map<String, Double> live,
            double avgJobSeconds, int lanes) {
        double left = 0;
        for (JobDto j : jobs) {
            if (j.state == JobState.PENDING) {
                left += avgJobSeconds * Estimates.leftShare(j);
            } else if (j.state == JobState.RUNNING) {
                Double pct = live.get(j.id);
                left += avgJobSeconds * (pct == null ? Estimates.leftShare(j) : Math.max(0, 1 - pct / 100.0));
            }
        }
        return left / Math.max(1, lanes);
    }
}
