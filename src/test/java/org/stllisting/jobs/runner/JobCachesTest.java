package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.StepFailedException;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueSettingsDto;

/** The runner removes the caches of its completed jobs when the run finishes, and keeps what a retry needs. */
class JobCachesTest {
    @TempDir
    Path tmp;

    @Test
    void aFinishedRunRemovesTheCachesOfCompletedJobsAndKeepsThoseOfFailedOnes() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.RENDER, ctx -> {
            if (ctx.outputs().name().startsWith("bad")) {
                throw new StepFailedException("no render for this one", true, null);
            }
            Path target = ctx.layout().inside(ctx.outputs().name() + "/render.txt");
            Files.writeString(ctx.stage(target), "render");
        })), RunnerFixture.settings(), HistoryStore.DEFAULT_BUSY_TIMEOUT, c -> c)) {
            List<JobView> jobs = f.runner.add(f.sources("good.stl", "bad.stl", "fine.stl"), null, null, null);
            // a link in a cache is removed as a link: the file it points to stays
            Path keep = Files.writeString(tmp.resolve("keep.txt"), "not the runner's");
            Files.createDirectories(f.home.jobCacheDir(jobs.get(0).id()));
            Files.createSymbolicLink(f.home.jobCacheDir(jobs.get(0).id()).resolve("link"), keep);
            f.runner.start();
            f.finish();
            assertThat(f.runner.job(jobs.get(1).id()).state()).isEqualTo(JobState.FAILED);
            assertThat(f.history.count()).isEqualTo(3);
            assertThat(f.home.jobCacheDir(jobs.get(0).id())).doesNotExist();
            assertThat(f.home.jobCacheDir(jobs.get(2).id())).doesNotExist();
            assertThat(Checkpoints.read(f.home.jobCacheDir(jobs.get(1).id())))
                    .as("a failed job keeps its checkpoint, so a retry continues from its last step").isNotNull();
            assertThat(keep).hasContent("not the runner's");
            assertThat(tmp.resolve("out/good/render.txt")).exists();
        }
    }

    @Test
    void theHousekeeperIsCalledBetweenJobsWithTheJobsWhoseCachesMustStay() throws Exception {
        List<Set<String>> calls = new CopyOnWriteArrayList<>();
        QueueSettingsDto one = RunnerFixture.settings();
        one.maxConcurrentJobs = 1;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), one,
                HistoryStore.DEFAULT_BUSY_TIMEOUT, c -> c.withHousekeeper(keep -> calls.add(Set.copyOf(keep)),
                        Duration.ZERO))) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl", "c.stl"), null, null, null);
            f.runner.start();
            f.finish();
            assertThat(calls).as("once before each job").hasSizeGreaterThanOrEqualTo(3);
            Set<String> before = calls.get(0);
            assertThat(before).containsExactlyInAnyOrderElementsOf(jobs.stream().map(JobView::id).toList());
            assertThat(calls).as("before the last job only it is kept").contains(Set.of(jobs.get(2).id()));
            assertThat(calls.get(calls.size() - 1)).as("after the run nothing is kept").isEmpty();
        }
    }
}
