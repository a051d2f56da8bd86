package org.stllisting.jobs.runner;

import java.io.IOException;
import java.util.Set;

/**
 * What keeps the home's cache under its size cap while a queue runs (docs/ARCHITECTURE.md, The home's caches).
 * The runner calls it between jobs, at most once per {@link QueueRunner.Config#housekeepingEvery()}, on a
 * worker thread without its lock; the application supplies the implementation (the cleanup engine), so the
 * runner knows nothing of what is removed.
 */
@FunctionalInterface
public interface Housekeeper {
    Housekeeper NONE = keep -> { };

    /**
     * @param keep the ids of jobs whose caches must stay: every job of the queue that is not finished, is
     *             running, or still waits for its history row
     */
    void betweenJobs(Set<String> keep) throws IOException;
}
