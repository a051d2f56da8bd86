package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.queue.QueueSettingsDto;

/** The queue's percentage counts a job that has just finished once, not also as a running job. */
class QueuePercentTest {
    @TempDir
    Path tmp;

    @Test
    void theFirstOfTwoJobsRunOneAtATimeBringsTheQueueToHalfNotToAll() throws Exception {
        QueueSettingsDto s = RunnerFixture.settings();
        s.maxConcurrentJobs = 1;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), s)) {
            f.runner.add(f.sources("a.stl", "b.stl"), null, null, null);
            f.runner.start();
            f.finish();
            List<RunnerEvent.QueueProgress> progress = f.all(RunnerEvent.QueueProgress.class);
            assertThat(progress).isNotEmpty();
            for (RunnerEvent.QueueProgress p : progress) {
                // each running job counts at most one whole job
                double most = 100.0 * (p.finished() + p.running()) / p.total();
                assertThat(p.percent()).as(progress.toString()).isLessThanOrEqualTo(most + 1e-9);
            }
        }
    }
}
