package org.stllisting.store.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;

class HistoryStoreTest {
    @TempDir
    Path dir;

    static HistoryRecord rec(String id, String path, String state, String template, double duration, Instant when) {
        return new HistoryRecord(id, path, Path.of(path).getFileName().toString(), 1234, "sha-" + path, "/out",
                "session", "{}", "{}", state, when, when, when.plusSeconds((long) duration), null, duration, true,
                List.of("/out/a.png"), null, List.of("w"), "test", "cli", template, 1);
    }

    @Test
    void recordingTheSameJobTwiceLeavesOneRow() throws Exception {
        HistoryStore h = HistoryStore.open(dir.resolve("job_history.db"));
        Instant now = Instant.now();
        assertThat(h.record(rec("job_1", "/m/a.stl", "completed", "quick_preview", 10, now))).isTrue();
        assertThat(h.record(rec("job_1", "/m/a.stl", "failed", "quick_preview", 99, now))).isFalse();
        assertThat(h.count()).isEqualTo(1);
        assertThat(h.show("job_1")).get().extracting(HistoryRecord::state).isEqualTo("completed");
    }

    @Test
    void similarFindsByPathAndByChecksum() throws Exception {
        HistoryStore h = HistoryStore.open(dir.resolve("job_history.db"));
        Instant now = Instant.now();
        h.record(rec("j1", "/m/a.stl", "completed", "t", 1, now.minusSeconds(60)));
        h.record(rec("j2", "/m/a.stl", "failed", "t", 1, now));
        h.record(rec("j3", "/m/b.stl", "completed", "t", 1, now));
        assertThat(h.similar(Path.of("/m/a.stl"))).extracting(HistoryRecord::id).containsExactly("j2", "j1");
        assertThat(h.similarByChecksum("sha-/m/b.stl")).extracting(HistoryRecord::id).containsExactly("j3");
    }

    @Test
    void statsCountSuccessRateMeanDurationAndPerTemplate() throws Exception {
        HistoryStore h = HistoryStore.open(dir.resolve("job_history.db"));
        Instant now = Instant.now();
        h.record(rec("a", "/m/a.stl", "completed", "quick_preview", 10, now));
        h.record(rec("b", "/m/b.stl", "completed", "quick_preview", 20, now));
        h.record(rec("c", "/m/c.stl", "failed", "complete_processing", 5, now));
        h.record(rec("d", "/m/d.stl", "completed", "complete_processing", 30, now));
        h.record(rec("old", "/m/e.stl", "completed", "quick_preview", 1000, now.minus(Duration.ofDays(40))));
        HistoryStats s = h.stats(30);
        assertThat(s.total()).isEqualTo(4);
        assertThat(s.completed()).isEqualTo(3);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.successRate()).isEqualTo(0.75); // 3 completed of 3 + 1 failed
        assertThat(s.meanDurationSeconds()).isEqualTo(20.0);
        assertThat(s.perTemplate()).extracting(HistoryStats.TemplateStats::template)
                .containsExactlyInAnyOrder("quick_preview", "complete_processing");
    }

    @Test
    void deleteOlderThanKeepsRecentRows() throws Exception {
        HistoryStore h = HistoryStore.open(dir.resolve("job_history.db"));
        Instant now = Instant.now();
        h.record(rec("new", "/m/a.stl", "completed", "t", 1, now));
        h.record(rec("old", "/m/b.stl", "completed", "t", 1, now.minus(Duration.ofDays(91))));
        assertThat(h.countOlderThan(90)).isEqualTo(1);
        assertThat(h.deleteOlderThan(90)).isEqualTo(1);
        assertThat(h.list(10)).extracting(HistoryRecord::id).containsExactly("new");
    }

    @Test
    void aVersionZeroDatabaseMigratesAndKeepsItsRows() throws Exception {
        Path db = dir.resolve("job_history.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE job_history (
                        id TEXT PRIMARY KEY, stl_path TEXT NOT NULL, stl_filename TEXT NOT NULL,
                        stl_size INTEGER NOT NULL, stl_checksum TEXT NOT NULL, output_folder TEXT NOT NULL,
                        queue_session_id TEXT NOT NULL, render_options TEXT NOT NULL,
                        validation_options TEXT NOT NULL, state TEXT NOT NULL, created_at TIMESTAMP NOT NULL,
                        started_at TIMESTAMP, completed_at TIMESTAMP, estimated_duration REAL, actual_duration REAL,
                        validation_passed BOOLEAN, files_generated TEXT, error_message TEXT, warnings TEXT,
                        app_version TEXT NOT NULL, created_by TEXT NOT NULL DEFAULT 'gui')""");
            st.execute("CREATE INDEX idx_stl_path ON job_history(stl_path)");
            st.execute("INSERT INTO job_history (id, stl_path, stl_filename, stl_size, stl_checksum, output_folder,"
                    + " queue_session_id, render_options, validation_options, state, created_at, completed_at,"
                    + " actual_duration, validation_passed, files_generated, warnings, app_version)"
                    + " VALUES ('job_001', '/path/to/model1.stl', 'model1.stl', 10, 'abc', '/output/model1', 's1',"
                    + " '{}', '{}', 'completed', '2024-01-15 10:30:15', '2024-01-15 10:32:45', 145.3, 1,"
                    + " '[\"/output/model1/renders/model1_render.png\"]', '[]', '0.9')");
        }
        HistoryStore h = HistoryStore.open(db);
        assertThat(h.schemaVersion()).isEqualTo(HistoryStore.SCHEMA_VERSION);
        HistoryRecord old = h.show("job_001").orElseThrow();
        assertThat(old.template()).isNull();
        assertThat(old.attempts()).isEqualTo(1);
        assertThat(old.completedAt()).isEqualTo(Instant.parse("2024-01-15T10:32:45Z"));
        assertThat(old.filesGenerated()).containsExactly("/output/model1/renders/model1_render.png");
        assertThat(h.record(rec("job_002", "/m/x.stl", "completed", "quick_preview", 1, Instant.now()))).isTrue();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void aFinishedJobBecomesARowWithMergedOptions() throws Exception {
        QueueStateDto q = QueueStateDto.empty();
        q.template = "quick_preview";
        q.globalRenderOptions.put("width", 1920);
        JobDto j = JobDto.pending("job_9", "/m/z.stl");
        j.state = JobState.COMPLETED;
        j.renderOptions.put("width", 800);
        j.attempts = 2;
        HistoryRecord r = HistoryRecord.fromJob(j, q, "1.0", "cli");
        assertThat(r.renderOptions()).contains("\"width\":800");
        assertThat(r.template()).isEqualTo("quick_preview");
        assertThat(r.attempts()).isEqualTo(2);
        HistoryStore h = HistoryStore.open(dir.resolve("job_history.db"));
        assertThat(h.record(r)).isTrue();
        assertThat(h.show("job_9")).get().extracting(HistoryRecord::stlFilename).isEqualTo("z.stl");
    }
}
