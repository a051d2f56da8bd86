package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.cli.Chattr;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.JobStep;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * What the runner does when something fails that is not the model: a crash between a step's checkpoint and
 * the queue's save, a history database that cannot be written, a source that disappears, a folder that
 * cannot be written. Real folders, files, SQLite connections and locks.
 */
class JobFailureTest {
    @TempDir
    Path tmp;

    @Test
    void aResumedJobListsTheFilesOfEveryCheckpointedStepEvenWhenTheQueueStateMissedTheLastOne() throws Exception {
        Semaphore renderStarted = new Semaphore(0);
        JobStep blockedRender = ctx -> {
            renderStarted.release();
            new Semaphore(0).acquire(); // until stopped
        };
        String id;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.RENDER, blockedRender)),
                RunnerFixture.settings())) {
            id = f.runner.add(f.sources("part.stl"), null, null, null).get(0).id();
            f.runner.start();
            renderStarted.acquire();
            f.runner.stop(StopMode.NOW);
            f.finish();
        }
        // what a kill after the render step's checkpoint and before the queue's save leaves: the render's
        // file in place and in the checkpoint, but not in the queue state
        Path render = Files.writeString(tmp.resolve("out/part/render.txt"), "render of part");
        Home home = Home.at(tmp.resolve("home"));
        Path cacheDir = home.jobCacheDir(id);
        ProcessingState cp = Checkpoints.read(cacheDir);
        ProcessingState.StepRecord rec = new ProcessingState.StepRecord();
        rec.runCount = 1;
        rec.outputs = new ArrayList<>(List.of("part/render.txt"));
        rec.warnings = new ArrayList<>(List.of("render: a warning only the checkpoint knows"));
        cp.completedSteps.put("render", rec);
        cp.lastCompletedStep = "render";
        Checkpoints.write(cacheDir, cp);
        assertThat(QueueStateStore.read(home).state().jobs.get(0).results.filesGenerated)
                .as("the queue state misses the render's file").hasSize(3);

        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            f.runner.recover(null, List.of());
            f.runner.start();
            f.finish();
            assertThat(f.runner.job(id).state()).isEqualTo(JobState.COMPLETED);
            HistoryRecord row = f.history.show(id).orElseThrow();
            List<String> expected = new ArrayList<>();
            for (String step : List.of("load", "validate", "analyze", "render", "finalize")) {
                expected.add(f.out.resolve("part/" + step + ".txt").toString());
            }
            assertThat(row.filesGenerated()).as("history row").containsExactlyElementsOf(expected);
            assertThat(row.warnings()).contains("render: a warning only the checkpoint knows");
            JsonNode summary = Json.mapper().readTree(f.out.resolve("queue_summary.json").toFile());
            List<String> listed = new ArrayList<>();
            summary.path("jobs").get(0).path("files").forEach(n -> listed.add(n.asText()));
            assertThat(listed).as("queue_summary.json").containsExactly("part/load.txt", "part/validate.txt",
                    "part/analyze.txt", "part/render.txt", "part/finalize.txt");
            assertThat(Checkpoints.read(cacheDir).record(StepKind.RENDER).runCount).as("render not redone")
                    .isEqualTo(1);
            assertThat(render).hasContent("render of part");
        }
    }

    @Test
    void aLockedHistoryPausesTheQueueKeepsTheWorkAndRecordsEachJobOnceWhenItIsFree() throws Exception {
        QueueSettingsDto s = RunnerFixture.settings();
        s.maxConcurrentJobs = 1;
        s.autoRetryFailed = true;
        s.maxRetryAttempts = 3;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), s, Duration.ofMillis(300))) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl"), null, null, null);
            // another program holds the database's write lock
            Connection holder = DriverManager.getConnection("jdbc:sqlite:" + f.home.historyDb());
            Statement st = holder.createStatement();
            st.execute("BEGIN IMMEDIATE");
            try {
                f.runner.start();
                RunnerEvent.QueuePaused p = f.await(RunnerEvent.QueuePaused.class,
                        e -> e.reason() == PauseReason.HISTORY);
                assertThat(p.message()).contains(f.home.historyDb().toString()).contains("locked");
                f.await(RunnerEvent.JobStateChanged.class, e -> e.to() == JobState.COMPLETED);
                JobView a = f.runner.job(jobs.get(0).id());
                assertThat(a.state()).as("the work is kept").isEqualTo(JobState.COMPLETED);
                assertThat(a.attempts()).as("not retried").isEqualTo(1);
                Thread.sleep(500);
                assertThat(f.runner.isProcessing()).as("the queue waits for the history").isTrue();
                assertThat(f.runner.view().pausedFor()).isEqualTo(PauseReason.HISTORY);
                assertThat(QueueRunner.awaitsHistory(QueueStateStore.read(f.home).state().jobs.get(0)))
                        .as("durably marked as not recorded yet").isTrue();
            } finally {
                st.execute("ROLLBACK");
                holder.close();
            }
            f.finish();
            f.await(RunnerEvent.QueueResumed.class, e -> e.reason() == PauseReason.HISTORY);
            assertThat(f.runner.view().completed()).isEqualTo(2);
            assertThat(f.history.list(10)).extracting(HistoryRecord::id)
                    .containsExactlyInAnyOrder(jobs.get(0).id(), jobs.get(1).id());
            assertThat(f.history.list(10)).allMatch(r -> r.attempts() == 1 && r.state().equals("completed"));
            assertThat(QueueStateStore.read(f.home).state().jobs).noneMatch(QueueRunner::awaitsHistory);
        }
    }

    @Test
    void aHistoryThatBecomesReadOnlyMidRunPausesTheQueueInsteadOfFailingEveryJob() throws Exception {
        Path probe = Files.writeString(tmp.resolve("probe"), "");
        assumeThat(Chattr.set("+i", probe) && Chattr.set("-i", probe)).as("chattr +i works here").isTrue();
        Path[] db = new Path[1];
        // a real read-only database (even for root): made immutable while the first job runs
        JobStep analyzeThenFreeze = ctx -> {
            if (ctx.source().getFileName().toString().equals("a.stl")) {
                Chattr.set("+i", db[0]);
            }
        };
        QueueSettingsDto s = RunnerFixture.settings();
        s.maxConcurrentJobs = 1;
        s.autoRetryFailed = true;
        s.maxRetryAttempts = 3;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.ANALYZE,
                analyzeThenFreeze)), s)) {
            db[0] = f.home.historyDb();
            try {
                List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl"), null, null, null);
                f.runner.start();
                RunnerEvent.QueuePaused p = f.await(RunnerEvent.QueuePaused.class,
                        e -> e.reason() == PauseReason.HISTORY);
                assertThat(p.message()).contains(db[0].toString()).containsIgnoringCase("readonly");
                Thread.sleep(300);
                assertThat(f.runner.job(jobs.get(0).id()).state()).isEqualTo(JobState.COMPLETED);
                assertThat(f.runner.job(jobs.get(1).id()).attempts()).as("nothing new starts").isZero();
                Chattr.set("-i", db[0]);
                f.finish();
                assertThat(f.history.list(10)).extracting(HistoryRecord::id)
                        .containsExactlyInAnyOrder(jobs.get(0).id(), jobs.get(1).id());
                assertThat(f.history.list(10)).allMatch(r -> r.attempts() == 1);
            } finally {
                Chattr.set("-i", db[0]);
            }
        }
    }

    @Test
    void aJobRetriedWhileItsRowWaitsKeepsBothOutcomesInTheHistory() throws Exception {
        java.util.concurrent.atomic.AtomicInteger analyzeRuns = new java.util.concurrent.atomic.AtomicInteger();
        JobStep analyze = ctx -> {
            if (analyzeRuns.incrementAndGet() == 1) {
                throw new org.stllisting.jobs.steps.StepFailedException("analysis exploded", true);
            }
        };
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.ANALYZE, analyze)),
                RunnerFixture.settings(), Duration.ofMillis(200))) {
            String id = f.runner.add(f.sources("a.stl"), null, null, null).get(0).id();
            try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + f.home.historyDb());
                    Statement st = holder.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                f.runner.start();
                f.await(RunnerEvent.JobStateChanged.class, e -> e.to() == JobState.FAILED);
                assertThat(f.runner.historyBacklog()).isEqualTo(1);
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!f.runner.retry(id)) { // once its worker has let go of it
                    assertThat(System.nanoTime()).as("retry accepted").isLessThan(end);
                    Thread.sleep(10);
                }
                st.execute("ROLLBACK");
            }
            f.runner.start(); // the queue may have stopped meanwhile: nothing else was left to do
            f.finish();
            assertThat(f.runner.job(id).state()).isEqualTo(JobState.COMPLETED);
            assertThat(f.history.list(10)).extracting(HistoryRecord::id, HistoryRecord::state)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(id, "failed"),
                            org.assertj.core.groups.Tuple.tuple(id + "-r1", "completed"));
        }
    }

    @Test
    void aJobThatFinishedWhileTheHistoryWasUnavailableIsRecordedOnceByTheNextRecovery() throws Exception {
        String id;
        Connection holder = null;
        try {
            try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings(),
                    Duration.ofMillis(200))) {
                id = f.runner.add(f.sources("a.stl"), null, null, null).get(0).id();
                holder = DriverManager.getConnection("jdbc:sqlite:" + f.home.historyDb());
                holder.createStatement().execute("BEGIN IMMEDIATE");
                f.runner.start();
                f.await(RunnerEvent.QueuePaused.class, e -> e.reason() == PauseReason.HISTORY);
                f.runner.stop(StopMode.NOW);
                f.finish();
            }
            // the runner is closed while the history is still locked
            assertThat(QueueStateStore.read(Home.at(tmp.resolve("home"))).state().jobs)
                    .allMatch(QueueRunner::awaitsHistory);
        } finally {
            if (holder != null) {
                holder.createStatement().execute("ROLLBACK");
                holder.close();
            }
        }
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            assertThat(f.runner.historyBacklog()).isEqualTo(1);
            f.runner.recover(null, List.of());
            assertThat(f.runner.historyBacklog()).isZero();
            assertThat(f.history.list(10)).extracting(HistoryRecord::id).containsExactly(id);
            f.runner.recover(null, List.of());
            assertThat(f.history.count()).isEqualTo(1);
        }
    }

    @Test
    void aSourceDeletedWhileItsJobRunsFailsOnceWithTheStepTheModelAndTheReason() throws Exception {
        // the finalize step reads the source's time, as the product's does
        JobStep analyzeThenDelete = ctx -> Files.delete(ctx.source());
        JobStep finalizeStep = ctx -> Files.getLastModifiedTime(ctx.source());
        QueueSettingsDto s = RunnerFixture.settings();
        s.autoRetryFailed = true;
        s.maxRetryAttempts = 3;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.ANALYZE,
                analyzeThenDelete, StepKind.FINALIZE, finalizeStep)), s)) {
            JobView job = f.runner.add(f.sources("bracket.stl"), null, null, null).get(0);
            f.runner.start();
            f.finish();
            JobView j = f.runner.job(job.id());
            assertThat(j.state()).isEqualTo(JobState.FAILED);
            assertThat(j.attempts()).as("a missing file is not retried").isEqualTo(1);
            assertThat(f.all(RunnerEvent.RetryScheduled.class)).isEmpty();
            assertThat(j.error()).isEqualTo("finalize (bracket.stl): " + f.sources.resolve("bracket.stl")
                    + ": No such file or directory");
        }
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsRefusedBeforeAnyJobStarts() throws Exception {
        QueueSettingsDto s = RunnerFixture.settings();
        s.autoRetryFailed = true;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), s)) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl"), null, null, null);
            // the output folder's place is taken by a file: a real "Not a directory", also for root
            Path blocker = Files.writeString(tmp.resolve("blocker"), "a file");
            f.runner.updateSettings(f.runner.settings().withOutputFolder(blocker.resolve("out")));
            assertThatThrownBy(f.runner::start).isInstanceOf(PreflightException.class)
                    .hasMessageContaining("the output folder cannot be written: " + blocker.resolve("out"))
                    .hasMessageContaining("Not a directory");
            assertThat(f.runner.isProcessing()).isFalse();
            assertThat(f.runner.job(jobs.get(0).id()).attempts()).isZero();
        }
    }

    @Test
    void anUnreadableSourceIsRefusedBeforeAnyJobStarts() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            Path src = f.sources("locked.stl").get(0);
            f.runner.add(List.of(src), null, null, null);
            Files.setPosixFilePermissions(src, java.util.Set.of());
            try {
                boolean denied;
                try (var in = Files.newInputStream(src)) {
                    denied = false;
                } catch (java.nio.file.AccessDeniedException e) {
                    denied = true;
                }
                assumeThat(denied).as("file permissions deny reading (not as root)").isTrue();
                assertThatThrownBy(f.runner::start).isInstanceOf(PreflightException.class)
                        .hasMessageContaining("the source cannot be read: " + src + ": Permission denied");
            } finally {
                Files.setPosixFilePermissions(src, java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
            }
        }
    }

    @Test
    void warningsNameTheModelTheyAreAbout() throws Exception {
        JobStep warn = ctx -> ctx.warn("3 facets have a zero normal");
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.VALIDATE, warn)),
                RunnerFixture.settings())) {
            f.runner.add(f.sources("lamp_base.stl"), null, null, null);
            f.runner.start();
            f.finish();
            RunnerEvent.Warning w = f.await(RunnerEvent.Warning.class, e -> e.message().contains("zero normal"));
            assertThat(w.model()).isEqualTo("lamp_base.stl");
        }
    }
}
