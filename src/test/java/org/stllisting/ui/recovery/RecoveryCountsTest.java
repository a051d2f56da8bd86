package org.stllisting.ui.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.recovery.Recovery;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.SessionState;

/**
 * What the recovery dialog (and {@code resume}) says of an interrupted queue, against the states of its
 * jobs: failed jobs are not done, cancelled and skipped ones are neither; and how far the assessment is, for
 * the bar shown meanwhile.
 */
class RecoveryCountsTest {
    @TempDir
    Path tmp;

    @Test
    void failedAndCancelledJobsAreCountedApartFromTheDoneOnes() throws Exception {
        Home home = Home.at(tmp.resolve("home")).ensureCreated();
        Path models = Files.createDirectories(tmp.resolve("models"));
        QueueStateDto q = QueueStateDto.empty();
        q.sessionState = SessionState.RUNNING;
        int n = 0;
        for (JobState s : List.of(JobState.COMPLETED, JobState.COMPLETED, JobState.COMPLETED, JobState.COMPLETED,
                JobState.COMPLETED, JobState.FAILED, JobState.FAILED, JobState.CANCELLED, JobState.PENDING,
                JobState.PENDING, JobState.PENDING)) {
            Path stl = Files.writeString(models.resolve("m" + n + ".stl"), "solid m\nendsolid m\n");
            JobDto j = JobDto.pending("j" + n++, stl.toString());
            j.state = s;
            q.jobs.add(j);
        }
        RecoveryReport r = Recovery.assess(q, null, List.of(), home, List.of());
        assertThat(r.done()).as("completed jobs").isEqualTo(5);
        assertThat(r.failed()).isEqualTo(2);
        assertThat(r.cancelled()).isEqualTo(1);
        assertThat(RecoveryDialog.summary(r)).contains("11 jobs: 5 done, 2 failed, 1 cancelled or skipped,"
                + " 0 to resume, 3 not started, 0 missing, 0 changed");
        assertThat(r.describe()).contains("11 jobs: 5 done, 2 failed, 1 cancelled or skipped, 0 to resume");
    }

    @Test
    void theAssessmentTellsHowFarItIsInAtMostAHundredStepsEndingAtOne() throws Exception {
        Home home = Home.at(tmp.resolve("home")).ensureCreated();
        Path stl = Files.writeString(tmp.resolve("m.stl"), "solid m\nendsolid m\n");
        QueueStateDto q = QueueStateDto.empty();
        for (int i = 0; i < 450; i++) {
            q.jobs.add(JobDto.pending("j" + i, stl.toString()));
        }
        List<Double> heard = new java.util.ArrayList<>();
        Recovery.assess(q, null, List.of(), home, List.of(), heard::add);
        assertThat(heard).hasSizeBetween(90, 102).isSorted().last().isEqualTo(1.0);
        assertThat(heard.get(0)).isLessThan(0.05);
    }
}
