package org.stllisting.store.history;

import java.time.Instant;
import java.util.List;

/**
 * One archived session as the history database indexes it (table {@code sessions}). Plain values; the
 * session's whole queue is kept beside the database, in {@code sessions/<id>/queue_state.json}.
 *
 * @param status     how the session ended: {@code finished}, {@code failed} or {@code discarded}
 * @param reason     why it was archived: {@code finished} (a new queue started after it) or {@code discarded}
 * @param expiresAt  when cleanup may remove it, or null for never
 * @param cacheBytes bytes of its jobs' caches when last measured
 */
public record SessionRow(String id, String status, String reason, Instant createdAt, Instant endedAt,
        Instant archivedAt, Instant expiresAt, String template, List<String> outputFolders, int total, int completed,
        int failed, int cancelled, int skipped, int unfinished, long cacheBytes) {

    public SessionRow {
        outputFolders = outputFolders == null ? List.of() : List.copyOf(outputFolders);
    }

    /** One job of an archived session (table {@code session_jobs}): which session owns its cache. */
    public record Job(String jobId, String state) {
    }
}
