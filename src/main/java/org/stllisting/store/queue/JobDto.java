package org.stllisting.store.queue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stllisting.store.Json;

/**
 * One job as written in {@code queue_state.json}: the seed-004 job fields plus what recovery needs. A plain
 * mutable DTO, not a live model: the store copies it on the way in and out, so changing an instance
 * changes nothing until it is passed back to {@link QueueStateStore#putJob}. Its queue position is its
 * place in {@link QueueStateDto#jobs}.
 */
public final class JobDto {
    public String id;
    public String stlPath;
    public String outputFolder;
    public JobState state = JobState.PENDING;
    /** 0–100. */
    public double progress;
    public Instant createdAt;
    public Instant startedAt;
    public Instant completedAt;
    /** Seconds. */
    public Double estimatedDuration;
    /** Seconds. */
    public Double actualDuration;
    /** Per-job render overrides on top of the template and the queue's global options. */
    public Map<String, Object> renderOptions = new LinkedHashMap<>();
    /** Per-job validation overrides on top of the template and the queue's global options. */
    public Map<String, Object> validationOptions = new LinkedHashMap<>();
    public JobResultsDto results = new JobResultsDto();
    public String errorMessage;

    /** Template name (file stem) the job was queued with; null means the queue's template. */
    public String template;
    /** Source file size in bytes when queued, to detect a changed source on recovery. */
    public Long sourceSize;
    /** Source file modification time when queued. */
    public Instant sourceMtime;
    /** SHA-256 of the source file (hex), when computed. */
    public String sourceSha256;
    /** How many times the job has been started. */
    public int attempts;
    /** Name of the last step whose outputs are in place (checkpointed), or null. */
    public String lastCompletedStep;
    /** The step running now, or null. */
    public String currentStep;
    public String progressMessage;
    public Double etaSeconds;
    /** Earliest time an automatic retry may start (exponential backoff), or null. */
    public Instant nextRetryAt;
    /**
     * Seconds spent working on the job in its attempts so far, up to {@link #workingSince} (or up to its last
     * stop when that is null); null when it never ran. Its duration is this plus the running stretch, never
     * the time the program was closed.
     */
    public Double workedSeconds;
    /** When the stretch of work now running began (its start or its last checkpoint); null while not running. */
    public Instant workingSince;

    public JobDto() {
    }

    public static JobDto pending(String id, String stlPath) {
        JobDto j = new JobDto();
        j.id = id;
        j.stlPath = stlPath;
        j.createdAt = Instant.now();
        return j;
    }

    /** A deep copy. */
    public JobDto copy() {
        return Json.mapper().convertValue(this, JobDto.class);
    }

    @Override
    public String toString() {
        return "JobDto[" + id + " " + state + " " + stlPath + "]";
    }
}
