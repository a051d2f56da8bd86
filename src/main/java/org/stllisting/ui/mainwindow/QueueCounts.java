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

    /** Counts the rows. */
    public static QueueCounts of(Iterable<JobRow> rows) {
        int total = 0;
        int completed = 0;
        int running = 0;
        int pending = 0;
        int failed = 0;
        int cancelled = 0;
        int skipped = 0;
        int problems = 0;
        double work = 0;
        for (JobRow r : rows) {
            total++;
            JobState s = r.stateProperty().get();
            if (s == null) {
                continue;
            }
            switch (s) {
                case COMPLETED -> {
                    completed++;
                    work += 1;
                    if (r.hasProblems()) {
                        problems++;
                    }
                }
                case RUNNING -> {
                    running++;
                    work += r.progressProperty().get();
                }
                case PENDING -> {
                    pending++;
                    work += r.progressProperty().get();
                }
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case SKIPPED -> skipped++;
                default -> { }
            }
        }
        return new QueueCounts(total, completed, running, pending, failed, cancelled, skipped, problems, work);
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
