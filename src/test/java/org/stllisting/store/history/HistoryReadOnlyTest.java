package org.stllisting.store.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A history opened read-only reads what is there and changes no file: no migration, no -wal or -shm. */
class HistoryReadOnlyTest {
    @TempDir
    Path tmp;

    private static HistoryRecord row(String id, String session, String stl) {
        return new HistoryRecord(id, stl, "m.stl", 10, "", "/out", session, "{}", "{}", "completed",
                Instant.parse("2026-01-01T00:00:00Z"), null, Instant.parse("2026-01-01T00:01:00Z"), null, 1.0, true,
                List.of("/out/m/render.png"), null, List.of(), "1", "cli", "tiny", 1);
    }

    /** Every file of the folder with its size and modification time. */
    private static Map<String, String> listing(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                m.put(p.getFileName().toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p).toInstant());
            }
        }
        return m;
    }

    @Test
    void readsWithoutCreatingOrChangingAnyFile() throws Exception {
        Path db = tmp.resolve("job_history.db");
        HistoryStore rw = HistoryStore.open(db);
        rw.record(row("a", "s1", "/models/a.stl"));
        rw.record(row("b", "s1", "/models/b.stl"));
        rw.record(row("c", "s2", "/models/a.stl"));
        // a clean close of the last connection folds the WAL back: only the database is left
        assertThat(listing(tmp).keySet()).containsExactly("job_history.db");
        Map<String, String> before = listing(tmp);

        HistoryStore ro = HistoryStore.openReadOnly(db);
        assertThat(ro.count()).isEqualTo(3);
        assertThat(ro.bySession("s1")).extracting(HistoryRecord::id).containsExactly("a", "b");
        assertThat(ro.sourcePaths()).containsExactlyInAnyOrder("/models/a.stl", "/models/b.stl");
        assertThat(ro.countOlderThan(1)).isEqualTo(3);
        assertThatThrownBy(() -> ro.deleteOlderThan(1)).isInstanceOf(IOException.class).hasMessageContaining("readonly");

        assertThat(listing(tmp)).isEqualTo(before);
    }

    @Test
    void aMissingDatabaseIsNotCreated() {
        Path db = tmp.resolve("none.db");
        assertThatThrownBy(() -> HistoryStore.openReadOnly(db)).isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(db).doesNotExist();
    }

    @Test
    void aPathWithUriCharactersIsReadAsItIs() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("a ?b#c%20d"));
        Path db = dir.resolve("job_history.db");
        HistoryStore.open(db).record(row("a", "s1", "/models/a.stl"));
        assertThat(HistoryStore.openReadOnly(db).count()).isEqualTo(1);
        assertThat(listing(dir).keySet()).containsExactly("job_history.db");
    }
}
