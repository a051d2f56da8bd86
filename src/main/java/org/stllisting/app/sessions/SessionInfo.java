package org.stllisting.app.sessions;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One session: the active queue ({@code archivedAt == null}) or an archived one.
 *
 * @param reason      {@code finished} (archived when a new queue started after it) or {@code discarded}; null
 *                    for the active one
 * @param endedAt     when its last job ended, or null while jobs are left
 * @param expiresAt   when cleanup may remove it (discarded: archived + archive retention; finished or failed:
 *                    ended (or archived) + history keep days); null for the active one
 * @param cacheBytes  bytes of its jobs' caches when last measured (archive time, or the last cleanup; now for
 *                    the active one)
 */
public record SessionInfo(String id, SessionStatus status, String reason, Instant createdAt, Instant endedAt,
        Instant archivedAt, Instant expiresAt, String template, List<String> outputFolders, JobCounts counts,
        long cacheBytes) {

    public SessionInfo {
        outputFolders = outputFolders == null ? List.of() : List.copyOf(outputFolders);
    }

    /** True for the active queue, false for an archived session. */
    @JsonProperty("active")
    public boolean active() {
        return archivedAt == null;
    }

    /** The first 8 characters of the id, as lists show it. */
    @JsonProperty("short_id")
    public String shortId() {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }
}
