package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.template.Template;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.output.OutputMode;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;

/** The template picked in the window reaches the queued jobs and the queue's output settings. */
class TemplateInWindowTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        f = new QueueWindowFixture(tmp, "complete_processing", 1100, 500);
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    /** Picks the template in the toolbar's list, as a user does. */
    private void pick(String name) throws InterruptedException {
        FxTestSupport.onFx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Template> box = (ComboBox<Template>) f.stage.getScene().lookup("#template");
            box.setValue(box.getItems().stream().filter(t -> t.name.equals(name)).findFirst().orElseThrow());
            return null;
        });
    }

    @Test
    void pickingQuickPreviewAfterQueueingMakesTheQueuedJobsQuickPreviews() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        StlWriter.writeBinary(MeshGenerators.box(20, 20, 20), models.resolve("cube.stl"));
        StlWriter.writeBinary(MeshGenerators.cylinder(8, 20, 48), models.resolve("peg.stl"));
        FxTestSupport.onFx(() -> {
            f.model.add(List.of(models));
            return null;
        });
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == 2, 20)).isTrue();
        assertThat(f.runner.view().jobs()).extracting(JobView::template).containsOnly("complete_processing");

        pick("quick_preview");

        assertThat(FxTestSupport.await(() -> f.model.rows().stream()
                .allMatch(r -> "quick_preview".equals(r.templateProperty().get())), 20))
                .as(() -> f.model.noticeProperty().get()).isTrue();
        assertThat(FxTestSupport.onFx(() -> f.model.noticeProperty().get()))
                .isEqualTo("Quick Preview now applies to 2 waiting jobs; running and finished jobs keep their template");
        FxTestSupport.onFx(() -> {
            f.model.start();
            return null;
        });
        assertThat(FxTestSupport.await(() -> f.model.rows().stream()
                .allMatch(r -> r.stateProperty().get() == JobState.COMPLETED) && !f.model.processingProperty().get(),
                120)).as(() -> f.model.statusProperty().get()).isTrue();
        try (Stream<Path> files = Files.walk(tmp.resolve("out"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).filteredOn(n -> n.endsWith("_render.png")).hasSize(2);
            assertThat(names).noneMatch(n -> n.endsWith(".mp4") || n.contains("size_chart"));
        }
    }

    @Test
    void theTemplatesOutputModeAndNamingBecomeTheQueuesWhileNothingHasBegun() throws Exception {
        pick("batch_analysis");
        assertThat(FxTestSupport.await(() -> f.runner.settings().outputMode() == OutputMode.GROUPED, 20)).isTrue();
        pick("high_quality_renders");
        assertThat(FxTestSupport.await(() -> f.runner.settings().outputMode() == OutputMode.PER_MODEL
                && f.runner.settings().naming().qualitySuffix(), 20)).isTrue();
    }
}
