package org.stllisting.app.storage;

import java.util.Locale;

/** What the home keeps, as the storage figures and cleanup group it. */
public enum Category {
    ACTIVE_CACHES("Job caches of the active session"),
    ARCHIVED_CACHES("Job caches of archived sessions"),
    STALE_CACHES("Stale job caches (no session)"),
    THUMBNAILS("Thumbnails"),
    BACKUPS("Queue backups"),
    DAMAGED_BACKUPS("Damaged queue files set aside"),
    LOGS("Logs"),
    NATIVE_CACHES("Native library caches"),
    ARCHIVED_SESSIONS("Archived sessions"),
    HISTORY_ROWS("History rows"),
    OUTPUTS("Generated output files");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    /** The words a person reads. */
    public String label() {
        return label;
    }

    /** The lower-case key JSON uses. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
