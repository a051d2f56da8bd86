package org.stllisting.store.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;

/** Every way queue_state.json can be damaged falls back to the newest valid backup and says so. */
class QueueStateRecoveryTest {
    @TempDir
    Path dir;

    private Home home;

    /** A home whose snapshot holds a, b and backup 1 holds a. */
    @BeforeEach
    void twoGenerations() throws Exception {
        home = Home.at(dir.resolve("home"));
        try (QueueStateStore s = QueueStateStore.open(home)) {
            s.addJobs(List.of(job("a")));
        }
        try (QueueStateStore s = QueueStateStore.open(home)) {
            s.addJobs(List.of(job("b")));
        }
        assertThat(home.queueBackupFile(1)).exists();
    }

    private static JobDto job(String id) {
        return JobDto.pending(id, "/models/" + id + ".stl");
    }

    private static List<String> ids(LoadResult r) {
        return r.state().jobs.stream().map(j -> j.id).toList();
    }

    private void assertFellBackToBackup1(String problem) {
        LoadResult r = QueueStateStore.read(home);
        assertThat(r.source()).isEqualTo(LoadResult.Source.BACKUP);
        assertThat(r.fellBack()).isTrue();
        assertThat(r.file()).isEqualTo(home.queueBackupFile(1));
        assertThat(r.message()).contains("queue_state.json " + problem)
                .contains("recovered the queue from backups/queue_state_backup_1.json plus 1 journal change");
        // backup 1 holds {a}; the journal kept beside it replays the change that added b
        assertThat(ids(r)).containsExactly("a", "b");
    }

    @Test
    void intactSnapshotLoadsWithoutFallback() {
        LoadResult r = QueueStateStore.read(home);
        assertThat(r.source()).isEqualTo(LoadResult.Source.SNAPSHOT);
        assertThat(r.fellBack()).isFalse();
        assertThat(r.problems()).isEmpty();
        assertThat(ids(r)).containsExactly("a", "b");
    }

    @Test
    void missingSnapshotFallsBackToNewestBackup() throws Exception {
        Files.delete(home.queueStateFile());
        assertFellBackToBackup1("is missing");
    }

    @Test
    void emptySnapshotFallsBack() throws Exception {
        Files.write(home.queueStateFile(), new byte[0]);
        assertFellBackToBackup1("is empty");
    }

    @Test
    void truncatedSnapshotFallsBack() throws Exception {
        byte[] b = Files.readAllBytes(home.queueStateFile());
        Files.write(home.queueStateFile(), java.util.Arrays.copyOf(b, b.length / 2));
        assertFellBackToBackup1("is truncated");
    }

    @Test
    void unparseableSnapshotFallsBack() throws Exception {
        Files.writeString(home.queueStateFile(), "{ this is : not json ]");
        assertFellBackToBackup1("is not valid JSON");
    }

    @Test
    void unknownVersionFallsBack() throws Exception {
        String s = Files.readString(home.queueStateFile()).replace("\"version\" : \"2.0\"", "\"version\" : \"9.9\"");
        Files.writeString(home.queueStateFile(), s);
        assertFellBackToBackup1("has unknown version \"9.9\"");
    }

    @Test
    void inconsistentSnapshotFallsBack() throws Exception {
        String s = Files.readString(home.queueStateFile()).replace("\"id\" : \"b\"", "\"id\" : \"a\"");
        Files.writeString(home.queueStateFile(), s);
        assertFellBackToBackup1("is inconsistent: job id a appears twice");
    }

    @Test
    void damagedNewestBackupFallsBackToTheNextOne() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home)) {
            s.addJobs(List.of(job("c")));
        }
        Files.writeString(home.queueStateFile(), "garbage");
        Files.writeString(home.queueBackupFile(1), "{\"version\":");
        LoadResult r = QueueStateStore.read(home);
        assertThat(r.file()).isEqualTo(home.queueBackupFile(2));
        assertThat(r.problems()).anyMatch(p -> p.contains("backups/queue_state_backup_1.json is truncated"));
        assertThat(ids(r)).containsExactly("a", "b", "c");
    }

    @Test
    void nothingValidStartsEmptyAndSaysSo() throws Exception {
        Files.writeString(home.queueStateFile(), "garbage");
        PathUtils.deleteDirectory(home.backupsDir());
        LoadResult r = QueueStateStore.read(home);
        assertThat(r.source()).isEqualTo(LoadResult.Source.NEW);
        assertThat(r.fellBack()).isTrue();
        assertThat(r.message()).contains("queue_state.json is not valid JSON").contains("no valid backup was found");
        assertThat(r.state().jobs).isEmpty();
    }

    @Test
    void backupFallbackStillReplaysTheJournalsAfterIt() throws Exception {
        // crash image: snapshot {a,b,c} with backup 1 {a,b} + its journal (c), then d only in the live journal
        Path crash = dir.resolve("crash");
        try (QueueStateStore s = QueueStateStore.open(home)) {
            s.addJobs(List.of(job("c")));
            s.checkpoint();
            s.addJobs(List.of(job("d")));
            PathUtils.copyDirectory(home.root(), crash);
        }
        Home image = Home.at(crash);
        Files.writeString(image.queueStateFile(), "{\"version\": \"2.0\", \"jobs\": [");
        LoadResult r = QueueStateStore.read(image);
        assertThat(r.source()).isEqualTo(LoadResult.Source.BACKUP);
        assertThat(ids(r)).containsExactly("a", "b", "c", "d");
        assertThat(r.journalRecords()).isEqualTo(2);
        assertThat(r.message()).contains("plus 2 journal changes");
    }

    @Test
    void aTornLastJournalLineIsIgnoredSilently() throws Exception {
        Path crash = dir.resolve("crash");
        try (QueueStateStore s = QueueStateStore.open(home)) {
            s.addJobs(List.of(job("c")));
            PathUtils.copyDirectory(home.root(), crash);
        }
        Home image = Home.at(crash);
        Files.writeString(image.queueJournalFile(), "1234abcd {\"seq\":99,\"op\":\"add\",\"jo", StandardOpenOption.APPEND);
        LoadResult r = QueueStateStore.read(image);
        assertThat(r.source()).isEqualTo(LoadResult.Source.SNAPSHOT);
        assertThat(r.problems()).isEmpty();
        assertThat(ids(r)).containsExactly("a", "b", "c");
        // opening for writing folds it away, so the next change does not land behind the torn bytes
        try (QueueStateStore s = QueueStateStore.open(image)) {
            s.addJobs(List.of(job("e")));
        }
        assertThat(ids(QueueStateStore.read(image))).containsExactly("a", "b", "c", "e");
    }

    @Test
    void aDamagedJournalLineInTheMiddleIsReported() throws Exception {
        Path crash = dir.resolve("crash");
        try (QueueStateStore s = QueueStateStore.open(home)) {
            s.addJobs(List.of(job("c")));
            s.addJobs(List.of(job("d")));
            PathUtils.copyDirectory(home.root(), crash);
        }
        Home image = Home.at(crash);
        byte[] j = Files.readAllBytes(image.queueJournalFile());
        j[12] ^= 0x20; // flip a bit in the first record
        Files.write(image.queueJournalFile(), j);
        LoadResult r = QueueStateStore.read(image);
        assertThat(r.problems()).anyMatch(p -> p.contains("queue_state.journal line 1 is damaged"));
        // every line is also in the journal's copy, so nothing is lost
        assertThat(ids(r)).containsExactly("a", "b", "c", "d");
        assertThat(r.lostSomething()).isFalse();

        // with the copy damaged in the same place as well, the loss is said, never silent
        Path copy = image.backupsDir().resolve("queue_state_current.journal");
        byte[] c = Files.readAllBytes(copy);
        c[12] ^= 0x20;
        Files.write(copy, c);
        LoadResult both = QueueStateStore.read(image);
        assertThat(both.lostSomething()).isTrue();
        assertThat(both.message()).contains("Not recovered").contains("queue_state.journal");
    }

    @Test
    void openingAfterAFallbackRepairsTheSnapshot() throws Exception {
        Files.writeString(home.queueStateFile(), "garbage");
        try (QueueStateStore s = QueueStateStore.open(home)) {
            assertThat(s.load().fellBack()).isTrue();
            assertThat(s.jobIds()).containsExactly("a", "b");
        }
        LoadResult r = QueueStateStore.read(home);
        assertThat(r.source()).isEqualTo(LoadResult.Source.SNAPSHOT);
        assertThat(ids(r)).containsExactly("a", "b");
    }

    @Test
    void aVersionOnePointZeroFileFromTheSeedSchemaMigrates() throws Exception {
        Path h = dir.resolve("old");
        Files.createDirectories(h);
        Files.writeString(h.resolve("queue_state.json"), """
                {
                  "version": "1.0",
                  "created_at": "2024-01-15T10:30:00Z",
                  "last_updated": "2024-01-15T11:45:00Z",
                  "queue_settings": {"max_concurrent_jobs": 2, "auto_retry_failed": true,
                                     "max_retry_attempts": 3, "output_base_folder": "/path/to/output"},
                  "global_render_options": {"generate_image": true, "generate_size_chart": false,
                      "generate_video": false, "generate_color_variations": false, "width": 1920, "height": 1080,
                      "material": "plastic", "lighting": "studio", "background_image": "/path/to/background.jpg"},
                  "global_validation_options": {"level": "standard", "auto_repair": true},
                  "jobs": [
                    {"id": "job_001", "stl_path": "/path/to/model1.stl", "output_folder": "/output/model1",
                     "state": "completed", "progress": 100.0, "created_at": "2024-01-15T10:30:15Z",
                     "started_at": "2024-01-15T10:30:20Z", "completed_at": "2024-01-15T10:32:45Z",
                     "estimated_duration": 145.0, "actual_duration": 145.3, "render_options": {},
                     "validation_options": {},
                     "results": {"validation_passed": true,
                                 "files_generated": ["/output/model1/renders/model1_render.png"],
                                 "errors": [], "warnings": ["Minor mesh issues detected but repaired"]},
                     "error_message": null},
                    {"id": "job_002", "stl_path": "/path/to/model2.stl", "state": "running", "progress": 40.0,
                     "created_at": "2024-01-15T10:30:16Z"}
                  ]
                }
                """, StandardCharsets.UTF_8);
        Home old = Home.at(h);
        LoadResult r = QueueStateStore.read(old);
        assertThat(r.source()).isEqualTo(LoadResult.Source.SNAPSHOT);
        assertThat(r.migratedFrom()).isEqualTo("1.0");
        assertThat(r.message()).contains("migrated from version 1.0");
        QueueStateDto q = r.state();
        assertThat(q.version).isEqualTo(QueueStateDto.CURRENT_VERSION);
        assertThat(q.queueSessionId).isNotBlank();
        assertThat(q.globalRenderOptions).containsEntry("background", "image:/path/to/background.jpg");
        JobDto done = q.job("job_001");
        assertThat(done.state).isEqualTo(JobState.COMPLETED);
        assertThat(done.attempts).isEqualTo(1);
        assertThat(done.results.warnings).containsExactly("Minor mesh issues detected but repaired");
        assertThat(q.job("job_002").state).isEqualTo(JobState.PENDING);
        try (QueueStateStore s = QueueStateStore.open(old)) {
            assertThat(s.size()).isEqualTo(2);
        }
        assertThat(Files.readString(old.queueStateFile())).contains("\"version\" : \"2.0\"");
        assertThat(QueueStateStore.read(old).migratedFrom()).isNull();
    }
}
