package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.queue.JobDto;

/** Every job carries an estimate of its duration, and the queue's time left is known before a job finishes. */
class EstimatesTest {
    @TempDir
    Path tmp;

    @Test
    void withoutHistoryAJobIsEstimatedFromItsSizeAndTemplateAndTheQueueEtaIsKnownBeforeAJobFinishes()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.LOAD, ctx -> {
            release.await(20, TimeUnit.SECONDS);
        })), RunnerFixture.settings())) {
            Path small = tmp.resolve("src/small.stl");
            Path large = tmp.resolve("src/large.stl");
            StlWriter.writeBinary(MeshGenerators.sphere(10, 8, 12), small);
            StlWriter.writeBinary(MeshGenerators.sphere(10, 200, 300), large);
            List<JobView> added = f.runner.add(List.of(small, large), null, null, null);
            JobDto s = f.store.job(added.get(0).id());
            JobDto l = f.store.job(added.get(1).id());
            assertThat(s.estimatedDuration).isNotNull().isPositive();
            assertThat(l.estimatedDuration).isNotNull().isGreaterThan(s.estimatedDuration);

            f.runner.start();
            RunnerEvent.QueueProgress p = f.await(RunnerEvent.QueueProgress.class, q -> q.running() > 0);
            assertThat(p.etaSeconds()).as("queue ETA while no job has finished").isNotNull().isPositive();
            assertThat(f.runner.view().etaSeconds()).isNotNull().isPositive();
            release.countDown();
            f.finish();
            HistoryRecord row = f.history.show(added.get(1).id()).orElseThrow();
            assertThat(row.estimatedDuration()).isEqualTo(l.estimatedDuration);
        }
    }

    @Test
    void withHistoryAJobIsEstimatedFromCompletedJobsOfItsTemplateWithASimilarSize() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            Path model = tmp.resolve("src/part.stl");
            StlWriter.writeBinary(MeshGenerators.sphere(10, 40, 60), model);
            long size = java.nio.file.Files.size(model);
            Instant t = Instant.now().minus(Duration.ofDays(1));
            // earlier runs of this template: parts of about this size took about 42 s; a far larger one 900 s
            record(f, "h1", "test", size - 100, 40, t);
            record(f, "h2", "test", size, 42, t.plusSeconds(60));
            record(f, "h3", "test", size + 100, 44, t.plusSeconds(120));
            record(f, "h4", "test", size * 50, 900, t.plusSeconds(180));
            record(f, "h5", "other", size, 5, t.plusSeconds(240));

            JobView added = f.runner.add(List.of(model), null, null, null).get(0);

            assertThat(f.store.job(added.id()).estimatedDuration).isBetween(40.0, 44.0);
        }
    }

    private static void record(RunnerFixture f, String id, String template, long size, double seconds, Instant at)
            throws Exception {
        f.history.record(new HistoryRecord(id, "/earlier/" + id + ".stl", id + ".stl", size, "", "/out", "s", "{}",
                "{}", "completed", at, at, at.plusSeconds((long) seconds), null, seconds, true, List.of(), null,
                List.of(), "test", "cli", template, 1));
    }

    @Test
    void aQueueEtaBeforeAnyJobFinishesIsTheSumOfTheEstimatesOverTheLanes() {
        JobDto a = JobDto.pending("a", "/a.stl");
        a.estimatedDuration = 30.0;
        JobDto b = JobDto.pending("b", "/b.stl");
        b.estimatedDuration = 50.0;
        b.state = org.stllisting.store.queue.JobState.RUNNING;
        b.progress = 40;
        JobDto c = JobDto.pending("c", "/c.stl");
        // c has no estimate yet: it counts as the mean of the others (40 s)
        assertThat(Estimates.queueEta(List.of(a, b, c), 2))
                .isCloseTo((30 + 50 * 0.6 + 40) / 2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Estimates.queueEta(List.of(c), 1)).isNull();
    }
}
