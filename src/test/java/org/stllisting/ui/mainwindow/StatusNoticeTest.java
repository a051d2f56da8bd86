package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;

/**
 * The status bar's notice: what was just done ("Added 3 models") leaves once it is old news, what still holds
 * (an error, a pause, a stop under way) stays; at the first launch's width of 1100 px, beside the counts of a
 * night's queue under way, the usual notices show whole (on a second line when they need one), and a longer
 * one is whole in its tooltip.
 */
class StatusNoticeTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    private List<Path> models(int n) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("models"));
        List<Path> all = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve("shelf_bracket_" + i + ".stl");
            StlWriter.writeBinary(MeshGenerators.box(10 + i, 10, 10), p);
            all.add(p);
        }
        Files.writeString(dir.resolve("readme.txt"), "not a model");
        return all;
    }

    /** What the notice label draws (its text, or the text cut with an ellipsis). */
    private static String drawn(Label l) {
        Text t = (Text) l.lookup(".text");
        return t == null ? "" : t.getText();
    }

    @Test
    void aNoticeOfSomethingDoneLeavesWhenStaleAndAnErrorStays() throws Exception {
        try (QueueWindowFixture f = new QueueWindowFixture(tmp, "quick_preview", 1100, 720)) {
            models(3);
            Instant before = Instant.now();
            FxTestSupport.onFx(() -> {
                f.model.add(List.of(tmp.resolve("models")));
                return null;
            });
            assertThat(FxTestSupport.await(() -> f.model.noticeProperty().get().startsWith("Added 3 models"), 20))
                    .as(() -> f.model.noticeProperty().get()).isTrue();
            // 5 s after it was said at the latest
            FxTestSupport.onFx(() -> {
                f.model.tick(before.plusSeconds(5));
                return null;
            });
            assertThat(FxTestSupport.onFx(() -> f.model.noticeProperty().get())).startsWith("Added 3 models");
            FxTestSupport.onFx(() -> {
                f.model.tick(Instant.now().plus(QueueViewModel.NOTICE_TIME).plusSeconds(1));
                return null;
            });
            assertThat(FxTestSupport.onFx(() -> f.model.noticeProperty().get())).as("stale").isEmpty();

            // a failure is not old news after a while: it stays until something else is said
            FxTestSupport.onFx(() -> {
                f.model.reportError("Could not export the queue to /root/q.json: Permission denied");
                f.model.tick(Instant.now().plusSeconds(600));
                return null;
            });
            assertThat(FxTestSupport.onFx(() -> f.model.noticeProperty().get()))
                    .isEqualTo("Could not export the queue to /root/q.json: Permission denied");
        }
    }

    @Test
    void atTheFirstLaunchsWidthTheUsualNoticesShowWholeAndALongOneIsWholeInItsTooltip() throws Exception {
        try (QueueWindowFixture f = new QueueWindowFixture(tmp, "quick_preview", 1100, 720)) {
            f.attachDetails();
            // a night's queue under way: the counts beside the notice are as long as they get
            List<org.stllisting.jobs.runner.JobView> jobs = new java.util.ArrayList<>(List.of(
                    Rows.view("a_long_model_name_for_a_shelf_bracket", JobState.RUNNING, 40, null, "render", 12.0),
                    Rows.view("hinge", JobState.RUNNING, 10, null, "load", 2.0),
                    Rows.view("gear", JobState.FAILED, 0, "load (gear.stl): /models/gear.stl: truncated", null, 0.1),
                    Rows.view("knob", JobState.CANCELLED, 0, null, null, null)));
            for (int i = 0; i < 3000; i++) {
                jobs.add(Rows.view("model_" + i, i < 1200 ? JobState.COMPLETED : JobState.PENDING, i < 1200 ? 100 : 0,
                        null, null, null));
            }
            f.show(jobs.toArray(org.stllisting.jobs.runner.JobView[]::new));
            FxTestSupport.onFx(() -> {
                f.model.apply(new org.stllisting.jobs.runner.RunnerEvent.QueueProgress(Instant.now(), 40, 1202, 3004,
                        2, 4088.0));
                return null;
            });
            Label notice = FxTestSupport.onFx(() -> (Label) f.stage.getScene().lookup("#notice"));
            Label status = FxTestSupport.onFx(() -> (Label) f.stage.getScene().lookup("#status"));
            for (String said : List.of("Added 3 models (1 already queued); ignored 1 file that is not STL",
                    "Removed a_long_model_name_for_a_shelf_bracket and 2 other jobs from the queue",
                    "Stopping: the running steps finish first, then the queue stops",
                    "Changed the template of 3 jobs to Complete Processing; 1 had begun and keeps its own")) {
                String[] shown = FxTestSupport.onFx(() -> {
                    f.model.reportError(said);
                    f.stage.getScene().getRoot().applyCss();
                    f.stage.getScene().getRoot().layout();
                    return new String[] {drawn(notice), drawn(status), status.getText()};
                });
                assertThat(shown[0]).as("the notice at 1100 px").isEqualTo(said);
                assertThat(shown[1]).as("the counts beside it").isEqualTo(shown[2]).contains("left");
            }
            // one line for a short notice: the bar does not grow for it
            double[] heights = FxTestSupport.onFx(() -> {
                f.model.reportError("Resumed");
                f.stage.getScene().getRoot().layout();
                return new double[] {notice.getHeight(), notice.getFont().getSize()};
            });
            assertThat(heights[0]).as("one line").isLessThan(heights[1] * 2);
            String lng = "Could not write /home/someone/Documents/STL Listings/shop photos for spring/"
                    + "a_long_model_name_for_a_shelf_bracket/renders/a_long_model_name_for_a_shelf_bracket_render.png"
                    + ": No space left on device; the job is retried in 30 s and the queue goes on with the others";
            javafx.scene.control.ProgressBar bar = FxTestSupport.onFx(
                    () -> (javafx.scene.control.ProgressBar) f.stage.getScene().lookup("#queue-progress"));
            String[] shown = FxTestSupport.onFx(() -> {
                f.model.reportError(lng);
                f.stage.getScene().getRoot().layout();
                return new String[] {drawn(notice), notice.getTooltip().getText(), Double.toString(bar.getWidth())};
            });
            assertThat(shown[0]).as("cut to the bar's width").isNotEqualTo(lng);
            assertThat(shown[1]).isEqualTo(lng);
            // the queue's progress bar keeps its width beside a long notice (it was squeezed to nothing)
            assertThat(Double.parseDouble(shown[2])).as("the queue's progress bar").isGreaterThanOrEqualTo(160);
        }
    }
}
