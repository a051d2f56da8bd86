package org.stllisting.app.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.util.OptionalLong;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.history.HistoryStore;

/**
 * The home as the storage figures see it, read without a lock and without changing any file (the history opened
 * read-only): for {@code cleanup --stats}, {@code --list} and {@code --dry-run}, and the window's storage panel.
 *
 * @param facts the settings, the running process if any, the active queue, the archived sessions, the history
 * @param usage what is on disk
 */
public record Storage(HomeFacts facts, HomeUsage usage) {

    /** Reads the home; works while another process runs on it. The files are measured while the rest is read. */
    public static Storage look(Home home) throws IOException {
        HomeUsage[] usage = new HomeUsage[1];
        RuntimeException[] failed = new RuntimeException[1];
        Thread scan = new Thread(() -> {
            try {
                usage[0] = HomeUsage.scan(home);
            } catch (RuntimeException e) {
                failed[0] = e;
            }
        }, "cleanup-measure");
        scan.setDaemon(true);
        scan.start();
        OptionalLong holder = InstanceLock.holder(home);
        HistoryStore history = Files.isRegularFile(home.historyDb()) ? HistoryStore.openReadOnly(home.historyDb())
                : null;
        HomeFacts facts = HomeFacts.read(home, history, holder);
        try {
            scan.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while measuring " + home, e);
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return new Storage(facts, usage[0]);
    }

    /** What a cleanup with these options would remove. */
    public CleanupPlan plan(CleanupOptions options) throws IOException, CleanupPlanner.UnknownSessionException {
        return CleanupPlanner.plan(facts, usage, options);
    }

    /** The figures per category and what a cleanup with these options would remove. */
    public StorageStats stats(CleanupOptions options) throws IOException, CleanupPlanner.UnknownSessionException {
        return StorageStats.of(facts, usage, plan(options), options);
    }
}
