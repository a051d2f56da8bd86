package org.stllisting.store.queue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What loading the queue state found.
 *
 * @param state          the queue (never null; an empty queue when nothing usable was found)
 * @param source         where it came from
 * @param file           the snapshot file used (or the journal a queue was rebuilt from), or null for a new queue
 * @param fellBack       true when {@code queue_state.json} could not be used and a backup (or nothing) was
 * @param migratedFrom   the schema version it was migrated from, or null when it was current
 * @param journalRecords how many journal changes were replayed over the snapshot
 * @param message        one human sentence saying which file was used and why
 * @param problems       everything wrong that was found (empty when all was well)
 * @param lost           what could not be recovered, in plain words (empty when every change was); a load
 *                       that lost anything must never be reported as a success
 * @param damaged        each damaged or unusable file found, with the reason
 * @param keptIn         the folder the damaged files were moved or copied to, or null (set by the writer)
 * @param newestSeq      the highest change number the files read mention, recovered or not (a writer never
 *                       numbers a change again below it)
 */
public record LoadResult(QueueStateDto state, Source source, Path file, boolean fellBack, String migratedFrom,
        int journalRecords, String message, List<String> problems, List<String> lost, Map<Path, String> damaged,
        Path keptIn, long newestSeq) {

    /** Where a loaded queue came from. */
    public enum Source {
        /** Nothing usable existed (or the queue was rebuilt from journals alone). */
        NEW,
        /** {@code queue_state.json} (plus the journal). */
        SNAPSHOT,
        /** {@code backups/queue_state_backup_N.json} (plus whatever journal records still apply). */
        BACKUP
    }

    public LoadResult {
        problems = List.copyOf(problems);
        lost = List.copyOf(lost);
        damaged = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(damaged));
    }

    public LoadResult(QueueStateDto state, Source source, Path file, boolean fellBack, String migratedFrom,
            int journalRecords, String message, List<String> problems) {
        this(state, source, file, fellBack, migratedFrom, journalRecords, message, problems, List.of(), Map.of(),
                null, state.journalSeq);
    }

    /** True when some acknowledged change or job could not be recovered. */
    public boolean lostSomething() {
        return !lost.isEmpty();
    }

    LoadResult withKeptIn(Path folder, String note) {
        return new LoadResult(state, source, file, fellBack, migratedFrom, journalRecords,
                note == null ? message : message + " " + note, problems, lost, damaged, folder, newestSeq);
    }
}
