package org.stllisting.jobs.runner;

/** Why the queue is paused. */
public enum PauseReason {
    /** The user asked. */
    USER,
    /** Free disk space is below the threshold; resumes by itself when space returns. */
    DISK_SPACE,
    /**
     * The job history cannot be written (read-only, locked by another program, unopenable); finished jobs
     * wait to be recorded and the queue resumes by itself when it can be written again.
     */
    HISTORY
}
