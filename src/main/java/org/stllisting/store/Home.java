package org.stllisting.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The application home (README, Application home) and the location of everything in it. Resolution order: the CLI option
 * {@code --home}, then the environment variable {@code STL_LISTING_HOME}, then
 * {@code ~/.local/stl_listing_tool}. Immutable and thread-safe; creating the folders is explicit
 * ({@link #ensureCreated()}) so that read-only commands never create a home by looking at it.
 */
public final class Home {
    public static final String ENV = "STL_LISTING_HOME";

    private final Path root;

    private Home(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static Home at(Path root) {
        return new Home(root);
    }

    /** Resolves the home from the CLI option (may be null) and the process environment. */
    public static Home resolve(Path option) {
        return resolve(option, System.getenv(), System.getProperty("user.home"));
    }

    static Home resolve(Path option, Map<String, String> env, String userHome) {
        if (option != null) {
            return new Home(option);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Home(Path.of(fromEnv));
        }
        return new Home(Path.of(userHome, ".local", "stl_listing_tool"));
    }

    public Path root() {
        return root;
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path queueStateFile() {
        return root.resolve("queue_state.json");
    }

    /** The append-only journal of queue changes since the last snapshot in {@link #queueStateFile()}. */
    public Path queueJournalFile() {
        return root.resolve("queue_state.journal");
    }

    public Path historyDb() {
        return root.resolve("job_history.db");
    }

    public Path templatesDir() {
        return root.resolve("templates");
    }

    public Path cacheDir() {
        return root.resolve("cache");
    }

    public Path jobCacheRoot() {
        return cacheDir().resolve("job_cache");
    }

    /** {@code cache/job_cache/<jobId>/}; the id must be a plain name (no separators, not {@code ..}). */
    public Path jobCacheDir(String jobId) {
        if (!SafeNames.isPlainName(jobId)) {
            throw new IllegalArgumentException("not a valid job id for a cache folder: " + jobId);
        }
        return jobCacheRoot().resolve(jobId);
    }

    public Path thumbnailsDir() {
        return cacheDir().resolve("thumbnails");
    }

    public Path backupsDir() {
        return root.resolve("backups");
    }

    /** {@code backups/queue_state_backup_N.json}, 1 is the newest. */
    public Path queueBackupFile(int n) {
        return backupsDir().resolve("queue_state_backup_" + n + ".json");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    /** The file the instance lock is taken on; it also holds the holder's pid. */
    public Path lockFile() {
        return root.resolve("instance.lock");
    }

    /** Creates the home and its folders if missing. */
    public Home ensureCreated() throws IOException {
        Files.createDirectories(root);
        Files.createDirectories(templatesDir());
        Files.createDirectories(jobCacheRoot());
        Files.createDirectories(thumbnailsDir());
        Files.createDirectories(backupsDir());
        Files.createDirectories(logsDir());
        return this;
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
