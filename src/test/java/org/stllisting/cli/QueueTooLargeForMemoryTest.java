package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * A queue file larger than the process's memory allows is whole, not damaged: a program started with a
 * small heap says so in one line and exits non-zero, and never recovers an older queue over it, moves it
 * aside or rewrites it.
 */
class QueueTooLargeForMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void aSnapshotTooLargeForTheHeapIsRefusedNotReplaced() throws Exception {
        Path home = tmp.resolve("home");
        try (QueueStateStore s = QueueStateStore.open(Home.at(home))) {
            s.addJobs(List.of(JobDto.pending("a", "/models/a.stl")));
        }
        try (QueueStateStore s = QueueStateStore.open(Home.at(home))) {
            s.addJobs(List.of(JobDto.pending("b", "/models/b.stl")));
        }
        // 40 MB of valid JSON: more than a 64 MB heap reads (half the heap)
        Path snap = home.resolve("queue_state.json");
        String json = Files.readString(snap);
        Files.writeString(snap, json.substring(0, json.length() - 1) + " ".repeat(40 << 20) + "}");
        long size = Files.size(snap);

        Process p = TinyRuns.child("-Xmx64m", home, tmp.resolve("resume.log"), "resume");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(tmp.resolve("resume.log"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("queue_state.json cannot be read with the memory this program has")
                .doesNotContain("\tat org.");
        assertThat(Files.size(snap)).isEqualTo(size);
        assertThat(home.resolve("backups/damaged")).doesNotExist();
        // with enough memory the queue is all there
        assertThat(QueueStateStore.read(Home.at(home)).state().jobs).hasSize(2);
    }
}
