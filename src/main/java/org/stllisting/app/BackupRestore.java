package org.stllisting.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.queue.QueueBackups;
import org.stllisting.store.queue.QueueStateDto;

/**
 * Makes a queue state backup the active queue again, by hand: the backup is read as it is now (the numbers are
 * those of {@link QueueBackups#list}), the home is taken, the current queue files are copied unchanged into
 * {@code backups/replaced/<time>/}, and the backup's queue replaces the current one as a new change (so the
 * replaced queue also stays in the backups that follow). Jobs it left running are recovered by {@code resume}
 * like those of any interrupted queue.
 */
public final class BackupRestore {
    private BackupRestore() {
    }

    /**
     * What was restored.
     *
     * @param keptIn where the replaced queue's files were copied
     */
    public record Restored(int number, Instant saved, int jobs, Path keptIn) {
    }

    /**
     * Restores backup {@code n}.
     *
     * @throws IOException                  naming the backup and why, when it does not exist or cannot be used
     * @throws InstanceLock.LockedException when another process holds the home
     */
    public static Restored restore(Home home, int n) throws IOException, InstanceLock.LockedException {
        // read before the home is opened: opening after a crash folds the queue, which renumbers the backups
        QueueBackups.Backup chosen = QueueBackups.describe(home, n);
        QueueStateDto state = QueueBackups.read(home, n);
        try (AppContext ctx = AppContext.exclusive(home)) {
            Path keptIn = QueueBackups.setAside(home, "backup " + n + " was restored");
            ctx.queue().replaceState(state);
            return new Restored(n, chosen.saved(), state.jobs.size(), keptIn);
        }
    }
}
