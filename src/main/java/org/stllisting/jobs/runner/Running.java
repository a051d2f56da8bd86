package org.stllisting.jobs.runner;

/**
 * The runner's handle on one job while a worker runs it: what it needs to stop it and to show its progress.
 * Its own monitor guards the interrupt, so that an interrupt lands only inside a step, never while the job's
 * state is being written. The job's fields themselves live in the queue state store.
 */
final class Running {
    /** Why a running job must stop. */
    enum Abort {
        CANCEL, STOP, TIMEOUT
    }

    final String id;
    final long startNanos = System.nanoTime();
    /** When the job times out ({@link System#nanoTime()}), or 0 for no limit. */
    final long deadlineNanos;
    private Thread thread;
    private boolean inStep;
    private Abort abort;
    /** 0–100, for the queue's percentage and ETA; written by the worker, read under the runner's lock. */
    volatile double progress;
    /** Fraction 0–1 of the plan done when this attempt started (a resumed job starts part-way). */
    volatile double progressAtStart;
    /** The step the job is in and when it began ({@link System#nanoTime()}), for its time left. */
    volatile org.stllisting.jobs.steps.StepKind step;
    volatile long stepStartNanos;
    /** The job's expected duration in seconds (null when unknown), read at its first progress. */
    volatile Double estimate;
    volatile boolean estimateRead;

    Running(String id, long timeoutNanos) {
        this.id = id;
        this.deadlineNanos = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
    }

    synchronized void abort(Abort why) {
        if (abort == null || why == Abort.CANCEL) {
            abort = why;
        }
        if (inStep && thread != null) {
            thread.interrupt();
        }
    }

    synchronized Abort aborted() {
        return abort;
    }

    synchronized void enterStep() {
        thread = Thread.currentThread();
        inStep = true;
        if (abort != null) {
            thread.interrupt();
        }
    }

    synchronized void leaveStep() {
        inStep = false;
        Thread.interrupted();
    }
}
