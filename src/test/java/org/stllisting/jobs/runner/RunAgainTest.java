package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.store.queue.JobState;

/**
 * Run again: a finished job goes back to pending from its first step (a named change, its checkpoint
 * gone), runs every step again and overwrites its old outputs; a waiting or running job is refused.
 */
class RunAgainTest {
    @TempDir
    Path tmp;

    @Test
    void aCompletedJobRunsEveryStepAgainIntoTheSameFolder() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl"), null, null, null);
            String id = jobs.get(0).id();
            f.runner.start();
            f.finish();
            JobView first = f.runner.job(id);
            assertThat(first.state()).isEqualTo(JobState.COMPLETED);
            Path analyzed = f.out.resolve("a/analyze.txt");
            Files.writeString(analyzed, "old output");
            assertThat(f.runner.runAgain(jobs.get(1).id() + "x")).as("unknown").isFalse();

            assertThat(f.runner.runAgain(id)).isTrue();
            JobView again = f.runner.job(id);
            assertThat(again.state()).isEqualTo(JobState.PENDING);
            assertThat(again.lastCompletedStep()).isNull();
            assertThat(again.progress()).isZero();
            assertThat(again.completedAt()).isNull();
            assertThat(Files.exists(Checkpoints.file(f.home.jobCacheDir(id)))).isFalse();
            // events reach listeners on the dispatcher thread, after the change is on disk: wait for it (20 s)
            f.await(RunnerEvent.JobStateChanged.class, e -> e.job().id().equals(id)
                    && e.from() == JobState.COMPLETED && e.to() == JobState.PENDING && "run again".equals(e.reason()));
            assertThat(f.runner.runAgain(id)).as("a waiting job is not run again").isFalse();

            int before = f.all(RunnerEvent.StepStarted.class).size();
            f.runner.start();
            f.finish();
            assertThat(f.runner.job(id).state()).isEqualTo(JobState.COMPLETED);
            assertThat(f.all(RunnerEvent.StepStarted.class).subList(before, f.all(RunnerEvent.StepStarted.class).size()))
                    .filteredOn(e -> e.jobId().equals(id)).extracting(RunnerEvent.StepStarted::step)
                    .containsExactly(StepKind.LOAD, StepKind.VALIDATE, StepKind.ANALYZE, StepKind.RENDER,
                            StepKind.FINALIZE);
            assertThat(Files.readString(analyzed)).isEqualTo("analyze of a");
            assertThat(f.runner.job(jobs.get(1).id()).attempts()).as("the other job is left alone").isEqualTo(1);
        }
    }
}
