package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stllisting.ui.mainwindow.Rows.view;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;

/**
 * Time left counts down between the runner's estimates: a step that reports no fraction (a long repair, a
 * video's encoding) sends no progress for a while, and the table and status bar used to show the last estimate
 * unchanged the whole time. Once an estimate has run out while the job still works, nothing is shown rather
 * than "0 s" for a job that is not done; the next estimate shows again.
 */
class EtaCountdownTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @AfterEach
    void close() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aRunningJobsTimeLeftCountsDownFromItsLastEstimate() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        JobRow r = new JobRow(view("r", JobState.RUNNING, 10, null, null, 5.0));
        r.progress(40, "Rendering the turntable", 40.0, t0);
        assertThat(r.etaProperty().get()).isEqualTo("40 s");
        r.tick(t0.plusSeconds(10));
        assertThat(r.etaProperty().get()).isEqualTo("30 s");
        r.tick(t0.plusSeconds(39));
        assertThat(r.etaProperty().get()).isEqualTo("1 s");
        // the estimate ran out and the job still works: no "0 s" for a job that is not done
        r.tick(t0.plusSeconds(45));
        assertThat(r.etaProperty().get()).isEmpty();
        // the next estimate shows, and counts down from when it was made
        r.progress(80, "Encoding the video", 12.0, t0.plusSeconds(50));
        r.tick(t0.plusSeconds(52));
        assertThat(r.etaProperty().get()).isEqualTo("10 s");
    }

    @Test
    void onlyARunningJobCountsDown() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        JobRow r = new JobRow(view("w", JobState.PENDING, 0, null, null, null));
        r.progress(0, "", 30.0, t0);
        r.tick(t0.plusSeconds(10));
        assertThat(r.etaProperty().get()).isEqualTo("30 s");
    }

    @Test
    void theStatusBarsTimeLeftCountsDownBetweenTheRunnersEstimates() throws Exception {
        f = new QueueWindowFixture(tmp, "quick_preview", 900, 500);
        QueueViewModel model = f.model;
        Path m = Files.createDirectories(tmp.resolve("models")).resolve("bracket.stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), m);
        FxTestSupport.onFx(() -> {
            model.add(List.of(m));
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.rows().size() == 1, 20)).isTrue();

        Instant t0 = Instant.now();
        String[] seen = FxTestSupport.onFx(() -> {
            model.apply(new RunnerEvent.QueueStarted(t0, "s", 1));
            model.apply(new RunnerEvent.QueueProgress(t0, 10, 0, 1, 1, 120.0));
            String first = model.statusProperty().get();
            model.tick(t0.plusSeconds(30));
            String later = model.statusProperty().get();
            model.tick(t0.plusSeconds(200));
            return new String[] {first, later, model.statusProperty().get()};
        });
        assertThat(seen[0]).endsWith("about 2 min 00 s left");
        assertThat(seen[1]).endsWith("about 1 min 30 s left");
        assertThat(seen[2]).doesNotContain("left");
    }
}
