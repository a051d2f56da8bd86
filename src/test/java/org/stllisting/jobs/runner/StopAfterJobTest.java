package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.JobStep;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueSettingsDto;

/**
 * Stop after this job: once asked, no new job starts; the jobs already running run to their end (none is
 * cut off between two steps); then the run stops. A job that has already finished is refused and leaves no
 * request behind.
 */
class StopAfterJobTest {
    @TempDir
    Path tmp;

    private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();

    private Semaphore gate(String model) {
        return gates.computeIfAbsent(model, k -> new Semaphore(0));
    }

    @Test
    void nothingNewStartsAndTheOtherRunningJobRunsToItsEnd() throws Exception {
        // each job waits in its validate and again in its render step until let go
        JobStep validate = ctx -> gate(ctx.outputs().name()).acquire();
        JobStep render = ctx -> gate(ctx.outputs().name()).acquire();
        QueueSettingsDto s = RunnerFixture.settings();
        s.maxConcurrentJobs = 2;
        try (RunnerFixture f = new RunnerFixture(tmp,
                RunnerFixture.writing(Map.of(StepKind.VALIDATE, validate, StepKind.RENDER, render)), s)) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl", "c.stl", "d.stl"), null, null, null);
            String a = jobs.get(0).id();
            String b = jobs.get(1).id();
            f.runner.start();
            f.await(RunnerEvent.StepStarted.class, e -> e.jobId().equals(a) && e.step() == StepKind.VALIDATE);
            f.await(RunnerEvent.StepStarted.class, e -> e.jobId().equals(b) && e.step() == StepKind.VALIDATE);

            assertThat(f.runner.stopAfter(a)).isEqualTo(QueueRunner.StopAfter.ASKED);
            gate("a").release(2);
            f.await(RunnerEvent.JobStateChanged.class, e -> e.job().id().equals(a) && e.to() == JobState.COMPLETED);
            // b is let go one step at a time, after a has finished: it must go on to its end
            Thread.sleep(150);
            gate("b").release();
            f.await(RunnerEvent.StepStarted.class, e -> e.jobId().equals(b) && e.step() == StepKind.RENDER);
            gate("b").release();
            f.finish();

            assertThat(f.runner.job(b).state()).as("the other running job finishes").isEqualTo(JobState.COMPLETED);
            assertThat(f.all(RunnerEvent.JobStateChanged.class)).as("no new job starts after the request")
                    .noneMatch(e -> e.to() == JobState.RUNNING
                            && (e.job().id().equals(jobs.get(2).id()) || e.job().id().equals(jobs.get(3).id())));
            assertThat(f.runner.job(jobs.get(2).id()).state()).isEqualTo(JobState.PENDING);
            assertThat(f.runner.job(jobs.get(2).id()).attempts()).isZero();
            assertThat(f.all(RunnerEvent.QueueStopped.class)).hasSize(1);
            assertThat(f.runner.isProcessing()).isFalse();
        }
    }

    @Test
    void aJobThatHasAlreadyFinishedIsRefusedAndTheQueueGoesOn() throws Exception {
        JobStep validate = ctx -> gate(ctx.outputs().name()).acquire();
        QueueSettingsDto s = RunnerFixture.settings();
        s.maxConcurrentJobs = 1;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.VALIDATE, validate)), s)) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl", "c.stl"), null, null, null);
            String a = jobs.get(0).id();
            f.runner.start();
            gate("a").release();
            f.await(RunnerEvent.JobStateChanged.class, e -> e.job().id().equals(a) && e.to() == JobState.COMPLETED);

            assertThat(f.runner.stopAfter(a)).isEqualTo(QueueRunner.StopAfter.ALREADY_FINISHED);
            gate("b").release();
            gate("c").release();
            f.finish();
            assertThat(f.all(RunnerEvent.QueueStopped.class)).as("no request was left pending").isEmpty();
            assertThat(f.runner.view().completed()).isEqualTo(3);
        }
    }

    @Test
    void stoppingAfterTheLastJobIsTheQueueFinishing() throws Exception {
        JobStep validate = ctx -> gate(ctx.outputs().name()).acquire();
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.VALIDATE, validate)),
                RunnerFixture.settings())) {
            String a = f.runner.add(f.sources("a.stl"), null, null, null).get(0).id();
            f.runner.start();
            f.await(RunnerEvent.StepStarted.class, e -> e.jobId().equals(a) && e.step() == StepKind.VALIDATE);
            assertThat(f.runner.stopAfter(a)).isEqualTo(QueueRunner.StopAfter.ASKED);
            gate("a").release();
            f.finish();
            assertThat(f.all(RunnerEvent.QueueFinished.class)).hasSize(1);
            assertThat(f.all(RunnerEvent.QueueStopped.class)).isEmpty();
        }
    }
}
