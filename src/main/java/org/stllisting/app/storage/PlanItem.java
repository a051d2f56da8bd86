package org.stllisting.app.storage;

import java.nio.file.Path;

/**
 * One thing a cleanup removes.
 *
 * @param category  what kind of thing it is
 * @param action    how it is removed
 * @param sessionId the session it belongs to, or null
 * @param jobId     the job whose cache it is, or null
 * @param root      the folder it must lie inside (the home, or a recorded output folder); null for rows
 * @param path      the file, link or folder; null for history rows
 * @param bytes     its size
 * @param count     files in it (history rows for {@link Action#HISTORY_ROWS})
 */
public record PlanItem(Category category, Action action, String sessionId, String jobId, Path root, Path path,
        long bytes, long count) {

    /** How an item is removed. */
    public enum Action {
        /** A file, link or folder, through {@link SafeDelete}. */
        PATH,
        /** An archived session's folder (through {@link SafeDelete}), then its index rows. */
        ARCHIVE_ENTRY,
        /** History rows older than the keep days. */
        HISTORY_ROWS
    }
}
