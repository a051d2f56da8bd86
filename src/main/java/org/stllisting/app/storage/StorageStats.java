package org.stllisting.app.storage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the home holds per category and what a cleanup with the same options would remove: the figures of
 * {@code stl-listing cleanup --stats} and of the window's storage panel.
 *
 * @param home            the home's folder
 * @param runningPid      the pid of the process working on the home now, or null
 * @param categories      one row per category, in {@link Category} order
 * @param cacheBytes      bytes of the whole {@code cache/} folder
 * @param cacheCapBytes   the cap it is kept under
 * @param historyKeepDays the keep days the removable history rows were counted with
 * @param notes           what a cleanup would leave alone and why
 */
public record StorageStats(String home, Long runningPid, List<Row> categories, long cacheBytes, long cacheCapBytes,
        int historyKeepDays, List<String> notes) {

    /**
     * One category.
     *
     * @param count          items: caches, thumbnails, backup files, damaged sets, archived sessions, history rows
     * @param files          files in them
     * @param removableCount items a cleanup with the same options removes (history rows for history)
     */
    public record Row(String category, String label, long bytes, long count, long files, long removableBytes,
            long removableCount, long removableFiles) {
    }

    public static StorageStats of(HomeFacts facts, HomeUsage usage, CleanupPlan plan, CleanupOptions options) {
        Map<Category, long[]> present = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            present.put(c, new long[3]);
        }
        Set<String> activeJobs = facts.activeStatus() == null ? Set.of() : HomeFacts.jobIds(facts.active());
        for (Map.Entry<String, Tally> e : usage.jobCaches().entrySet()) {
            Category c = activeJobs.contains(e.getKey()) ? Category.ACTIVE_CACHES
                    : facts.jobOwners().containsKey(e.getKey()) ? Category.ARCHIVED_CACHES : Category.STALE_CACHES;
            add(present.get(c), e.getValue(), 1);
        }
        usage.thumbnails().forEach(t -> add(present.get(Category.THUMBNAILS), t, 1));
        usage.backupFiles().forEach(t -> add(present.get(Category.BACKUPS), t, 1));
        usage.damagedSets().forEach(t -> add(present.get(Category.DAMAGED_BACKUPS), t, 1));
        add(present.get(Category.LOGS), usage.logs(), usage.logs().files());
        add(present.get(Category.NATIVE_CACHES), usage.nativeCaches(), usage.nativeCaches().files());
        long[] archived = present.get(Category.ARCHIVED_SESSIONS);
        usage.sessionFolders().values().forEach(t -> add(archived, t, 0));
        archived[1] = facts.archived().size();
        present.get(Category.HISTORY_ROWS)[1] = facts.historyRows();
        Map<Category, CleanupPlan.Totals> removable = plan.totals();
        List<Row> rows = new ArrayList<>();
        for (Category c : Category.values()) {
            long[] p = present.get(c);
            CleanupPlan.Totals r = removable.get(c);
            long rCount = r == null ? 0 : c == Category.HISTORY_ROWS ? r.files() : r.count();
            if (c == Category.OUTPUTS) {
                if (!options.outputs()) {
                    continue;
                }
                p = new long[] {r == null ? 0 : r.bytes(), r == null ? 0 : r.count(), r == null ? 0 : r.files()};
            }
            rows.add(new Row(c.json(), c.label(), p[0], p[1], p[2], r == null ? 0 : r.bytes(), rCount,
                    r == null || c == Category.HISTORY_ROWS ? 0 : r.files()));
        }
        return new StorageStats(facts.home().root().toString(),
                facts.runningPid().isPresent() ? facts.runningPid().getAsLong() : null, rows, usage.cacheBytes(),
                facts.settings().cacheCapMb() * 1024L * 1024L, facts.historyDays(options), plan.notes());
    }

    private static void add(long[] acc, Tally t, long count) {
        acc[0] += t.bytes();
        acc[1] += count;
        acc[2] += t.files();
    }
}
