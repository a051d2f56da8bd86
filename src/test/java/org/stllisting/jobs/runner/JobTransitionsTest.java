package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Json;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateStore;
import org.stllisting.store.queue.UnexpectedStateException;

/** Every change of a job is a named transition: checked, durable, then announced. */
class JobTransitionsTest {
    @TempDir
    Path tmp;

    @Test
    void aTransitionFromAnUnexpectedStateIsRefusedLeavesTheQueueUnchangedAndTellsNobody() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            JobView job = f.runner.add(f.sources("a.stl"), null, null, null).get(0);
            f.runner.start();
            f.finish();
            String before = Json.mapper().writeValueAsString(f.store.snapshot().jobs);
            int events = f.events.size();
            JobStates states = new JobStates(f.store, new EventDispatcher(), () -> {
                throw new AssertionError("a refused change announces nothing");
            });

            assertThatThrownBy(() -> states.apply(job.id(), Transition.retry(JobState.FAILED, false,
                    Path.of(job.source())))).isInstanceOf(UnexpectedStateException.class)
                    .hasMessageContaining("is completed, not failed");

            assertThat(Json.mapper().writeValueAsString(f.store.snapshot().jobs)).isEqualTo(before);
            assertThat(f.runner.retry(job.id())).as("the command says no too").isFalse();
            f.runner.cancel(job.id());
            f.runner.drainEvents(java.time.Duration.ofSeconds(5));
            assertThat(Json.mapper().writeValueAsString(f.store.snapshot().jobs)).isEqualTo(before);
            assertThat(f.events).hasSize(events);
        }
    }

    @Test
    void aJobIsRunningOnDiskBeforeAnyListenerHearsItStarted() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            List<String> onDisk = new CopyOnWriteArrayList<>();
            f.runner.addListener(e -> {
                if (e instanceof RunnerEvent.JobStateChanged c && c.to() == JobState.RUNNING) {
                    JobDto stored = QueueStateStore.read(f.home).state().job(c.job().id());
                    onDisk.add(stored.state.json() + " attempt " + stored.attempts);
                }
            });
            f.runner.add(f.sources("a.stl", "b.stl", "c.stl"), null, null, null);
            f.runner.start();
            f.finish();
            assertThat(onDisk).containsExactly("running attempt 1", "running attempt 1", "running attempt 1");
        }
    }

    @Test
    void recoveryKeepsWhyASourceWasSkippedInTheQueueState() throws Exception {
        String id;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            id = f.runner.add(f.sources("gone.stl", "kept.stl"), null, null, null).get(0).id();
        }
        Files.delete(tmp.resolve("src/gone.stl"));
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            f.runner.recover(null, List.of());
            assertThat(f.runner.job(id).state()).isEqualTo(JobState.SKIPPED);
            assertThat(f.store.job(id).results.details).containsEntry(JobFields.SOURCE_PROBLEM, "missing");
        }
        JobDto onDisk = QueueStateStore.read(new RunnerFixtureHome(tmp).home()).state().job(id);
        assertThat(onDisk.results.details).as("the reason reaches the queue state on disk")
                .containsEntry(JobFields.SOURCE_PROBLEM, "missing");
    }

    /** The fixture's home without opening anything. */
    private record RunnerFixtureHome(Path dir) {
        org.stllisting.store.Home home() {
            return org.stllisting.store.Home.at(dir.resolve("home"));
        }
    }
}
