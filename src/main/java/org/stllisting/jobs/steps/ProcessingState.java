package org.stllisting.jobs.steps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stllisting.store.Json;

/**
 * {@code cache/job_cache/<job_id>/processing_state.json} (docs/ARCHITECTURE.md, Recovery): which steps of a job are done and what
 * each produced. Written atomically after every step; the truth recovery resumes from. A plain mutable DTO.
 */
public final class ProcessingState {
    public int version = 1;
    public String jobId;
    public String source;
    public String modelName;
    /** The steps this job runs, in order. */
    public List<String> plan = new ArrayList<>();
    /** The last step whose outputs are in place, or null. */
    public String lastCompletedStep;
    /** The completed steps in completion order, by step id. */
    public Map<String, StepRecord> completedSteps = new LinkedHashMap<>();
    public Instant updatedAt;

    /** One completed step. */
    public static final class StepRecord {
        public Instant completedAt;
        public double seconds;
        /** How often this step has completed for this job: 1 unless a completed step was redone. */
        public int runCount;
        /** The files it produced, relative to the output folder. */
        public List<String> outputs = new ArrayList<>();
        public List<String> warnings = new ArrayList<>();
        /** Its results (validation summary, analysis figures, render settings used …). */
        public Map<String, Object> results = new LinkedHashMap<>();

        /** The results read as the step's typed shape ({@link LoadResult}, {@link ValidateResult}). */
        public <T extends Record> T results(Class<T> type) {
            try {
                return Json.mapper().convertValue(results, type);
            } catch (IllegalArgumentException e) {
                // a value of the wrong kind in a hand-edited checkpoint: as if the step had recorded nothing
                return Json.mapper().convertValue(Map.of(), type);
            }
        }
    }

    public boolean isDone(StepKind step) {
        return completedSteps.containsKey(step.id());
    }

    public StepRecord record(StepKind step) {
        return completedSteps.get(step.id());
    }
}
