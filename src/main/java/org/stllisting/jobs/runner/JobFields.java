package org.stllisting.jobs.runner;

/** Keys the runner keeps in a job's {@code results.details} in the queue state. */
public final class JobFields {
    /** The job's collision-free model name in its output folder. */
    public static final String MODEL_NAME = "model_name";
    /** How often the job was retried by hand; part of its history id so each outcome is recorded once. */
    public static final String GENERATION = "retry_generation";
    /** Why a job is skipped or failed without running (missing or changed source). */
    public static final String SOURCE_PROBLEM = "source_problem";
    /** Set while a finished job waits for its history row (the history could not be written). */
    public static final String HISTORY_PENDING = "history_pending";

    private JobFields() {
    }
}
