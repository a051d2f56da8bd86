package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.JobStep;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * Undo of a removal in the engine: {@link QueueRunner#take} then {@link QueueRunner#putBack} brings the jobs
 * back as they were, at their places, written to the queue state as its own change; a begun job keeps its
 * checkpoint while its cache holds it; nothing is queued twice.
 */
class PutBackTest {
    @TempDir
    Path tmp;

    @Test
    void finishedJobsComeBackAsTheyWereAtTheirPlacesAndSurviveAReopen() throws Exception {
        List<String> ids;
        JobView before;
        List<String> files;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl", "c.stl", "d.stl"), null, null,
                    null);
            ids = jobs.stream().map(JobView::id).toList();
            f.runner.start();
            f.finish();
            before = f.runner.job(ids.get(1));
            assertThat(before.state()).isEqualTo(JobState.COMPLETED);
            files = f.store.job(ids.get(1)).results.filesGenerated;
            Removal r = f.runner.take(List.of(ids.get(3), ids.get(1)));
            assertThat(r.ids()).containsExactly(ids.get(1), ids.get(3));
            assertThat(f.runner.view().jobs()).extracting(JobView::id).containsExactly(ids.get(0), ids.get(2));

            assertThat(f.runner.putBack(r)).hasSize(2);
            assertThat(f.runner.view().jobs()).extracting(JobView::id).containsExactlyElementsOf(ids);
            assertThat(f.runner.job(ids.get(1))).usingRecursiveComparison().isEqualTo(before);
            assertThat(f.store.job(ids.get(1)).results.filesGenerated).isEqualTo(files);
            assertThat(f.runner.putBack(r)).as("never twice").isEmpty();
            assertThat(f.runner.view().jobs()).hasSize(4);
            // events reach listeners on the dispatcher thread, after the change is on disk
            f.runner.drainEvents(java.time.Duration.ofSeconds(5));
            assertThat(f.all(RunnerEvent.QueueReordered.class).get(f.all(RunnerEvent.QueueReordered.class).size() - 1)
                    .order()).containsExactlyElementsOf(ids);
        }
        // the put back is in the journal: the queue read again from disk has it
        try (QueueStateStore again = QueueStateStore.open(org.stllisting.store.Home.at(tmp.resolve("home")))) {
            assertThat(again.jobIds()).containsExactlyElementsOf(ids);
            assertThat(again.job(ids.get(1)).state).isEqualTo(JobState.COMPLETED);
            assertThat(again.job(ids.get(1)).results.filesGenerated).isEqualTo(files);
        }
    }

    @Test
    void aBegunJobKeepsItsCheckpointWhileItsCacheHoldsItElseStartsOver() throws Exception {
        Semaphore gate = new Semaphore(0);
        JobStep analyze = ctx -> gate.acquire();
        QueueSettingsDto s = RunnerFixture.settings();
        s.maxConcurrentJobs = 1;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.ANALYZE, analyze)), s)) {
            String id = f.runner.add(f.sources("a.stl"), null, null, null).get(0).id();
            f.runner.start();
            f.await(RunnerEvent.StepStarted.class, e -> e.step() == StepKind.ANALYZE);
            f.runner.stop(StopMode.AFTER_CURRENT_STEPS);
            gate.release();
            f.finish();
            JobView begun = f.runner.job(id);
            assertThat(begun.lastCompletedStep()).isEqualTo("analyze");

            f.runner.putBack(f.runner.take(List.of(id)));
            assertThat(f.runner.job(id)).usingRecursiveComparison().isEqualTo(begun);

            Removal r = f.runner.take(List.of(id));
            PathUtils.deleteDirectory(f.home.jobCacheDir(id));
            f.runner.putBack(r);
            JobView over = f.runner.job(id);
            assertThat(over.state()).isEqualTo(JobState.PENDING);
            assertThat(over.lastCompletedStep()).isNull();
            assertThat(over.progress()).isZero();
            assertThat(f.store.job(id).results.filesGenerated).isEmpty();
            assertThat(Files.exists(f.home.jobCacheDir(id))).isFalse();
        }
    }
}
