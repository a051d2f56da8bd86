package org.stllisting.app.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stllisting.app.sessions.JobCounts;
import org.stllisting.app.sessions.SessionInfo;

/**
 * One session with the disk it uses now, for {@code stl-listing cleanup --list} and the storage panel.
 *
 * @param lastActivity when it last changed (its age is measured from here)
 * @param cacheBytes   bytes of its jobs' caches, measured now
 * @param archiveBytes bytes of its archived queue ({@code sessions/<id>/}); 0 for the active one
 */
public record SessionUsage(String id, String status, boolean active, Instant createdAt, Instant lastActivity,
        Instant expiresAt, JobCounts counts, long cacheBytes, long caches, long archiveBytes) {

    /** The active session first (when it has jobs), then the archived ones, newest archived first. */
    public static List<SessionUsage> of(HomeFacts facts, HomeUsage usage) {
        Map<String, long[]> bySession = new HashMap<>();
        Set<String> activeJobs = facts.activeStatus() == null ? Set.of() : HomeFacts.jobIds(facts.active());
        String activeId = facts.active().queueSessionId;
        for (Map.Entry<String, Tally> e : usage.jobCaches().entrySet()) {
            String owner = activeJobs.contains(e.getKey()) ? activeId : facts.jobOwners().get(e.getKey());
            if (owner != null) {
                long[] acc = bySession.computeIfAbsent(owner, k -> new long[2]);
                acc[0] += e.getValue().bytes();
                acc[1]++;
            }
        }
        List<SessionUsage> out = new ArrayList<>();
        if (facts.activeStatus() != null) {
            long[] c = bySession.getOrDefault(activeId, new long[2]);
            out.add(new SessionUsage(activeId, facts.activeStatus().json(), true, facts.active().createdAt,
                    facts.activeLastActivity(), null, JobCounts.of(facts.active().jobs), c[0], c[1], 0));
        }
        for (SessionInfo s : facts.archived()) {
            long[] c = bySession.getOrDefault(s.id(), new long[2]);
            Tally folder = usage.sessionFolders().get(s.id());
            out.add(new SessionUsage(s.id(), s.status().json(), false, s.createdAt(), HomeFacts.lastActivity(s),
                    s.expiresAt(), s.counts(), c[0], c[1], folder == null ? 0 : folder.bytes()));
        }
        return out;
    }
}
