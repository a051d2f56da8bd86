package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.steps.StepSet;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateStore;

/** A job's duration is the time spent working on it, across stops and restarts of the program. */
class JobTimesTest {
    private static final long STEP_MILLIS = 200;

    @TempDir
    Path tmp;

    /** Every step writes its file after {@link #STEP_MILLIS} of work; {@code during} runs inside validate. */
    private static StepSet slow(Runnable during) {
        StepSet files = RunnerFixture.writing(Map.of());
        return kind -> ctx -> {
            Thread.sleep(STEP_MILLIS);
            if (kind == StepKind.VALIDATE) {
                during.run();
            }
            files.step(kind).run(ctx);
        };
    }

    @Test
    void aJobStoppedAfterItsSecondStepAndResumedDaysLaterLastsItsWorkingTime() throws Exception {
        String id;
        AtomicReference<QueueRunner> runner = new AtomicReference<>();
        try (RunnerFixture f = new RunnerFixture(tmp, slow(() -> runner.get().stop(StopMode.AFTER_CURRENT_STEPS)),
                RunnerFixture.settings())) {
            runner.set(f.runner);
            id = f.runner.add(f.sources("a.stl"), null, null, null).get(0).id();
            f.runner.start();
            f.finish();
            JobDto stopped = f.store.job(id);
            assertThat(stopped.state).isEqualTo(JobState.PENDING);
            assertThat(stopped.lastCompletedStep).isEqualTo("validate");
        }
        // the program stays closed for three days
        try (QueueStateStore store = QueueStateStore.open(org.stllisting.store.Home.at(tmp.resolve("home")))) {
            store.load();
            Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3));
            store.updateJob(id, d -> {
                d.startedAt = threeDaysAgo;
                return d;
            });
        }
        try (RunnerFixture f = new RunnerFixture(tmp, slow(() -> { }), RunnerFixture.settings())) {
            f.runner.recover(null, List.of());
            f.runner.start();
            f.finish();
            JobDto done = f.store.job(id);
            assertThat(done.state).isEqualTo(JobState.COMPLETED);
            // five steps of 200 ms each ran once: one second of work, plus the runner's own bookkeeping
            double work = 5 * STEP_MILLIS / 1000.0;
            assertThat(done.actualDuration).isBetween(work, work + 10);
            HistoryRecord row = f.history.show(id).orElseThrow();
            assertThat(row.actualDuration()).isEqualTo(done.actualDuration);
            assertThat(HistoryStore.open(f.home.historyDb()).count()).isEqualTo(1);
            assertThat(Files.exists(f.out)).isTrue();
        }
    }
}
