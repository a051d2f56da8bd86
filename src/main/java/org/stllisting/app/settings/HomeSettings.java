package org.stllisting.app.settings;

import java.nio.file.Path;
import java.util.Map;
import org.stllisting.output.OutputMode;
import org.stllisting.store.ConfigStore;

/**
 * The settings of the application home (not of one queue), kept in {@code config.json} under {@code settings}:
 * how many queue backups are kept, the cache's size cap, how long archived sessions and history rows are kept,
 * and the output folder and mode a new session uses when none is asked for. Immutable.
 *
 * @param backupKeepCount      queue state backups kept in {@code backups/}
 * @param cacheCapMb           the whole {@code cache/} folder is kept under this many MB (oldest first)
 * @param archiveRetentionDays a discarded session stays restorable this many days
 * @param historyKeepDays      history rows (and archived finished sessions) are kept this many days
 * @param defaultOutputFolder  where a new session writes when no folder is asked for, or null for
 *                             {@code stl-listing-output} in the working directory
 * @param defaultOutputMode    the output mode when neither the command nor the template names one, or null
 * @param keepJobCaches        true keeps the caches of completed jobs after a finished run (their checkpoints,
 *                             to look at what each step did); false lets the runner remove them
 */
public record HomeSettings(int backupKeepCount, long cacheCapMb, int archiveRetentionDays, int historyKeepDays,
        Path defaultOutputFolder, OutputMode defaultOutputMode, boolean keepJobCaches) {

    public HomeSettings(int backupKeepCount, long cacheCapMb, int archiveRetentionDays, int historyKeepDays,
            Path defaultOutputFolder, OutputMode defaultOutputMode) {
        this(backupKeepCount, cacheCapMb, archiveRetentionDays, historyKeepDays, defaultOutputFolder,
                defaultOutputMode, false);
    }

    /** The key in {@code config.json} that holds these settings. */
    public static final String CONFIG_KEY = "settings";

    public static HomeSettings defaults() {
        return new HomeSettings(3, 1000, 7, 90, null, null);
    }

    /** The home's settings; a missing or unusable value is its default. */
    public static HomeSettings load(ConfigStore config) {
        Object raw = config.load().other().get(CONFIG_KEY);
        HomeSettings d = defaults();
        if (!(raw instanceof Map<?, ?> m)) {
            return d;
        }
        return new HomeSettings(intOr(m.get("backup_keep_count"), d.backupKeepCount),
                longOr(m.get("cache_cap_mb"), d.cacheCapMb), intOr(m.get("archive_retention_days"),
                        d.archiveRetentionDays), intOr(m.get("history_keep_days"), d.historyKeepDays),
                m.get("default_output_folder") instanceof String s && !s.isBlank() ? Path.of(s) : null,
                m.get("default_output_mode") instanceof String s ? modeOrNull(s) : null,
                Boolean.TRUE.equals(m.get("keep_job_caches")));
    }

    /** Writes one value (already checked) under {@link #CONFIG_KEY} in {@code config.json}, atomically. */
    public static void put(ConfigStore config, String key, Object value) throws java.io.IOException {
        config.update(c -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            if (c.other().get(CONFIG_KEY) instanceof Map<?, ?> old) {
                old.forEach((k, v) -> m.put(String.valueOf(k), v));
            }
            m.put(key, value);
            c.setOther(CONFIG_KEY, m);
        });
    }

    private static int intOr(Object v, int d) {
        return v instanceof Number n && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE ? n.intValue() : d;
    }

    private static long longOr(Object v, long d) {
        return v instanceof Number n && n.longValue() >= 0 ? n.longValue() : d;
    }

    private static OutputMode modeOrNull(String s) {
        try {
            return OutputMode.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
