package org.stllisting.jobs.runner;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stllisting.jobs.steps.Verdict;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;

/**
 * An immutable picture of one job for listeners and the window (thumbnail aside, everything a queue row
 * shows).
 *
 * @param progress 0–100
 * @param etaSeconds estimated seconds left, or null when unknown
 * @param durationSeconds how long it has worked (so far, or in total when finished), or null
 * @param verdict the model's verdict against its template's validation level, or null before validation ran
 * @param problems what is still wrong with the model in plain words; empty unless the verdict is problems
 * @param renderOverrides the job's own render options (over its template's), never null
 * @param validationOverrides the job's own validation options, never null
 */
public record JobView(String id, String source, String modelName, JobState state, double progress, String message,
        Double etaSeconds, int attempts, String currentStep, String lastCompletedStep, String outputFolder,
        String template, String error, Instant createdAt, Instant startedAt, Instant completedAt,
        Double durationSeconds, Instant nextRetryAt, Verdict verdict, List<String> problems,
        Map<String, Object> renderOverrides, Map<String, Object> validationOverrides) {

    public JobView {
        problems = problems == null ? List.of() : List.copyOf(problems);
        renderOverrides = own(renderOverrides);
        validationOverrides = own(validationOverrides);
    }

    /** True when the job has options of its own (over its template's). */
    public boolean hasOverrides() {
        return !renderOverrides.isEmpty() || !validationOverrides.isEmpty();
    }

    /** An unmodifiable copy, in the job's order; no copy at all for the usual job without overrides. */
    private static Map<String, Object> own(Map<String, Object> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** A job that ended completed with a model that still has problems: done, but not plainly. */
    public boolean completedWithProblems() {
        return state == JobState.COMPLETED && verdict == Verdict.PROBLEMS;
    }

    static JobView of(JobDto j) {
        Double duration = j.actualDuration;
        if (duration == null && j.startedAt != null && j.state == JobState.RUNNING) {
            duration = WorkTime.seconds(j, Instant.now());
        }
        Object model = j.results == null ? null : j.results.details.get(JobFields.MODEL_NAME);
        return new JobView(j.id, j.stlPath, model == null ? null : model.toString(), j.state, j.progress,
                j.progressMessage, j.etaSeconds, j.attempts, j.currentStep, j.lastCompletedStep, j.outputFolder,
                j.template, j.errorMessage, j.createdAt, j.startedAt, j.completedAt, duration, j.nextRetryAt,
                j.results == null ? null : Verdict.of(j.results.verdict),
                j.results == null ? List.of() : j.results.problems, j.renderOptions, j.validationOptions);
    }
}
