package org.stllisting.store.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;

class QueueStateStoreTest {
    @TempDir
    Path dir;

    private Home home() {
        return Home.at(dir.resolve("home"));
    }

    static JobDto job(String id) {
        return JobDto.pending(id, "/models/" + id + ".stl");
    }

    @Test
    void freshHomeStartsEmptyAndSaysSo() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home())) {
            assertThat(s.load().source()).isEqualTo(LoadResult.Source.NEW);
            assertThat(s.load().fellBack()).isFalse();
            assertThat(s.load().message()).contains("No queue yet");
            assertThat(s.size()).isZero();
        }
        assertThat(home().queueStateFile()).exists();
    }

    @Test
    void changesAreVisibleToAReaderBeforeCloseThroughTheJournal() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home())) {
            s.addJobs(List.of(job("a"), job("b"), job("c")));
            s.updateJob("b", j -> {
                j.state = JobState.RUNNING;
                j.currentStep = "validate";
                j.attempts = 1;
                return j;
            });
            s.moveJobs(List.of("c"), 0);
            s.removeJobs(List.of("a"));

            LoadResult r = QueueStateStore.read(home());
            assertThat(r.source()).isEqualTo(LoadResult.Source.SNAPSHOT);
            assertThat(r.journalRecords()).isEqualTo(4);
            assertThat(r.state().jobs).extracting(j -> j.id).containsExactly("c", "b");
            assertThat(r.state().job("b").state).isEqualTo(JobState.RUNNING);
            assertThat(r.state().job("b").currentStep).isEqualTo("validate");
        }
        LoadResult after = QueueStateStore.read(home());
        assertThat(after.journalRecords()).isZero();
        assertThat(after.state().jobs).extracting(j -> j.id).containsExactly("c", "b");
    }

    @Test
    void illegalTransitionThrowsAndWritesNothing() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home())) {
            s.addJobs(List.of(job("a")));
            long before = Files.size(home().queueJournalFile());
            JobDto done = s.job("a");
            done.state = JobState.COMPLETED;
            assertThatThrownBy(() -> s.putJob(done)).isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("pending -> completed".toUpperCase().replace(" -> ", " -> "));
            assertThat(Files.size(home().queueJournalFile())).isEqualTo(before);
            assertThat(s.job("a").state).isEqualTo(JobState.PENDING);
        }
    }

    @Test
    void duplicateJobIdsAreRefused() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home())) {
            s.addJobs(List.of(job("a")));
            assertThatThrownBy(() -> s.addJobs(List.of(job("a")))).isInstanceOf(IllegalArgumentException.class);
            assertThat(s.size()).isEqualTo(1);
        }
    }

    @Test
    void foldingRotatesBackupsAndKeepsThree() throws Exception {
        QueueStateStore.Options opts = new QueueStateStore.Options(3, 1, 0.0, 5, java.time.Duration.ofSeconds(1));
        try (QueueStateStore s = QueueStateStore.open(home(), opts)) {
            for (int i = 0; i < 8; i++) {
                s.addJobs(List.of(job("j" + i)));
            }
            assertThat(s.stats().folds()).isGreaterThanOrEqualTo(8);
        }
        assertThat(home().queueBackupFile(1)).exists();
        assertThat(home().queueBackupFile(3)).exists();
        assertThat(home().queueBackupFile(4)).doesNotExist();
        LoadResult r = QueueStateStore.read(home());
        assertThat(r.state().jobs).hasSize(8);
    }

    @Test
    void progressIsSavedEveryFiveEventsAndOnClose() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home())) {
            s.addJobs(List.of(job("a")));
            s.updateJob("a", j -> {
                j.state = JobState.RUNNING;
                return j;
            });
            for (int i = 1; i <= 5; i++) {
                s.progress("a", i * 10, "step " + i, 100.0 - i);
            }
            assertThat(QueueStateStore.read(home()).state().job("a").progress).isEqualTo(50.0);
            s.progress("a", 60, "six", null);
            assertThat(s.job("a").progress).isEqualTo(60.0);
        }
        JobDto a = QueueStateStore.read(home()).state().job("a");
        assertThat(a.progress).isEqualTo(60.0);
        assertThat(a.progressMessage).isEqualTo("six");
    }

    @Test
    void progressIsSavedWithinTheDelayWithoutFurtherEvents() throws Exception {
        QueueStateStore.Options opts = new QueueStateStore.Options(3, 256 * 1024, 2.0, 5,
                java.time.Duration.ofMillis(200));
        try (QueueStateStore s = QueueStateStore.open(home(), opts)) {
            s.addJobs(List.of(job("a")));
            s.progress("a", 42, "working", null);
            double seen = 0;
            for (int i = 0; i < 100 && seen != 42.0; i++) {
                Thread.sleep(50);
                seen = QueueStateStore.read(home()).state().job("a").progress;
            }
            assertThat(seen).isEqualTo(42.0);
        }
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        QueueStateStore.Options opts = QueueStateStore.Options.defaults().withFoldMinBytes(8 * 1024);
        try (QueueStateStore s = QueueStateStore.open(home(), opts)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String id = "t" + thread + "_" + i;
                        s.addJobs(List.of(job(id)));
                        s.updateJob(id, j -> {
                            j.state = JobState.RUNNING;
                            return j;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            LoadResult live = QueueStateStore.read(home());
            assertThat(live.state().jobs).hasSize(200).allMatch(j -> j.state == JobState.RUNNING);
        }
        assertThat(QueueStateStore.read(home()).state().jobs).hasSize(200);
    }

    @Test
    void replaceStateStartsAFreshSnapshotAndKeepsThePreviousAsBackup() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home())) {
            s.addJobs(List.of(job("old")));
            QueueStateDto fresh = QueueStateDto.empty();
            fresh.jobs.add(job("new"));
            s.replaceState(fresh);
            assertThat(s.jobIds()).containsExactly("new");
        }
        assertThat(QueueStateStore.read(home()).state().jobs).extracting(j -> j.id).containsExactly("new");
    }

    @Test
    void anInterruptedCallerStillWritesAndLeavesTheStoreUsable() throws Exception {
        try (QueueStateStore s = QueueStateStore.open(home())) {
            s.addJobs(List.of(job("a"), job("b")));
            s.updateJob("a", j -> {
                j.state = JobState.RUNNING;
                return j;
            });
            // a runner cancels a job by interrupting its thread; the thread then records the cancellation
            Thread.currentThread().interrupt();
            try {
                s.updateJob("a", j -> {
                    j.state = JobState.CANCELLED;
                    return j;
                });
                s.checkpoint();
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            s.updateJob("b", j -> {
                j.state = JobState.RUNNING;
                return j;
            });
        }
        LoadResult r = QueueStateStore.read(home());
        assertThat(r.state().job("a").state).isEqualTo(JobState.CANCELLED);
        assertThat(r.state().job("b").state).isEqualTo(JobState.RUNNING);
    }

    @Test
    void aReaderInAnotherThreadNeverSeesAnOlderStateWhileTheWriterFolds() throws Exception {
        // a fold every few changes: far more often than the product does, to make the race likely
        QueueStateStore.Options foldAlways = new QueueStateStore.Options(3, 1500, 0.0, 5, java.time.Duration.ofSeconds(1));
        java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();
        try (QueueStateStore s = QueueStateStore.open(home(), foldAlways)) {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 120; i++) {
                        s.addJobs(List.of(job("j" + i)));
                        acknowledged.set(i + 1);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            int reads = 0;
            while (writer.isAlive() || reads == 0) {
                int before = acknowledged.get();
                LoadResult r = QueueStateStore.read(home());
                assertThat(r.problems()).isEmpty();
                assertThat(r.fellBack()).isFalse();
                assertThat(r.state().jobs.size()).as("read %d", reads).isGreaterThanOrEqualTo(before);
                reads++;
            }
            writer.join();
            assertThat(s.stats().folds()).isGreaterThanOrEqualTo(10);
        }
    }
}
