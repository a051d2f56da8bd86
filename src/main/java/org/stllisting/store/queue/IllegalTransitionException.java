package org.stllisting.store.queue;

/** A job state change that {@link JobState} does not allow: a programming error, never user input. */
public final class IllegalTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(String jobId, JobState from, JobState to) {
        super("job " + jobId + ": illegal state transition " + from + " -> " + to);
    }
}
