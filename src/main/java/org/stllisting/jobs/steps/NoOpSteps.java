package org.stllisting.jobs.steps;

/**
 * Steps that do no mesh or render work at all: what is left of a job is the runner's own work (state
 * transitions, checkpoints, events, logs, history). Used by the runner benchmark.
 */
public final class NoOpSteps implements StepSet {
    @Override
    public JobStep step(StepKind kind) {
        return ctx -> ctx.results().put("step", kind.id());
    }
}
