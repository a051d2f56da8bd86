package org.stllisting.store.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.Json;

/** A job's state changes as a compare-and-set on the state it is expected to be in. */
class QueueTransitionTest {
    @TempDir
    Path dir;

    private Home home() {
        return Home.at(dir.resolve("home"));
    }

    private static String json(Object o) throws Exception {
        return Json.mapper().writeValueAsString(o);
    }

    @Test
    void aTransitionFromAnUnexpectedStateIsRefusedAndLeavesTheQueueUnchanged() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home())) {
            s.addJobs(List.of(QueueStateStoreTest.job("a"), QueueStateStoreTest.job("b")));
            String before = json(s.snapshot().jobs);
            long journalBefore = Files.size(home().queueJournalFile());
            AtomicBoolean patched = new AtomicBoolean();

            assertThatThrownBy(() -> s.transition("a", JobState.RUNNING, JobState.COMPLETED, d -> {
                patched.set(true);
                d.progress = 100;
                return d;
            })).isInstanceOf(UnexpectedStateException.class)
                    .hasMessageContaining("job a is pending, not running")
                    .satisfies(e -> assertThat(((UnexpectedStateException) e).actual()).isEqualTo(JobState.PENDING));

            assertThat(patched).as("the change itself never ran").isFalse();
            assertThat(json(s.snapshot().jobs)).isEqualTo(before);
            assertThat(Files.size(home().queueJournalFile())).as("nothing written").isEqualTo(journalBefore);
            assertThat(json(QueueStateStore.read(home()).state().jobs)).as("on disk too").isEqualTo(before);
        }
    }

    @Test
    void theSecondOfTwoIdenticalTransitionsIsRefused() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home())) {
            s.addJobs(List.of(QueueStateStoreTest.job("a")));
            JobDto started = s.transition("a", JobState.PENDING, JobState.RUNNING, d -> {
                d.attempts++;
                return d;
            });
            assertThat(started.state).isEqualTo(JobState.RUNNING);
            assertThat(started.attempts).isEqualTo(1);
            assertThatThrownBy(() -> s.transition("a", JobState.PENDING, JobState.RUNNING, d -> {
                d.attempts++;
                return d;
            })).isInstanceOf(UnexpectedStateException.class);
            assertThat(s.job("a").attempts).as("counted once").isEqualTo(1);
            assertThat(s.read(q -> q.count(JobState.RUNNING)).intValue()).isEqualTo(1);
            assertThat(s.read(q -> q.count(JobState.PENDING)).intValue()).isZero();
        }
    }

    @Test
    void aTransitionTheStateTableForbidsIsRefusedEvenFromTheExpectedState() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home())) {
            s.addJobs(List.of(QueueStateStoreTest.job("a")));
            long journalBefore = Files.size(home().queueJournalFile());
            assertThatThrownBy(() -> s.transition("a", JobState.PENDING, JobState.COMPLETED, d -> d))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThat(s.job("a").state).isEqualTo(JobState.PENDING);
            assertThat(Files.size(home().queueJournalFile())).isEqualTo(journalBefore);
        }
    }

    @Test
    void theStateCountsFollowEveryKindOfChangeAndSurviveAReload() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home())) {
            s.addJobs(List.of(QueueStateStoreTest.job("a"), QueueStateStoreTest.job("b"),
                    QueueStateStoreTest.job("c")));
            s.transition("a", JobState.PENDING, JobState.RUNNING, d -> d);
            s.transition("a", JobState.RUNNING, JobState.COMPLETED, d -> d);
            s.transition("b", JobState.PENDING, JobState.CANCELLED, d -> d);
            s.removeJobs(List.of("c"));
            List<Integer> counts = s.read(q -> List.of(q.count(JobState.COMPLETED), q.count(JobState.CANCELLED),
                    q.count(JobState.PENDING), q.size()));
            assertThat(counts).containsExactly(1, 1, 0, 2);
        }
        try (QueueStateStore s = QueueStateStore.open(home())) {
            List<Integer> counts = s.read(q -> List.of(q.count(JobState.COMPLETED), q.count(JobState.CANCELLED),
                    q.count(JobState.PENDING), q.size()));
            assertThat(counts).containsExactly(1, 1, 0, 2);
        }
    }
}
