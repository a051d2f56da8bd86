package org.stllisting.store.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.stllisting.store.AtomicFiles;
import org.stllisting.store.Home;

/**
 * The queue state backups in {@code backups/} as a user sees them ({@code queue_state_backup_N.json}, 1 the newest),
 * and what restoring one needs: the backup read on its own, and the current queue files kept aside first. Reading
 * takes no lock; {@link #setAside} is for the process that holds the home.
 */
public final class QueueBackups {
    private QueueBackups() {
    }

    /**
     * One backup.
     *
     * @param saved   when the backup was written (its file's time)
     * @param jobs    the jobs it holds (also counted in a file that is readable but unusable), or -1
     * @param problem why it cannot be restored ("is truncated"), or null when it can
     */
    public record Backup(int number, Path file, Instant saved, int jobs, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    /** Every backup on disk, newest (1) first. */
    public static List<Backup> list(Home home) {
        List<Backup> all = new ArrayList<>();
        for (int n = 1; n <= QueueStateLoader.highestBackup(home); n++) {
            Path f = home.queueBackupFile(n);
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                all.add(describe(home, n));
            }
        }
        return all;
    }

    /** Backup {@code n} as {@link #list} shows it (a missing file: no jobs, "is missing"). */
    public static Backup describe(Home home, int n) {
        Path f = home.queueBackupFile(n);
        QueueStateLoader.Snap s = QueueStateLoader.parseSnapshot(home, f);
        Instant saved;
        try {
            saved = Files.getLastModifiedTime(f).toInstant();
        } catch (IOException e) {
            saved = null;
        }
        int jobs = s.state() != null ? s.state().jobs.size() : s.exists() && s.peekSeq() >= 0 ? s.peekJobs() : -1;
        return new Backup(n, f, saved, jobs, s.state() != null ? null : s.problem());
    }

    /** There is no such backup, or it cannot be used; the message names the file and why. */
    public static final class UnusableBackupException extends IOException {
        private static final long serialVersionUID = 1L;

        UnusableBackupException(String message) {
            super(message);
        }
    }

    /**
     * The queue backup {@code n} holds, on its own (not the changes after it).
     *
     * @throws UnusableBackupException when there is no such backup or it cannot be used
     */
    public static QueueStateDto read(Home home, int n) throws UnusableBackupException {
        Path f = home.queueBackupFile(n);
        QueueStateLoader.Snap s = QueueStateLoader.parseSnapshot(home, f);
        if (s.state() == null) {
            throw new UnusableBackupException(QueueStateLoader.relative(home, f) + " " + (s.exists() ? s.problem()
                    + "; it cannot be restored" : "does not exist (see 'stl-listing queue backups')"));
        }
        return s.state();
    }

    /**
     * Copies the current queue files ({@code queue_state.json}, its journal and the journal's copy), unchanged
     * and with their times, into a new folder {@code backups/replaced/<UTC time>/} with a {@code README.txt}
     * saying why, and returns that folder. The caller holds the home.
     */
    public static Path setAside(Home home, String why) throws IOException {
        Path dir = DamagedFiles.newFolder(home.backupsDir().resolve("replaced"));
        for (Path f : List.of(home.queueStateFile(), home.queueJournalFile(), QueueStateLoader.journalCopy(home))) {
            if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                try (java.io.FileOutputStream out = new java.io.FileOutputStream(
                        dir.resolve(f.getFileName()).toFile(), true)) {
                    out.getFD().sync();
                }
            }
        }
        AtomicFiles.write(dir.resolve("README.txt"), ("The queue files as they were on " + Instant.now() + ", before "
                + why + ".\nCopied here unchanged.\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.fsyncDirectory(dir.getParent());
        return dir;
    }
}
