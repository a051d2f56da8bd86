package org.stllisting.store.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.stllisting.store.Json;

/**
 * {@code queue_state.json}: the seed-004 schema (version, timestamps, queue_settings, global options, jobs)
 * plus the recovery fields (session id, session state, template, per-job source identity and steps). A
 * plain mutable DTO; the order of {@link #jobs} is the queue order.
 */
public final class QueueStateDto {
    /** The schema version this build writes. "1.0" (seed 004) files are migrated on load. */
    public static final String CURRENT_VERSION = "2.0";

    public String version = CURRENT_VERSION;
    public String queueSessionId;
    public Instant createdAt;
    public Instant lastUpdated;
    /** The queue's template (file stem); jobs may name their own. */
    public String template;
    public SessionState sessionState = SessionState.STOPPED;
    public QueueSettingsDto queueSettings = new QueueSettingsDto();
    public Map<String, Object> globalRenderOptions = new LinkedHashMap<>();
    public Map<String, Object> globalValidationOptions = new LinkedHashMap<>();
    public List<JobDto> jobs = new ArrayList<>();
    /**
     * Sequence number of the last journal record folded into this snapshot; records with a higher number
     * in {@code queue_state.journal} are replayed on load.
     */
    public long journalSeq;

    /** A new, empty queue with a fresh session id. */
    public static QueueStateDto empty() {
        QueueStateDto s = new QueueStateDto();
        s.queueSessionId = UUID.randomUUID().toString();
        s.createdAt = Instant.now();
        s.lastUpdated = s.createdAt;
        s.globalValidationOptions.put("level", "standard");
        s.globalValidationOptions.put("auto_repair", true);
        return s;
    }

    /** A deep copy. */
    public QueueStateDto copy() {
        return Json.mapper().convertValue(this, QueueStateDto.class);
    }

    /** The job with this id, or null. */
    public JobDto job(String id) {
        for (JobDto j : jobs) {
            if (j.id.equals(id)) {
                return j;
            }
        }
        return null;
    }
}
