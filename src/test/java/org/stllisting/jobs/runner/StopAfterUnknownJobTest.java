package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.queue.JobState;

/**
 * Stop after this job for a job that is not in the queue (removed meanwhile, or an id from another queue):
 * nothing changes and the caller is told so, instead of an exception out of the runner.
 */
class StopAfterUnknownJobTest {
    @TempDir
    Path tmp;

    @Test
    void anUnknownJobIsRefusedAndTheQueueRunsToItsEnd() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl"), null, null, null);
            QueueRunner.StopAfter[] answer = {null};
            assertThatCode(() -> answer[0] = f.runner.stopAfter("no-such-job")).doesNotThrowAnyException();
            assertThat(answer[0]).isEqualTo(QueueRunner.StopAfter.UNKNOWN);
            f.runner.start();
            f.finish();
            assertThat(f.all(RunnerEvent.QueueStopped.class)).isEmpty();
            assertThat(jobs).allSatisfy(j -> assertThat(f.runner.job(j.id()).state()).isEqualTo(JobState.COMPLETED));
            assertThat(f.runner.stopAfter(jobs.get(0).id())).as("a finished job is refused")
                    .isEqualTo(QueueRunner.StopAfter.ALREADY_FINISHED);
        }
    }
}
