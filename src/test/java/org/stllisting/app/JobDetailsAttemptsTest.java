package org.stllisting.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.JobDetails.Detail;
import org.stllisting.jobs.runner.JobFields;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateStore;

/**
 * "Processed before on … with …" for a job queued again by hand, whose history rows carry {@code -r<n>} after
 * its id (a real queue state and a real SQLite history file): its own earlier attempts count as processed
 * before, its current attempt and later ones do not, and the pane reads the row of its current attempt, not
 * of its first.
 */
class JobDetailsAttemptsTest {
    @TempDir
    Path tmp;

    private static final Instant QUEUED = Instant.parse("2026-12-04T08:00:00Z");

    private static void row(HistoryStore history, QueueStateStore store, JobDto job, String id, JobState state,
            String template, Instant completed, double seconds) throws Exception {
        JobDto j = job.copy();
        j.id = id;
        j.state = state;
        j.template = template;
        j.completedAt = completed;
        j.actualDuration = seconds;
        j.errorMessage = state == JobState.FAILED ? "render: out of memory" : null;
        history.record(HistoryRecord.fromJob(j, store.snapshot(), "test", "gui"));
    }

    @Test
    void aRetriedJobsEarlierAttemptIsProcessedBeforeAndItsCurrentAttemptIsNot() throws Exception {
        Path vase = tmp.resolve("models/vase.stl");
        Files.createDirectories(vase.getParent());
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 30), vase);
        Home home = Home.at(tmp.resolve("home")).ensureCreated();
        HistoryStore history = HistoryStore.open(home.historyDb());
        try (QueueStateStore store = QueueStateStore.open(home)) {
            JobDto older = JobDto.pending("job_older", vase.toString());
            older.createdAt = QUEUED.minus(Duration.ofDays(1));
            row(history, store, older, "job_older", JobState.COMPLETED, "complete_processing",
                    older.createdAt.plusSeconds(60), 40);

            JobDto x = JobDto.pending("job_x", vase.toString());
            x.createdAt = QUEUED;
            x.template = "quick_preview";
            row(history, store, x, "job_x", JobState.FAILED, "quick_preview", QUEUED.plusSeconds(600), 12);
            x.results.details.put(JobFields.GENERATION, 1); // retried by hand once: waiting again
            store.addJobs(List.of(x));
            JobDetails details = new JobDetails(home, store, history, n -> null);

            Detail waiting = details.of("job_x").orElseThrow();
            assertThat(waiting.previous()).as("its failed first attempt").isNotNull();
            assertThat(waiting.previous().jobId()).isEqualTo("job_x");
            assertThat(waiting.previous().state()).isEqualTo("failed");
            assertThat(waiting.previous().when()).isEqualTo(QUEUED.plusSeconds(600));
            assertThat(waiting.durationSeconds()).as("the failed attempt's time is not the waiting job's").isNull();

            // the second attempt completes: its row is job_x-r1
            store.transition("job_x", JobState.PENDING, JobState.RUNNING, d -> d);
            store.transition("job_x", JobState.RUNNING, JobState.COMPLETED, d -> {
                d.completedAt = QUEUED.plusSeconds(7200);
                d.actualDuration = 30.0;
                return d;
            });
            row(history, store, store.job("job_x"), "job_x-r1", JobState.COMPLETED, "quick_preview",
                    QUEUED.plusSeconds(7200), 30);
            Detail completed = details.of("job_x").orElseThrow();
            assertThat(completed.previous().jobId()).isEqualTo("job_x");
            assertThat(completed.previous().state()).isEqualTo("failed");
            assertThat(completed.durationSeconds()).isEqualTo(30.0);

            // the other way round: the second attempt's row, asked by its own id
            Detail byRow = details.of("job_x-r1").orElseThrow();
            assertThat(byRow.previous().jobId()).isEqualTo("job_x");
            // the first attempt's row alone: only what came before it, never its later attempt
            store.removeJobs(List.of("job_x"));
            assertThat(details.of("job_x").orElseThrow().previous().jobId()).isEqualTo("job_older");

            // a new job of the same file: the newest attempt
            JobDto next = JobDto.pending("job_next", vase.toString());
            store.addJobs(List.of(next));
            Detail fresh = details.of("job_next").orElseThrow();
            assertThat(fresh.previous().jobId()).isEqualTo("job_x-r1");
            assertThat(fresh.previous().state()).isEqualTo("completed");
        }
    }
}
