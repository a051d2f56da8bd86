package org.stllisting.ui.mainwindow;

import org.stllisting.store.queue.JobState;

/**
 * The status bar's figures, counted from the jobs' states as the store reports them: how many jobs are in
 * each state and how much of the queue's work is done.
 *
 * @param workDone completed jobs count whole, waiting and running jobs by their progress, failed, cancelled
 *     and skipped jobs not at all
 * @param problems completed jobs whose model still has problems (counted in {@code completed} as well)
 */
public record QueueCounts(int total, int completed, int running, int pending, int failed, int cancelled,
        int skipped, int problems, double workDone) {

    /** Counts the rows (all of them: the view-model keeps a {@link Tally} instead, changed row by row). */
    public static QueueCounts of(Iterable<JobRow> rows) {
        Tally t = new Tally();
        for (JobRow r : rows) {
            t.add(r);
        }
        return t.counts();
    }

    /**
     * The counts kept up to date one row at a time: a row is taken out before it changes and put back after,
     * so that a change of one job costs the same at 10 jobs as at 10,000. Work is summed in millionths of a
     * job, whole numbers, so that taking a row out gives back exactly what putting it in added.
     */
    public static final class Tally {
        private static final double UNIT = 1_000_000;
        private int total;
        private int completed;
        private int running;
        private int pending;
        private int failed;
        private int cancelled;
        private int skipped;
        private int problems;
        private long work;

        /** Counts {@code r} as it is now. */
        public void add(JobRow r) {
            count(r, 1);
        }

        /** Takes back what {@link #add} counted for {@code r}, which must not have changed since. */
        public void remove(JobRow r) {
            count(r, -1);
        }

        private void count(JobRow r, int sign) {
            total += sign;
            JobState s = r.stateProperty().get();
            if (s == null) {
                return;
            }
            switch (s) {
                case COMPLETED -> {
                    completed += sign;
                    work += sign * (long) UNIT;
                    if (r.hasProblems()) {
                        problems += sign;
                    }
                }
                case RUNNING -> {
                    running += sign;
                    work += sign * Math.round(r.progressProperty().get() * UNIT);
                }
                case PENDING -> {
                    pending += sign;
                    work += sign * Math.round(r.progressProperty().get() * UNIT);
                }
                case FAILED -> failed += sign;
                case CANCELLED -> cancelled += sign;
                case SKIPPED -> skipped += sign;
                default -> { }
            }
        }

        /** Forgets every row. */
        public void clear() {
            total = completed = running = pending = failed = cancelled = skipped = problems = 0;
            work = 0;
        }

        public QueueCounts counts() {
            return new QueueCounts(total, completed, running, pending, failed, cancelled, skipped, problems,
                    work / UNIT);
        }
    }

    /** The queue bar's value: the completed share of the queue's work (empty for an empty queue). */
    public double bar() {
        return total == 0 ? 0 : Math.min(1, workDone / total);
    }

    /**
     * The status line, e.g. {@code 3 of 10 done, 2 running, 1 failed, 4 cancelled, about 2 min 05 s left}:
     * "done" counts completed jobs only; failed, cancelled and skipped ones are said apart.
     *
     * @param etaSeconds the queue's time left, or null when unknown
     * @param stopping the queue was asked to stop and its running steps are finishing
     */
    public String describe(Double etaSeconds, boolean stopping) {
        StringBuilder sb = new StringBuilder();
        sb.append(completed).append(" of ").append(total).append(" done");
        if (running > 0) {
            sb.append(", ").append(running).append(" running");
        }
        if (failed > 0) {
            sb.append(", ").append(failed).append(" failed");
        }
        if (cancelled > 0) {
            sb.append(", ").append(cancelled).append(" cancelled");
        }
        if (skipped > 0) {
            sb.append(", ").append(skipped).append(" skipped");
        }
        if (problems > 0) {
            sb.append(", ").append(problems).append(" with problems");
        }
        if (stopping && running > 0) {
            sb.append(" — stopping…");
            return sb.toString();
        }
        String left = Formats.seconds(etaSeconds);
        if (!left.isEmpty() && running + pending > 0) {
            sb.append(", about ").append(left).append(" left");
        }
        return sb.toString();
    }
}
