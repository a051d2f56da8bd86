package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.template.Template;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.ui.FxTestSupport;

/**
 * A template given to the waiting jobs, headless on a real engine with the detail pane: picking one and
 * Templates ▸ Save current settings as template… both give it to the jobs that have not begun, and the
 * selected job's details show the new template at once.
 */
class TemplateToWaitingJobsTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;
    private QueueRunner runner;
    private QueueViewModel model;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        f = new QueueWindowFixture(tmp, "quick_preview", 1200, 800);
        f.attachDetails();
        runner = f.runner;
        model = f.model;
        stage = f.stage;
        Path cube = tmp.resolve("cube.stl");
        StlWriter.writeBinary(MeshGenerators.box(20, 20, 20), cube);
        runner.add(List.of(cube), "quick_preview", null, null);
        assertThat(FxTestSupport.await(() -> model.rows().size() == 1, 20)).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private String summary() {
        try {
            return FxTestSupport.onFx(() -> ((Label) stage.getScene().lookup("#detail-summary")).getText());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pickingOrSavingATemplateGivesItToTheWaitingJobAndItsDetailsShowIt() throws Exception {
        String id = model.rows().get(0).id();
        FxTestSupport.onFx(() -> {
            @SuppressWarnings("unchecked")
            TableView<JobRow> table = (TableView<JobRow>) stage.getScene().lookup("#queue");
            table.getSelectionModel().clearAndSelect(0);
            return null;
        });
        assertThat(FxTestSupport.await(() -> summary().contains("Quick Preview"), 20)).isTrue();

        Template complete = f.ctx.templates().find("complete_processing").orElseThrow();
        FxTestSupport.onFx(() -> {
            model.chooseTemplate(complete);
            return null;
        });
        assertThat(FxTestSupport.await(() -> "complete_processing".equals(runner.job(id).template()), 20)).isTrue();
        assertThat(FxTestSupport.await(() -> summary().contains("Complete Processing"), 10))
                .as("the details follow the picker").isTrue();

        FxTestSupport.onFx(() -> {
            f.window.setTemplateFiles((owner, save) -> null, owner -> Optional.of("My Etsy"));
            Menu m = ((MenuBar) stage.getScene().lookup("#menu-bar")).getMenus().stream()
                    .filter(x -> "template-menu".equals(x.getId())).findFirst().orElseThrow();
            m.fire();
            m.getItems().stream().filter(i -> "template-save-as".equals(i.getId())).findFirst().orElseThrow().fire();
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.templateProperty().get() != null
                && "My Etsy".equals(model.templateProperty().get().displayName), 20)).isTrue();
        String saved = model.templateProperty().get().name;
        assertThat(FxTestSupport.await(() -> saved.equals(runner.job(id).template()), 20))
                .as("the waiting job takes the saved template").isTrue();
        assertThat(FxTestSupport.await(() -> summary().contains("My Etsy"), 10))
                .as("the details show the saved template").isTrue();
    }
}
