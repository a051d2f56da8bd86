package org.stllisting.jobs.steps;

/**
 * One step of a job. A step writes every output through {@link StepContext#stage} (the runner moves the
 * files into place when the step returns and then checkpoints it), reports progress through the context,
 * and puts what it found into {@link StepContext#results()}. It must be deterministic (the same input and
 * options give the same files) so that a resumed job ends exactly as an uninterrupted one, and should
 * notice {@link Thread#interrupted()} in long loops (cancel, stop now, timeout).
 */
@FunctionalInterface
public interface JobStep {
    void run(StepContext ctx) throws Exception;
}
