package org.stllisting.app.storage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.sessions.SessionInfo;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;

/**
 * What a launch removes by itself (docs/ARCHITECTURE.md, The home's caches): the archived sessions past their
 * expiry — a discarded queue after the archive retention, a finished one after the history's keep days — their
 * job caches first, then their archive entry, through the same planner and {@link SafeDelete} as
 * {@code stl-listing cleanup}. Nothing else: the rest waits for a cleanup the user asks for. The caller holds
 * the home's lock.
 */
public final class Expired {
    private Expired() {
    }

    /**
     * Removes the expired archived sessions; an empty result when there are none. {@code active} is the queue
     * the caller holds (the archive's index is one query; the queue files are read and the home measured only
     * when some session has expired).
     */
    public static Cleaner.Result remove(Home home, HistoryStore history, Supplier<SessionArchive.ActiveQueue> active)
            throws IOException {
        Instant now = Instant.now();
        if (new SessionArchive(home, history, active).list().stream()
                .noneMatch(s -> s.expiresAt() != null && !s.expiresAt().isAfter(now))) {
            return new Cleaner.Result(Map.of(), List.of());
        }
        HomeFacts facts = HomeFacts.read(home, history, OptionalLong.empty());
        Set<String> expired = facts.archived().stream()
                .filter(s -> s.expiresAt() != null && !s.expiresAt().isAfter(now))
                .map(SessionInfo::id).collect(Collectors.toSet());
        if (expired.isEmpty()) {
            return new Cleaner.Result(Map.of(), List.of());
        }
        CleanupOptions options = new CleanupOptions(Duration.ofHours(24), null, false, false, null, now);
        CleanupPlan all;
        try {
            all = CleanupPlanner.plan(facts, HomeUsage.scan(home), options);
        } catch (CleanupPlanner.UnknownSessionException e) {
            throw new IllegalStateException(e); // no session was named
        }
        List<PlanItem> items = new ArrayList<>();
        for (PlanItem i : all.items()) {
            if (i.sessionId() != null && expired.contains(i.sessionId())
                    && (i.category() == Category.ARCHIVED_CACHES || i.category() == Category.ARCHIVED_SESSIONS)) {
                items.add(i);
            }
        }
        return Cleaner.run(facts, new CleanupPlan(items, List.of()), options, null);
    }
}
