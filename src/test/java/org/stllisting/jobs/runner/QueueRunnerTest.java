package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.JobStep;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepFailedException;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.output.OutputFiles;
import org.stllisting.store.queue.IllegalTransitionException;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueSettingsDto;

class QueueRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void processesEveryJobWithEventsOnOneDispatcherThreadAndHistoryOncePerJob() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            List<JobView> added = f.runner.add(f.sources("a.stl", "b.stl", "c.stl"), null, null, null);
            assertThat(f.runner.add(List.of(f.sources.resolve("a.stl")), null, null, null)).as("a queued file is not queued twice").isEmpty();
            f.runner.start();
            f.finish();
            QueueView v = f.runner.view();
            assertThat(v.completed()).as("%s", v.jobs()).isEqualTo(3);
            assertThat(v.percent()).isEqualTo(100.0);
            assertThat(f.eventThreads).containsOnly("runner-events");
            assertThat(f.all(RunnerEvent.StepCompleted.class)).hasSize(15);
            assertThat(f.all(RunnerEvent.QueueFinished.class)).hasSize(1);
            assertThat(f.history.count()).isEqualTo(3);
            for (JobView j : added) {
                ProcessingState st = Checkpoints.read(f.home.jobCacheDir(j.id()));
                assertThat(st.completedSteps.values()).allMatch(r -> r.runCount == 1);
                assertThat(f.out.resolve(j.modelName()).resolve("render.txt")).exists();
                assertThat(f.out.resolve(j.modelName()).resolve("logs/" + j.modelName() + "_processing.log")).exists();
            }
            assertThat(f.out.resolve("queue_summary.json")).exists();
            assertThat(Files.readString(f.out.resolve("processing_log.txt"))).contains("a  completed");
        }
    }

    @Test
    void pauseLetsTheRunningStepFinishButStartsNothingNewUntilResume() throws Exception {
        Semaphore renderGate = new Semaphore(0);
        JobStep render = ctx -> renderGate.acquire();
        QueueSettingsDto s = RunnerFixture.settings();
        s.maxConcurrentJobs = 1;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.RENDER, render)), s)) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl"), null, null, null);
            f.runner.start();
            f.await(RunnerEvent.StepStarted.class, e -> e.step() == StepKind.RENDER);
            f.runner.pause();
            renderGate.release(10);
            f.await(RunnerEvent.StepCompleted.class, e -> e.step() == StepKind.RENDER);
            Thread.sleep(300);
            f.runner.drainEvents(Duration.ofSeconds(2));
            assertThat(f.all(RunnerEvent.StepStarted.class)).noneMatch(e -> e.step() == StepKind.FINALIZE);
            assertThat(f.runner.job(jobs.get(1).id()).state()).isEqualTo(JobState.PENDING);
            assertThat(f.runner.view().pausedFor()).isEqualTo(PauseReason.USER);
            f.runner.resume();
            f.finish();
            assertThat(f.runner.view().completed()).isEqualTo(2);
        }
    }

    @Test
    void cancellingARunningJobInterruptsItRemovesPartialsAndRecordsItOnce() throws Exception {
        JobStep slow = ctx -> {
            Files.writeString(ctx.stage(ctx.layout().inside(ctx.outputs().name() + "/render.png")), "half");
            Thread.sleep(60_000);
        };
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.RENDER, slow)),
                RunnerFixture.settings())) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl"), null, null, null);
            f.runner.cancel(jobs.get(1).id());
            assertThat(f.runner.job(jobs.get(1).id()).state()).isEqualTo(JobState.CANCELLED);
            f.runner.start();
            f.await(RunnerEvent.StepStarted.class, e -> e.step() == StepKind.RENDER);
            f.runner.cancel(jobs.get(0).id());
            f.finish();
            assertThat(f.runner.job(jobs.get(0).id()).state()).isEqualTo(JobState.CANCELLED);
            assertThat(f.history.count()).isEqualTo(2);
            assertThat(f.history.show(jobs.get(0).id()).orElseThrow().state()).isEqualTo("cancelled");
            try (Stream<Path> files = Files.walk(f.out)) {
                assertThat(files.filter(OutputFiles::isPartial)).isEmpty();
            }
            assertThat(f.runner.retry(jobs.get(1).id())).isTrue();
            assertThat(f.runner.job(jobs.get(1).id()).state()).isEqualTo(JobState.PENDING);
        }
    }

    @Test
    void aFailedJobIsFiledAndRetryContinuesFromTheFailedStepWithoutRedoingCompletedOnes() throws Exception {
        AtomicInteger analyzeRuns = new AtomicInteger();
        JobStep analyze = ctx -> {
            if (analyzeRuns.incrementAndGet() == 1) {
                throw new StepFailedException("analysis exploded", true);
            }
        };
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.ANALYZE, analyze)),
                RunnerFixture.settings())) {
            JobView job = f.runner.add(f.sources("gear.stl"), null, null, null).get(0);
            f.runner.start();
            f.finish();
            assertThat(f.runner.job(job.id()).state()).isEqualTo(JobState.FAILED);
            assertThat(f.runner.job(job.id()).error()).contains("analysis exploded");
            assertThat(Files.readString(f.out.resolve("failed/gear_error.log"))).contains("analysis exploded");
            assertThat(Files.isSymbolicLink(f.out.resolve("failed/gear.stl"))).isTrue();
            assertThat(f.out.resolve("gear/logs/gear_error.log")).exists();

            assertThat(f.runner.retry(job.id())).isTrue();
            assertThat(f.out.resolve("failed/gear_error.log")).doesNotExist();
            f.runner.start();
            f.finish();
            assertThat(f.runner.job(job.id()).state()).isEqualTo(JobState.COMPLETED);
            ProcessingState st = Checkpoints.read(f.home.jobCacheDir(job.id()));
            assertThat(st.completedSteps.keySet()).containsExactly("load", "validate", "analyze", "render", "finalize");
            assertThat(st.completedSteps.values()).allMatch(r -> r.runCount == 1);
            // one history row per final outcome: the failure, then the success after the retry
            assertThat(f.history.show(job.id()).orElseThrow().state()).isEqualTo("failed");
            assertThat(f.history.show(job.id() + "-r1").orElseThrow().state()).isEqualTo("completed");
        }
    }

    @Test
    void transientFailuresAreRetriedAutomaticallyWithExponentialBackoff() throws Exception {
        AtomicInteger renders = new AtomicInteger();
        JobStep flaky = ctx -> {
            if (renders.incrementAndGet() <= 2) {
                throw new java.io.IOException("renderer ran out of luck");
            }
        };
        QueueSettingsDto s = RunnerFixture.settings();
        s.autoRetryFailed = true;
        s.maxRetryAttempts = 3;
        s.retryBackoffSeconds = 0.2;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.RENDER, flaky)), s)) {
            JobView job = f.runner.add(f.sources("vase.stl"), null, null, null).get(0);
            f.runner.start();
            f.finish();
            JobView done = f.runner.job(job.id());
            assertThat(done.state()).isEqualTo(JobState.COMPLETED);
            assertThat(done.attempts()).isEqualTo(3);
            List<RunnerEvent.RetryScheduled> retries = f.all(RunnerEvent.RetryScheduled.class);
            assertThat(retries).hasSize(2);
            double first = Duration.between(retries.get(0).at(), retries.get(0).notBefore()).toMillis();
            double second = Duration.between(retries.get(1).at(), retries.get(1).notBefore()).toMillis();
            assertThat(first).isBetween(100.0, 200.0);
            assertThat(second).isBetween(300.0, 400.0);
            assertThat(f.history.count()).as("no history row for an attempt that was retried").isEqualTo(1);
            ProcessingState st = Checkpoints.read(f.home.jobCacheDir(job.id()));
            assertThat(st.record(StepKind.LOAD).runCount).isEqualTo(1);
        }
    }

    @Test
    void aJobThatKeepsFailingFailsAfterItsLastRetry() throws Exception {
        JobStep broken = ctx -> {
            throw new java.io.IOException("always");
        };
        QueueSettingsDto s = RunnerFixture.settings();
        s.autoRetryFailed = true;
        s.maxRetryAttempts = 2;
        s.retryBackoffSeconds = 0.01;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.VALIDATE, broken)), s)) {
            JobView job = f.runner.add(f.sources("x.stl"), null, null, null).get(0);
            f.runner.start();
            f.finish();
            assertThat(f.runner.job(job.id()).state()).isEqualTo(JobState.FAILED);
            assertThat(f.runner.job(job.id()).attempts()).isEqualTo(3);
            assertThat(f.history.count()).isEqualTo(1);
        }
    }

    @Test
    void lowDiskSpacePausesTheQueueWithAClearMessageAndResumesWhenSpaceReturns() throws Exception {
        QueueSettingsDto s = RunnerFixture.settings();
        s.minFreeDiskMb = Long.MAX_VALUE >> 21; // more than any disk has
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), s)) {
            f.runner.add(f.sources("a.stl", "b.stl"), null, null, null);
            f.runner.start();
            RunnerEvent.QueuePaused p = f.await(RunnerEvent.QueuePaused.class, e -> e.reason() == PauseReason.DISK_SPACE);
            assertThat(p.message()).contains("MB free").contains("threshold");
            assertThat(f.all(RunnerEvent.DiskSpaceLow.class)).isNotEmpty();
            Thread.sleep(200);
            assertThat(f.runner.view().completed()).isZero();
            assertThat(f.runner.view().pausedFor()).isEqualTo(PauseReason.DISK_SPACE);
            f.runner.updateSettings(f.runner.settings().withMinFreeDiskMb(1));
            f.await(RunnerEvent.QueueResumed.class, e -> e.reason() == PauseReason.DISK_SPACE);
            f.finish();
            assertThat(f.runner.view().completed()).isEqualTo(2);
        }
    }

    @Test
    void aRunawayJobIsStoppedByTheTimeout() throws Exception {
        JobStep endless = ctx -> Thread.sleep(60_000);
        QueueSettingsDto s = RunnerFixture.settings();
        s.jobTimeoutSeconds = 1;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.RENDER, endless)), s)) {
            JobView job = f.runner.add(f.sources("big.stl"), null, null, null).get(0);
            f.runner.start();
            f.finish();
            assertThat(f.runner.job(job.id()).state()).isEqualTo(JobState.FAILED);
            assertThat(f.runner.job(job.id()).error()).contains("timed out after 1 s");
        }
    }

    @Test
    void stopAfterCurrentStepsKeepsJobsQueuedAndStartResumesFromTheNextStep() throws Exception {
        Semaphore gate = new Semaphore(0);
        JobStep validate = ctx -> gate.acquire();
        QueueSettingsDto s = RunnerFixture.settings();
        s.maxConcurrentJobs = 1;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.VALIDATE, validate)), s)) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl", "c.stl"), null, null, null);
            f.runner.stopAfter(jobs.get(1).id());
            f.runner.start();
            gate.release(1000);
            f.finish();
            assertThat(f.all(RunnerEvent.QueueStopped.class)).hasSize(1);
            assertThat(f.runner.job(jobs.get(1).id()).state()).isEqualTo(JobState.COMPLETED);
            assertThat(f.runner.job(jobs.get(2).id()).state()).isEqualTo(JobState.PENDING);

            gate.drainPermits();
            f.runner.start();
            f.await(RunnerEvent.StepStarted.class, e -> e.step() == StepKind.VALIDATE && e.jobId().equals(jobs.get(2).id()));
            f.runner.stop(StopMode.AFTER_CURRENT_STEPS);
            gate.release(1000);
            f.finish();
            assertThat(f.runner.job(jobs.get(2).id()).state()).isEqualTo(JobState.PENDING);
            assertThat(f.runner.job(jobs.get(2).id()).lastCompletedStep()).isEqualTo("validate");
            f.runner.start();
            f.finish();
            ProcessingState st = Checkpoints.read(f.home.jobCacheDir(jobs.get(2).id()));
            assertThat(st.completedSteps.values()).allMatch(r -> r.runCount == 1);
            assertThat(f.runner.view().completed()).isEqualTo(3);
        }
    }

    @Test
    void reorderRemoveAndIllegalTransitionsAreChecked() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl", "c.stl"), null, null, null);
            f.runner.move(List.of(jobs.get(2).id()), 0);
            assertThat(f.runner.view().jobs()).extracting(JobView::id)
                    .containsExactly(jobs.get(2).id(), jobs.get(0).id(), jobs.get(1).id());
            assertThat(f.store.jobIds()).containsExactly(jobs.get(2).id(), jobs.get(0).id(), jobs.get(1).id());
            assertThat(f.runner.remove(List.of(jobs.get(0).id()))).isEqualTo(1);
            assertThat(f.all(RunnerEvent.QueueReordered.class)).isNotEmpty();
            f.runner.start();
            f.finish();
            assertThat(f.runner.retry(jobs.get(1).id())).as("a completed job is not retried").isFalse();
            assertThatThrownBy(() -> f.store.updateJob(jobs.get(1).id(), d -> {
                d.state = JobState.RUNNING;
                return d;
            })).isInstanceOf(IllegalTransitionException.class);
        }
    }
}
