package org.stllisting.jobs.runner;

/** Why the queue is paused. */
public enum PauseReason {
    /** The user asked. */
    USER,
    /** Free disk space is below the threshold; resumes by itself when space returns. */
    DISK_SPACE
}
