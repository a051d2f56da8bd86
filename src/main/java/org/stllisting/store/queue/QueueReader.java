package org.stllisting.store.queue;

import java.util.Collection;
import java.util.Collections;

/**
 * The live queue as {@link QueueStateStore#read} lends it: valid only inside that call, and read-only by
 * contract (the jobs are the store's own objects, not copies).
 */
public final class QueueReader {
    private final QueueModel model;

    QueueReader(QueueModel model) {
        this.model = model;
    }

    /** The queue without its jobs: session, template, settings, global options. */
    public QueueStateDto head() {
        return model.head;
    }

    /** Every job in queue order. */
    public Collection<JobDto> jobs() {
        return Collections.unmodifiableCollection(model.jobs.values());
    }

    /** The job with this id, or null. */
    public JobDto job(String id) {
        return model.jobs.get(id);
    }

    /** How many jobs are in {@code state}. */
    public int count(JobState state) {
        return model.counts.getOrDefault(state, 0);
    }

    public int size() {
        return model.jobs.size();
    }
}
