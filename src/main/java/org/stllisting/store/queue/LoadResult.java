package org.stllisting.store.queue;

import java.nio.file.Path;
import java.util.List;

/**
 * What loading the queue state found.
 *
 * @param state          the queue (never null; an empty queue when nothing usable was found)
 * @param source         where it came from
 * @param file           the snapshot file used, or null for a new queue
 * @param fellBack       true when {@code queue_state.json} could not be used and a backup (or nothing) was
 * @param migratedFrom   the schema version it was migrated from, or null when it was current
 * @param journalRecords how many journal changes were replayed over the snapshot
 * @param message        one human sentence saying which file was used and why
 * @param problems       everything wrong that was found (empty when all was well)
 */
public record LoadResult(QueueStateDto state, Source source, Path file, boolean fellBack, String migratedFrom,
        int journalRecords, String message, List<String> problems) {

    /** Where a loaded queue came from. */
    public enum Source {
        /** Nothing usable existed: a new, empty queue. */
        NEW,
        /** {@code queue_state.json} (plus the journal). */
        SNAPSHOT,
        /** {@code backups/queue_state_backup_N.json} (plus whatever journal records still apply). */
        BACKUP
    }

    public LoadResult {
        problems = List.copyOf(problems);
    }
}
