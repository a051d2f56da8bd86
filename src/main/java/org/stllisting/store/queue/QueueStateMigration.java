package org.stllisting.store.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * Moves older {@code queue_state.json} documents forward to {@link QueueStateDto#CURRENT_VERSION}. Each
 * step rewrites the JSON tree, so the DTO only ever knows the current shape.
 */
public final class QueueStateMigration {
    private QueueStateMigration() {
    }

    public static boolean isKnown(String version) {
        return "1.0".equals(version) || QueueStateDto.CURRENT_VERSION.equals(version);
    }

    /** Migrates {@code root} in place; returns it. */
    public static ObjectNode migrate(ObjectNode root) {
        String version = root.path("version").asText(null);
        if ("1.0".equals(version)) {
            from10(root);
        }
        return root;
    }

    /**
     * 1.0 (seed 004) had no session id, session state, template or per-job recovery fields, and named a
     * background picture {@code background_image}: the renderer takes {@code background: "image:PATH"}. A job
     * that is not finished starts over: the times of its earlier start (possibly years ago) are dropped, so
     * that its duration is the time of the run that finishes it.
     */
    private static void from10(ObjectNode root) {
        if (!root.hasNonNull("queue_session_id")) {
            root.put("queue_session_id", UUID.randomUUID().toString());
        }
        if (!root.hasNonNull("session_state")) {
            root.put("session_state", "stopped");
        }
        root.put("journal_seq", 0);
        migrateBackground(root.get("global_render_options"));
        JsonNode jobs = root.get("jobs");
        if (jobs != null && jobs.isArray()) {
            for (JsonNode j : jobs) {
                if (j instanceof ObjectNode job) {
                    migrateBackground(job.get("render_options"));
                    if (!job.has("attempts")) {
                        String state = job.path("state").asText("pending");
                        job.put("attempts", "pending".equals(state) ? 0 : 1);
                    }
                    if ("running".equals(job.path("state").asText())) {
                        // a 1.0 writer had no checkpoints: the job starts over
                        job.put("state", "pending");
                        job.put("progress", 0.0);
                    }
                    if ("pending".equals(job.path("state").asText("pending"))) {
                        job.remove(List.of("started_at", "completed_at", "actual_duration"));
                    }
                    if (!job.hasNonNull("created_at") && root.hasNonNull("created_at")) {
                        job.set("created_at", root.get("created_at"));
                    }
                }
            }
        }
        root.put("version", QueueStateDto.CURRENT_VERSION);
    }

    private static void migrateBackground(JsonNode options) {
        if (options instanceof ObjectNode o && o.hasNonNull("background_image") && !o.has("background")) {
            String path = o.get("background_image").asText();
            if (!path.isBlank()) {
                o.put("background", "image:" + path);
            }
            o.remove("background_image");
        }
    }
}
