package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;

/**
 * The queue's time left after a resume: a job interrupted part-way waits (pending) with the share of its
 * plan its checkpoint holds, and only the rest of it is still to do, as its row's progress shows. Both ways
 * of reckoning the queue's time (the jobs' estimates before a job of the run has finished, the run's average
 * job after) count it so.
 */
class QueueEtaAfterResumeTest {
    private static JobDto job(String id, JobState state, double percent, Double estimate) {
        JobDto j = JobDto.pending(id, "/m/" + id + ".stl");
        j.state = state;
        j.progress = percent;
        j.estimatedDuration = estimate;
        return j;
    }

    @Test
    void beforeAJobHasFinishedAResumedJobCountsOnlyWhatIsLeftOfItsEstimate() {
        List<JobDto> jobs = List.of(job("resumed", JobState.PENDING, 60, 100.0),
                job("fresh", JobState.PENDING, 0, 100.0), job("running", JobState.RUNNING, 50, 100.0),
                job("done", JobState.COMPLETED, 100, 100.0));
        // left: 40 + 100 + 50 over two lanes
        assertThat(Estimates.queueEta(jobs, 2)).isCloseTo(95.0, within(1e-9));
    }

    @Test
    void withTheRunsAverageJobAResumedJobCountsOnlyWhatIsLeftOfIt() {
        List<JobDto> jobs = List.of(job("resumed", JobState.PENDING, 75, null),
                job("fresh", JobState.PENDING, 0, null), job("running", JobState.RUNNING, 50, null),
                job("failed", JobState.FAILED, 20, null));
        // the running job as its live progress says (20 %), the waiting ones by their stored progress: 0.25 + 1 + 0.8
        assertThat(QueueProgress.etaFromAverage(jobs, Map.of("running", 20.0), 40, 1)).isCloseTo(82.0,
                within(1e-9));
        assertThat(QueueProgress.etaFromAverage(jobs, Map.of("running", 20.0), 40, 2)).isCloseTo(41.0,
                within(1e-9));
    }
}
