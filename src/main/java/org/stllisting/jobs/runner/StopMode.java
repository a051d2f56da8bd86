package org.stllisting.jobs.runner;

/** How to stop the queue. Either way, unfinished jobs stay queued and resume from their next step. */
public enum StopMode {
    /** Let the running steps complete and checkpoint, then stop. */
    AFTER_CURRENT_STEPS,
    /** Interrupt the running steps now; their partial outputs are removed. */
    NOW
}
