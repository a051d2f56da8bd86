package org.stllisting.app.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.sessions.SessionInfo;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * Carries out a {@link CleanupPlan}: every file through one {@link SafeDelete}, an archived session's entry only
 * after all its caches are gone, history rows last. Whatever cannot be removed is reported and the rest goes on.
 * The caller holds the home's lock when it is free; when another process holds it, the plan already leaves the
 * running session alone, and the active queue is read again just before so that a job it took up meanwhile
 * keeps its cache.
 */
public final class Cleaner {
    private Cleaner() {
    }

    /**
     * What was done.
     *
     * @param removed     per category: bytes, items and files removed (history rows as files)
     * @param problems    what could not be removed, with the reason
     */
    public record Result(Map<Category, CleanupPlan.Totals> removed, List<SafeDelete.Problem> problems) {
        public long bytes() {
            return removed.values().stream().mapToLong(CleanupPlan.Totals::bytes).sum();
        }

        public boolean failed() {
            return !problems.isEmpty();
        }
    }

    public static Result run(HomeFacts facts, CleanupPlan plan, CleanupOptions options, SafeDelete.Listener listener)
            throws IOException {
        Home home = facts.home();
        SessionArchive archive = facts.history() == null ? null : new SessionArchive(home, facts.history());
        SafeDelete delete = new SafeDelete(sources(facts, plan, archive), listener);
        Set<String> activeNow = facts.running() ? HomeFacts.jobIds(QueueStateStore.read(home).state()) : Set.of();
        Map<Category, CleanupPlan.Totals> removed = new EnumMap<>(Category.class);
        List<SafeDelete.Problem> problems = new ArrayList<>();
        Set<String> sessionsWithLeftovers = new HashSet<>();
        Set<String> archivedTouched = new HashSet<>();
        for (PlanItem item : plan.items()) {
            switch (item.action()) {
                case PATH -> {
                    if (item.jobId() != null && item.category() != Category.OUTPUTS && activeNow.contains(item.jobId())) {
                        sessionsWithLeftovers.add(String.valueOf(item.sessionId()));
                        continue; // the running queue took the job up meanwhile
                    }
                    long bytes = delete.bytesRemoved();
                    long files = delete.filesRemoved();
                    int before = delete.problems().size();
                    boolean gone = delete.delete(item.root(), item.path());
                    problems.addAll(delete.problems().subList(before, delete.problems().size()));
                    if (!gone && item.sessionId() != null) {
                        sessionsWithLeftovers.add(item.sessionId());
                    }
                    if (item.category() == Category.ARCHIVED_CACHES) {
                        archivedTouched.add(item.sessionId());
                    }
                    add(removed, item.category(), delete.bytesRemoved() - bytes, gone ? 1 : 0,
                            delete.filesRemoved() - files);
                }
                case ARCHIVE_ENTRY -> {
                    if (sessionsWithLeftovers.contains(item.sessionId()) || archive == null) {
                        continue; // kept while some of its caches are: the next cleanup tries again
                    }
                    long bytes = delete.bytesRemoved();
                    long files = delete.filesRemoved();
                    int before = delete.problems().size();
                    if (delete.delete(item.root(), item.path())) {
                        try {
                            archive.delete(item.sessionId());
                            archivedTouched.remove(item.sessionId());
                            add(removed, item.category(), delete.bytesRemoved() - bytes, 1,
                                    delete.filesRemoved() - files);
                        } catch (IOException e) {
                            problems.add(new SafeDelete.Problem(item.path(), "the archive entry could not be removed: "
                                    + e.getMessage()));
                        }
                    } else {
                        problems.addAll(delete.problems().subList(before, delete.problems().size()));
                    }
                }
                case HISTORY_ROWS -> {
                    try {
                        int n = facts.history().deleteOlderThan(facts.historyDays(options));
                        add(removed, item.category(), 0, 1, n);
                    } catch (IOException e) {
                        problems.add(new SafeDelete.Problem(facts.history().file(), e.getMessage()));
                    }
                }
                default -> throw new IllegalStateException(item.action().toString());
            }
        }
        if (archive != null) {
            remeasure(facts, archive, archivedTouched, problems);
        }
        return new Result(removed, problems);
    }

    private static void add(Map<Category, CleanupPlan.Totals> m, Category c, long bytes, long count, long files) {
        m.merge(c, new CleanupPlan.Totals(bytes, count, files),
                (a, b) -> new CleanupPlan.Totals(a.bytes() + b.bytes(), a.count() + b.count(), a.files() + b.files()));
    }

    /** The archived sessions whose caches shrank get their cache size measured again. */
    private static void remeasure(HomeFacts facts, SessionArchive archive, Set<String> sessions,
            List<SafeDelete.Problem> problems) {
        if (sessions.isEmpty()) {
            return;
        }
        Map<String, Long> bytes = new HashMap<>();
        for (String s : sessions) {
            bytes.put(s, 0L);
        }
        for (Map.Entry<String, String> e : facts.jobOwners().entrySet()) {
            if (bytes.containsKey(e.getValue())) {
                bytes.merge(e.getValue(), Tally.of(facts.home().jobCacheRoot().resolve(e.getKey())).bytes(), Long::sum);
            }
        }
        for (Map.Entry<String, Long> e : bytes.entrySet()) {
            try {
                archive.setCacheBytes(e.getKey(), e.getValue());
            } catch (IOException ex) {
                problems.add(new SafeDelete.Problem(facts.home().historyDb(), ex.getMessage()));
            }
        }
    }

    /**
     * The source files of every job the home knows: the active queue's, the history's, and those of the archived
     * sessions this plan touches or that did not finish (an unfinished job has no history row yet).
     */
    static SourceGuard sources(HomeFacts facts, CleanupPlan plan, SessionArchive archive) throws IOException {
        SourceGuard g = new SourceGuard();
        for (JobDto j : facts.active().jobs) {
            g.add(j.stlPath);
        }
        if (facts.history() == null) {
            return g;
        }
        for (String p : facts.history().sourcePaths()) {
            g.add(p);
        }
        Set<String> read = new HashSet<>();
        for (PlanItem i : plan.items()) {
            if (i.sessionId() != null && i.category() != Category.ACTIVE_CACHES) {
                read.add(i.sessionId());
            }
        }
        for (SessionInfo s : facts.archived()) {
            if (!HomeFacts.finished(s)) {
                read.add(s.id());
            }
        }
        Set<String> archivedIds = new HashSet<>();
        facts.archived().forEach(s -> archivedIds.add(s.id()));
        for (String id : read) {
            if (!archivedIds.contains(id)) {
                continue;
            }
            try {
                QueueStateDto q = archive.queue(id);
                for (JobDto j : q.jobs) {
                    g.add(j.stlPath);
                }
            } catch (IOException e) {
                // an unreadable archived queue: its sources are still known from the history where recorded
            }
        }
        return g;
    }
}
