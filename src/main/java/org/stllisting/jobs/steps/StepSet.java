package org.stllisting.jobs.steps;

/**
 * The implementations of the steps. The product uses {@link ListingSteps}; the runner benchmark and some
 * tests use steps that do no mesh or render work, so that what they measure is the runner itself.
 */
public interface StepSet {
    JobStep step(StepKind kind);

    /** Called once when a job's attempt ends (finished, failed or interrupted), to drop per-job memory. */
    default void release(StepContext ctx) {
    }
}
