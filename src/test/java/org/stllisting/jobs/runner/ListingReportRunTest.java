package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.JobStep;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueSettingsDto;

/** {@code report.html} and {@code listing.csv} follow the run: written after a job ends, final at the end. */
class ListingReportRunTest {
    @TempDir
    Path tmp;

    @Test
    void theReportShowsAFinishedJobsFiguresWhileTheNextStillRunsAndTheWholeRunAtTheEnd() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        JobStep analyze = ctx -> {
            Path target = ctx.layout().inside(ctx.outputs().name() + "/analysis.json");
            Files.writeString(ctx.stage(target), "{}");
            ctx.results().put("size_mm", List.of(10.0, 20.0, 30.0));
            ctx.results().put("volume_mm3", 4500.0);
            ctx.results().put("material_grams", 5.58);
            if (ctx.outputs().name().equals("second")) {
                release.await(20, TimeUnit.SECONDS);
            }
        };
        QueueSettingsDto s = RunnerFixture.settings();
        s.maxConcurrentJobs = 1;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.ANALYZE, analyze)), s)) {
            f.runner.add(f.sources("first.stl", "second.stl"), null, null, null);
            f.runner.start();
            f.await(RunnerEvent.StepStarted.class, e -> e.step() == StepKind.ANALYZE
                    && f.runner.view().jobs().stream().anyMatch(j -> j.state() == JobState.COMPLETED));
            Path page = f.out.resolve("report.html");
            // written in the background soon after the first job ended
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(Files.exists(page) && Files.readString(page).contains("<h2>first</h2>"))
                    && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            String during = Files.readString(page);
            assertThat(during).contains("still running").contains("<h2>first</h2>")
                    .contains("10.0 × 20.0 × 30.0 mm").contains("0.39 × 0.79 × 1.18 in").contains("4.50 cm³")
                    .contains("5.6 g").contains("href=\"first/analysis.json\"")
                    .contains("data-verdict=\"waiting\"").contains("<h2>second</h2>");
            assertThat(Files.readString(f.out.resolve("listing.csv")).lines()).hasSize(3);

            release.countDown();
            f.finish();
            String after = Files.readString(page);
            assertThat(after).contains("<b>finished</b>").doesNotContain("data-verdict=\"waiting\"")
                    .doesNotContain("http-equiv=\"refresh\"").contains("<span class=\"n\">2</span> models");
        }
    }
}
