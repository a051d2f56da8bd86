package org.stllisting.store.queue;

/**
 * A job state change refused because the job was no longer in the state the change expected (another
 * command or the scheduler moved it first). Nothing was written; the queue is as it was.
 */
public final class UnexpectedStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient JobState actual;

    public UnexpectedStateException(String jobId, JobState expected, JobState actual, JobState to) {
        super("job " + jobId + " is " + (actual == null ? "in no state" : actual.json()) + ", not "
                + expected.json() + "; it was not moved to " + to.json());
        this.actual = actual;
    }

    /** The state the job is in. */
    public JobState actual() {
        return actual;
    }
}
