package org.stllisting.jobs.runner;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.store.queue.JobState;

/**
 * Everything the runner tells its listeners. Plain immutable records, delivered in order on one dispatcher
 * thread (never on a worker, never on a UI thread: a window re-posts them itself).
 */
public sealed interface RunnerEvent {
    Instant at();

    /** Jobs were added at the end of the queue (or imported). */
    record JobsAdded(Instant at, List<JobView> jobs) implements RunnerEvent {
    }

    record JobsRemoved(Instant at, List<String> ids) implements RunnerEvent {
    }

    /** The queue order changed; {@code order} is every job id in the new order. */
    record QueueReordered(Instant at, List<String> order) implements RunnerEvent {
    }

    /** A job moved from one state to another; {@code job} is its state after the change. */
    record JobStateChanged(Instant at, JobView job, JobState from, JobState to, String reason) implements RunnerEvent {
    }

    record StepStarted(Instant at, String jobId, StepKind step, int index, int count) implements RunnerEvent {
    }

    /** A step's outputs are in place and checkpointed. {@code files} are relative to the output folder. */
    record StepCompleted(Instant at, String jobId, StepKind step, double seconds, List<String> files)
            implements RunnerEvent {
    }

    /** @param percent 0–100; @param etaSeconds null when unknown */
    record JobProgress(Instant at, String jobId, double percent, String message, Double etaSeconds)
            implements RunnerEvent {
    }

    /** The whole queue: jobs finished (completed, failed, cancelled or skipped) of all, and the time left. */
    record QueueProgress(Instant at, double percent, int finished, int total, int running, Double etaSeconds)
            implements RunnerEvent {
    }

    /** An automatic retry was scheduled after a failure; {@code model} is the job's source file name. */
    record RetryScheduled(Instant at, String jobId, String model, int attempt, Instant notBefore, String reason)
            implements RunnerEvent {
    }

    record QueueStarted(Instant at, String sessionId, int jobs) implements RunnerEvent {
    }

    record QueuePaused(Instant at, PauseReason reason, String message) implements RunnerEvent {
    }

    record QueueResumed(Instant at, PauseReason reason) implements RunnerEvent {
    }

    /** Processing stopped before the queue was done (stop, stop now, stop after a job). */
    record QueueStopped(Instant at, StopMode mode, int unfinished) implements RunnerEvent {
    }

    /** Every job reached a final state. */
    record QueueFinished(Instant at, int completed, int failed, int cancelled, int skipped) implements RunnerEvent {
    }

    /** Free space under {@code where} fell below the threshold; the queue pauses until it returns. */
    record DiskSpaceLow(Instant at, Path where, long freeBytes, long thresholdBytes) implements RunnerEvent {
    }

    /**
     * Something the user should know that did not fail a job (a render fallback, an unwritable log …);
     * {@code model} is the job's source file name (both null for a warning about the whole queue).
     */
    record Warning(Instant at, String jobId, String model, String message) implements RunnerEvent {
    }
}
