package org.stllisting.store.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;

/**
 * Jobs put back after a removal are one journaled change: a reader replaying the journal (before any fold)
 * finds them at their places, as they were; an id already queued is refused and nothing is written.
 */
class PutBackJournalTest {
    @TempDir
    Path dir;

    @Test
    void theJournalReplaysThePutBackAtTheJobsPlaces() throws Exception {
        Home home = Home.at(dir.resolve("home"));
        try (QueueStateStore s = QueueStateStore.open(home)) {
            s.addJobs(List.of(QueueStateStoreTest.job("a"), QueueStateStoreTest.job("b"),
                    QueueStateStoreTest.job("c"), QueueStateStoreTest.job("d")));
            JobDto b = s.job("b");
            b.state = JobState.COMPLETED;
            b.results.verdict = "ready";
            JobDto d = s.job("d");
            s.removeJobs(List.of("b", "d"));
            s.putBack(List.of(b, d), List.of(1, 3));
            assertThat(s.jobIds()).containsExactly("a", "b", "c", "d");
            assertThatThrownBy(() -> s.putBack(List.of(b), List.of(0))).isInstanceOf(IllegalArgumentException.class);

            LoadResult r = QueueStateStore.read(home);
            assertThat(r.journalRecords()).as("add, remove, put back").isEqualTo(3);
            assertThat(r.state().jobs).extracting(j -> j.id).containsExactly("a", "b", "c", "d");
            assertThat(r.state().job("b").state).isEqualTo(JobState.COMPLETED);
            assertThat(r.state().job("b").results.verdict).isEqualTo("ready");
        }
    }
}
