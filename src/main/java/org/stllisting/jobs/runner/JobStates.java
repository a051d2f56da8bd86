package org.stllisting.jobs.runner;

import java.io.IOException;
import java.time.Instant;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateStore;
import org.stllisting.store.queue.UnexpectedStateException;

/**
 * The runner's one way to change a job (docs/ARCHITECTURE.md, Job states): a {@link Transition} is written
 * through the queue state store as a compare-and-set, and only once it is on disk are listeners told. The
 * store holds the only copy of the jobs; this class keeps none.
 */
final class JobStates {
    private final QueueStateStore store;
    private final EventDispatcher events;
    private final Runnable afterAnnounced;

    /** {@code afterAnnounced}: runs after every announced change (queue progress, waking the scheduler). */
    JobStates(QueueStateStore store, EventDispatcher events, Runnable afterAnnounced) {
        this.store = store;
        this.events = events;
        this.afterAnnounced = afterAnnounced;
    }

    /**
     * Applies {@code t} to job {@code id}. Throws {@link UnexpectedStateException} (writing nothing) when the
     * job is not in {@code t.from()}. Returns the job as stored.
     */
    JobDto apply(String id, Transition t) throws IOException {
        JobDto after = store.transition(id, t.from(), t.to(), t.patch());
        if (t.announce()) {
            events.post(new RunnerEvent.JobStateChanged(Instant.now(), JobView.of(after), t.from(), t.to(),
                    t.reason()));
            afterAnnounced.run();
        }
        return after;
    }

    /** A copy of the job, or null when it is not in the queue. */
    JobDto find(String id) {
        return store.job(id);
    }

    /** A copy of the job; throws when it is not in the queue. */
    JobDto get(String id) {
        JobDto j = store.job(id);
        if (j == null) {
            throw new IllegalArgumentException("no job " + id + " in the queue");
        }
        return j;
    }
}
