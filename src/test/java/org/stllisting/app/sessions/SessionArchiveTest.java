package org.stllisting.app.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;

class SessionArchiveTest {
    @TempDir
    Path dir;

    /** A queue with one job per state given, ids {@code <prefix>_<n>}, each with a small cache folder. */
    static QueueStateDto queue(Home home, String sessionId, String prefix, JobState... states) throws Exception {
        QueueStateDto q = QueueStateDto.empty();
        q.queueSessionId = sessionId;
        q.template = "quick_preview";
        q.queueSettings.outputBaseFolder = "/out/" + prefix;
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        for (int i = 0; i < states.length; i++) {
            JobDto j = JobDto.pending(prefix + "_" + i, "/models/" + prefix + i + ".stl");
            j.state = states[i];
            j.outputFolder = "/out/" + prefix + "/m" + i;
            if (states[i].isFinal()) {
                j.completedAt = t.plusSeconds(60L * (i + 1));
            }
            q.jobs.add(j);
            Path cache = home.jobCacheDir(j.id);
            Files.createDirectories(cache);
            Files.write(cache.resolve("processing_state.json"), new byte[100]);
        }
        return q;
    }

    private Home home() throws Exception {
        return Home.at(dir.resolve("home")).ensureCreated();
    }

    @Test
    void archivedSessionIsListedFoundReadBackAndOwnsItsJobs() throws Exception {
        Home home = home();
        HistoryStore h = HistoryStore.open(home.historyDb());
        SessionArchive archive = new SessionArchive(home, h);
        QueueStateDto q = queue(home, "aaaa1111-0000-0000-0000-000000000001", "a", JobState.COMPLETED,
                JobState.FAILED, JobState.SKIPPED);
        Instant expires = Instant.now().plus(Duration.ofDays(90));

        SessionInfo info = archive.archive(q, "finished", expires);

        assertThat(SessionArchive.queueFile(home, q.queueSessionId)).isRegularFile();
        assertThat(info.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(info.reason()).isEqualTo("finished");
        assertThat(info.counts()).isEqualTo(new JobCounts(3, 1, 1, 0, 1, 0));
        assertThat(info.endedAt()).isEqualTo(Instant.parse("2026-03-01T10:03:00Z"));
        assertThat(info.cacheBytes()).isEqualTo(300);
        assertThat(info.outputFolders()).containsExactly("/out/a");
        assertThat(info.active()).isFalse();
        assertThat(archive.list()).extracting(SessionInfo::id).containsExactly(q.queueSessionId);
        assertThat(archive.list().get(0).expiresAt()).isEqualTo(expires.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(archive.find("aaaa1111")).get().extracting(SessionInfo::id).isEqualTo(q.queueSessionId);
        assertThat(archive.find("aaa")).isEmpty(); // shorter than a usable prefix
        assertThat(archive.find("bbbb")).isEmpty();
        assertThat(archive.queue(q.queueSessionId).jobs).extracting(j -> j.id).containsExactly("a_0", "a_1", "a_2");
        assertThat(archive.jobOwners()).containsOnly(Map.entry("a_0", q.queueSessionId),
                Map.entry("a_1", q.queueSessionId), Map.entry("a_2", q.queueSessionId));
    }

    @Test
    void listIsNewestArchivedFirstAndArchivingTwiceKeepsOneEntry() throws Exception {
        Home home = home();
        HistoryStore h = HistoryStore.open(home.historyDb());
        SessionArchive archive = new SessionArchive(home, h);
        QueueStateDto first = queue(home, "11111111-a", "f", JobState.COMPLETED);
        QueueStateDto second = queue(home, "22222222-b", "s", JobState.PENDING, JobState.COMPLETED);
        archive.archive(first, "finished", null);
        Thread.sleep(5);
        SessionInfo d = archive.archive(second, "discarded", Instant.now().plus(Duration.ofDays(7)));
        assertThat(d.status()).isEqualTo(SessionStatus.DISCARDED);
        assertThat(d.counts().unfinished()).isEqualTo(1);
        assertThat(d.endedAt()).isNull();

        Thread.sleep(5);
        archive.archive(first, "finished", null);

        assertThat(archive.list()).extracting(SessionInfo::id).containsExactly("11111111-a", "22222222-b");
        assertThat(archive.jobOwners()).hasSize(3);
    }

    @Test
    void aPrefixNamingTwoSessionsIsRefusedWithBoth() throws Exception {
        Home home = home();
        SessionArchive archive = new SessionArchive(home, HistoryStore.open(home.historyDb()));
        archive.archive(queue(home, "abcd0001", "x", JobState.COMPLETED), "finished", null);
        archive.archive(queue(home, "abcd0002", "y", JobState.COMPLETED), "finished", null);
        assertThatThrownBy(() -> archive.find("abcd")).isInstanceOf(SessionArchive.AmbiguousIdException.class)
                .hasMessageContaining("abcd0001").hasMessageContaining("abcd0002");
        assertThat(archive.find("abcd0002")).isPresent();
    }

    @Test
    void deleteRemovesTheEntryAndFolderButNeverTheJobCaches() throws Exception {
        Home home = home();
        SessionArchive archive = new SessionArchive(home, HistoryStore.open(home.historyDb()));
        QueueStateDto q = queue(home, "dddd0001", "d", JobState.COMPLETED, JobState.CANCELLED);
        archive.archive(q, "finished", null);

        archive.delete(q.queueSessionId);

        assertThat(archive.list()).isEmpty();
        assertThat(archive.jobOwners()).isEmpty();
        assertThat(SessionArchive.folder(home, q.queueSessionId)).doesNotExist();
        assertThat(home.jobCacheDir("d_0").resolve("processing_state.json")).isRegularFile();
        assertThat(home.jobCacheDir("d_1").resolve("processing_state.json")).isRegularFile();
    }

    @Test
    void setCacheBytesIsWhatTheListShowsNext() throws Exception {
        Home home = home();
        SessionArchive archive = new SessionArchive(home, HistoryStore.open(home.historyDb()));
        archive.archive(queue(home, "cccc0001", "c", JobState.COMPLETED), "finished", null);
        archive.setCacheBytes("cccc0001", 0);
        assertThat(archive.list().get(0).cacheBytes()).isZero();
    }

    @Test
    void theActiveQueueWinsOverAnArchivedEntryOfTheSameSession() throws Exception {
        Home home = home();
        HistoryStore h = HistoryStore.open(home.historyDb());
        QueueStateDto same = queue(home, "eeee0001", "e", JobState.PENDING, JobState.COMPLETED);
        QueueStateDto other = queue(home, "ffff0001", "o", JobState.COMPLETED);
        // an imported job of the active queue kept its id from the archived session "ffff0001"
        QueueStateDto activeQueue = same.copy();
        activeQueue.jobs.add(other.jobs.get(0).copy());
        SessionArchive archive = new SessionArchive(home, h, () -> SessionArchive.ActiveQueue.of(activeQueue));
        archive.archive(same, "discarded", null);
        archive.archive(other, "finished", null);

        assertThat(archive.list()).extracting(SessionInfo::id).containsExactly("ffff0001");
        assertThat(archive.find("eeee0001")).isEmpty();
        assertThat(archive.find("eeee")).isEmpty();
        assertThat(archive.jobOwners()).isEmpty();
    }

    @Test
    void withoutTheIndexTablesNothingIsArchived() throws Exception {
        Home home = home();
        HistoryStore h = HistoryStore.open(home.historyDb());
        // what a database of the previous schema, opened without migrating, looks like
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.historyDb());
                Statement st = c.createStatement()) {
            st.execute("DROP TABLE session_jobs");
            st.execute("DROP TABLE sessions");
        }
        SessionArchive archive = new SessionArchive(home, h);
        assertThat(archive.list()).isEmpty();
        assertThat(archive.jobOwners()).isEmpty();
        assertThat(archive.find("abcd0001")).isEmpty();
    }

    @Test
    void aFolderThatCannotBeWrittenIsNamedAndNothingIsIndexed() throws Exception {
        Home home = home();
        HistoryStore h = HistoryStore.open(home.historyDb());
        SessionArchive archive = new SessionArchive(home, h);
        Files.writeString(SessionArchive.root(home), "not a folder");
        QueueStateDto q = queue(home, "9999aaaa", "n", JobState.COMPLETED);

        assertThatThrownBy(() -> archive.archive(q, "finished", null))
                .hasMessageContaining(SessionArchive.queueFile(home, "9999aaaa").toString())
                .hasMessageContaining("Not a directory");
        assertThat(archive.list()).isEmpty();
    }

    @Test
    void aSchemaOneHistoryIsMigratedWithTheIndexTables() throws Exception {
        Path db = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE job_history (id TEXT PRIMARY KEY, stl_path TEXT NOT NULL, stl_filename TEXT NOT NULL,"
                    + " stl_size INTEGER NOT NULL, stl_checksum TEXT NOT NULL, output_folder TEXT NOT NULL,"
                    + " queue_session_id TEXT NOT NULL, render_options TEXT NOT NULL, validation_options TEXT NOT NULL,"
                    + " state TEXT NOT NULL, created_at TIMESTAMP NOT NULL, started_at TIMESTAMP, completed_at TIMESTAMP,"
                    + " estimated_duration REAL, actual_duration REAL, validation_passed BOOLEAN, files_generated TEXT,"
                    + " error_message TEXT, warnings TEXT, app_version TEXT NOT NULL, created_by TEXT NOT NULL DEFAULT 'gui',"
                    + " template TEXT, attempts INTEGER NOT NULL DEFAULT 1)");
            st.execute("PRAGMA user_version = 1");
        }
        HistoryStore h = HistoryStore.open(db);
        assertThat(h.schemaVersion()).isEqualTo(2);
        Home home = home();
        SessionArchive archive = new SessionArchive(home, h);
        archive.archive(queue(home, "77770001", "m", JobState.COMPLETED), "finished", null);
        assertThat(archive.list()).hasSize(1);
        assertThat(List.copyOf(archive.jobOwners().keySet())).containsExactly("m_0");
    }
}
