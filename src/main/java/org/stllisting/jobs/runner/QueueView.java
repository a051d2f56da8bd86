package org.stllisting.jobs.runner;

import java.util.List;
import org.stllisting.store.queue.SessionState;

/**
 * An immutable picture of the whole queue: every job in queue order, what the queue is doing and how far
 * it is.
 *
 * @param pausedFor why the queue is paused, or null
 * @param percent 0–100 over all jobs
 * @param etaSeconds time left for the whole queue, or null when unknown
 */
public record QueueView(String sessionId, String template, SessionState session, boolean processing,
        PauseReason pausedFor, String pauseMessage, List<JobView> jobs, int completed, int failed, int cancelled,
        int skipped, int pending, int running, double percent, Double etaSeconds, QueueSettings settings) {

    public int total() {
        return jobs.size();
    }

    public int finished() {
        return completed + failed + cancelled + skipped;
    }

    /** Completed jobs whose model still has problems (counted in {@code completed} as well). */
    public int withProblems() {
        return (int) jobs.stream().filter(JobView::completedWithProblems).count();
    }
}
