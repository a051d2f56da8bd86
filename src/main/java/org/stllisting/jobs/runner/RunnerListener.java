package org.stllisting.jobs.runner;

/** Receives runner events on the runner's dispatcher thread; must not block for long. */
@FunctionalInterface
public interface RunnerListener {
    void onEvent(RunnerEvent event);
}
