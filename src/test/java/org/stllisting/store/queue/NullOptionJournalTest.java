package org.stllisting.store.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;

/**
 * An option a job holds as null (a job's own "no preset", which keeps a template's fixed size from applying)
 * is a value, not an absence: the journal keeps it, so a reader replaying the journal (a kill -9, before any
 * fold) finds the key with its null, as the snapshot of a clean exit does. A journal written before nulls
 * were kept still replays.
 */
class NullOptionJournalTest {
    @TempDir
    Path dir;

    private static Map<String, Object> ownSize() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", 800);
        m.put("height", 600);
        m.put("preset", null);
        return m;
    }

    @Test
    void aJobsNullOptionSurvivesTheJournalReplayOfACrashImage() throws Exception {
        Home home = Home.at(dir.resolve("home"));
        try (QueueStateStore s = QueueStateStore.open(home)) {
            JobDto added = QueueStateStoreTest.job("added");
            added.renderOptions.putAll(ownSize());
            s.addJobs(List.of(added, QueueStateStoreTest.job("changed")));
            s.transition("changed", JobState.PENDING, JobState.PENDING, d -> {
                d.renderOptions.putAll(ownSize());
                return d;
            });

            LoadResult r = QueueStateStore.read(home);
            assertThat(r.journalRecords()).as("add, change").isEqualTo(2);
            for (String id : List.of("added", "changed")) {
                assertThat(r.state().job(id).renderOptions).as(id).containsEntry("preset", null)
                        .containsEntry("width", 800).containsEntry("height", 600);
            }

            // the same through opening the crash image for writing, as a launch after a kill -9 does
            Home copy = Home.at(dir.resolve("crashed"));
            copyTree(home.root(), copy.root());
            Files.deleteIfExists(copy.root().resolve("instance.lock"));
            try (QueueStateStore reopened = QueueStateStore.open(copy)) {
                assertThat(reopened.job("changed").renderOptions).containsEntry("preset", null);
            }
        }
        try (QueueStateStore reopened = QueueStateStore.open(home)) {
            assertThat(reopened.job("changed").renderOptions).as("after a clean exit").containsEntry("preset", null);
        }
    }

    @Test
    void aReplacedQueueKeepsItsJobsNullOptionsInTheJournal() throws Exception {
        Home home = Home.at(dir.resolve("home"));
        try (QueueStateStore s = QueueStateStore.open(home)) {
            QueueStateDto q = QueueStateDto.empty();
            JobDto j = QueueStateStoreTest.job("imported");
            j.renderOptions.putAll(ownSize());
            q.jobs.add(j);
            s.replaceState(q);
            s.transition("imported", JobState.PENDING, JobState.PENDING, d -> d);

            assertThat(QueueStateStore.read(home).state().job("imported").renderOptions)
                    .containsEntry("preset", null);
        }
    }

    @Test
    void aJournalLineWrittenWithoutNullsStillReplays() throws Exception {
        Home home = Home.at(dir.resolve("home"));
        try (QueueStateStore s = QueueStateStore.open(home)) {
            s.addJobs(List.of(QueueStateStoreTest.job("old")));
        }
        // a line as earlier versions wrote it: no null anywhere, the job's options without the key
        JournalRecord r = new JournalRecord("job");
        JobDto old = QueueStateStore.read(home).state().job("old");
        old.renderOptions.put("width", 640);
        r.job = old;
        Path live = home.root().resolve("queue_state.journal");
        byte[] data = Files.readAllBytes(live);
        long last = 0;
        for (int start = 0, end; start < data.length; start = end + 1) {
            end = start;
            while (data[end] != '\n') {
                end++;
            }
            last = Math.max(last, JournalRecord.decode(data, start, end).seq);
        }
        r.seq = last + 1;
        String line = new String(r.encode(), java.nio.charset.StandardCharsets.UTF_8);
        String json = line.substring(9, line.length() - 1).replaceAll(",\"[a-z_0-9]+\":null", "");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String oldLine = String.format("%08x ", crc.getValue()) + json + "\n";
        for (Path journal : List.of(live,
                home.root().resolve("backups/queue_state_current.journal"))) {
            Files.writeString(journal, oldLine, java.nio.file.StandardOpenOption.APPEND);
        }

        LoadResult read = QueueStateStore.read(home);
        assertThat(read.lost()).isEmpty();
        assertThat(read.state().job("old").renderOptions).isEqualTo(Map.of("width", 640));
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
