package org.stllisting.jobs.runner;

import java.time.Instant;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;

/**
 * An immutable picture of one job for listeners and the window (thumbnail aside, everything a queue row
 * shows).
 *
 * @param progress 0–100
 * @param etaSeconds estimated seconds left, or null when unknown
 * @param durationSeconds how long it has worked (so far, or in total when finished), or null
 */
public record JobView(String id, String source, String modelName, JobState state, double progress, String message,
        Double etaSeconds, int attempts, String currentStep, String lastCompletedStep, String outputFolder,
        String template, String error, Instant createdAt, Instant startedAt, Instant completedAt,
        Double durationSeconds, Instant nextRetryAt) {

    static JobView of(JobDto j) {
        Double duration = j.actualDuration;
        if (duration == null && j.startedAt != null && j.state == JobState.RUNNING) {
            duration = WorkTime.seconds(j, Instant.now());
        }
        Object model = j.results == null ? null : j.results.details.get(JobFields.MODEL_NAME);
        return new JobView(j.id, j.stlPath, model == null ? null : model.toString(), j.state, j.progress,
                j.progressMessage, j.etaSeconds, j.attempts, j.currentStep, j.lastCompletedStep, j.outputFolder,
                j.template, j.errorMessage, j.createdAt, j.startedAt, j.completedAt, duration, j.nextRetryAt);
    }
}
