package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.output.OutputFiles;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.SessionState;

/**
 * Recovery of the jobs of an interrupted queue, on a crash image built on disk: an interrupted job with a
 * checkpoint the queue state missed, one running with no checkpoint, one whose source changed under it and
 * one never started.
 */
class RunRecoveryTest {
    @TempDir
    Path tmp;

    @Test
    void anInterruptedQueueResumesEachJobFromItsCheckpointAndSkipsAChangedSourceWithItsReason() throws Exception {
        String a;
        String b;
        String c;
        String d;
        Path partialOut;
        Path partialCache;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl", "c.stl", "d.stl"), null, null, null);
            a = jobs.get(0).id();
            b = jobs.get(1).id();
            c = jobs.get(2).id();
            d = jobs.get(3).id();
            for (String id : List.of(a, b, c)) {
                f.store.transition(id, JobState.PENDING, JobState.RUNNING, j -> {
                    j.attempts = 1;
                    j.startedAt = Instant.now();
                    return j;
                });
            }
            f.store.setSessionState(SessionState.RUNNING);
            // a: load and validate are checkpointed with their files; the queue state never heard of them
            ProcessingState cp = new ProcessingState();
            cp.jobId = a;
            cp.plan = List.of("load", "validate", "analyze", "render", "finalize");
            for (String step : List.of("load", "validate")) {
                Path file = Files.createDirectories(f.out.resolve("a")).resolve(step + ".txt");
                Files.writeString(file, step);
                ProcessingState.StepRecord rec = new ProcessingState.StepRecord();
                rec.runCount = 1;
                rec.outputs = List.of("a/" + step + ".txt");
                cp.completedSteps.put(step, rec);
                cp.lastCompletedStep = step;
            }
            Files.createDirectories(f.home.jobCacheDir(a));
            Checkpoints.write(f.home.jobCacheDir(a), cp);
            partialOut = OutputFiles.partial(f.out.resolve("a/analyze.txt"));
            Files.writeString(partialOut, "half");
            partialCache = OutputFiles.partial(f.home.jobCacheDir(a).resolve("mesh.bin"));
            Files.writeString(partialCache, "half");
            Files.writeString(f.sources.resolve("c.stl"), "solid c\n  changed while it ran\nendsolid\n");
            // the runner is closed without stopping anything: what a kill leaves
        }

        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            RecoveryReport report = f.runner.recover("test", List.of());
            assertThat(report.interrupted()).isTrue();
            assertThat(report.toResume()).extracting(RecoveryReport.JobItem::jobId).containsExactlyInAnyOrder(a, b);
            assertThat(report.changed()).extracting(RecoveryReport.JobItem::jobId).containsExactly(c);
            assertThat(report.waiting()).extracting(RecoveryReport.JobItem::jobId).containsExactly(d);
            assertThat(report.partialsRemoved()).contains(partialOut.toString(), partialCache.toString());
            assertThat(partialOut).doesNotExist();
            assertThat(partialCache).doesNotExist();

            JobDto ja = f.store.job(a);
            assertThat(ja.state).isEqualTo(JobState.PENDING);
            assertThat(ja.lastCompletedStep).isEqualTo("validate");
            assertThat(ja.progressMessage).isEqualTo("Interrupted; resumes with analyze");
            assertThat(ja.results.filesGenerated).as("the file list is rebuilt from the checkpoint")
                    .contains(f.out.resolve("a/load.txt").toString(), f.out.resolve("a/validate.txt").toString());
            assertThat(f.store.job(b).state).isEqualTo(JobState.PENDING);
            JobDto jc = f.store.job(c);
            assertThat(jc.state).isEqualTo(JobState.SKIPPED);
            assertThat(jc.results.details).containsEntry(JobFields.SOURCE_PROBLEM, "changed");
            assertThat(jc.errorMessage).contains("changed since it was queued");
            assertThat(f.out.resolve("failed/c_error.log")).exists();
            assertThat(f.store.job(d).state).isEqualTo(JobState.PENDING);

            f.runner.start();
            f.finish();
            assertThat(f.runner.view().completed()).isEqualTo(3);
            ProcessingState after = Checkpoints.read(f.home.jobCacheDir(a));
            assertThat(after.record(StepKind.LOAD).runCount).as("a checkpointed step is not run again").isEqualTo(1);
            assertThat(after.record(StepKind.ANALYZE).runCount).isEqualTo(1);
            assertThat(f.history.count()).as("one row per outcome, the skipped one included").isEqualTo(4);
        }
    }
}
