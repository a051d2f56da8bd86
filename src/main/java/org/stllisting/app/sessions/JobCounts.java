package org.stllisting.app.sessions;

import java.util.Collection;
import org.stllisting.store.queue.JobDto;

/**
 * Job counts of a session.
 *
 * @param unfinished pending and running jobs
 */
public record JobCounts(int total, int completed, int failed, int cancelled, int skipped, int unfinished) {

    /** The counts of these jobs' states. */
    public static JobCounts of(Collection<JobDto> jobs) {
        int completed = 0;
        int failed = 0;
        int cancelled = 0;
        int skipped = 0;
        int unfinished = 0;
        for (JobDto j : jobs) {
            switch (j.state) {
                case COMPLETED -> completed++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case SKIPPED -> skipped++;
                default -> unfinished++;
            }
        }
        return new JobCounts(jobs.size(), completed, failed, cancelled, skipped, unfinished);
    }

    /** Jobs that reached a final state. */
    public int done() {
        return completed + failed + cancelled + skipped;
    }
}
