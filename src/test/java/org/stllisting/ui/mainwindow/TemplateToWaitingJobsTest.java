package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
 * A template given to the waiting jobs, headless on a real engine with the detail pane: picking one,
 * Templates ▸ Save current settings as template… and Templates ▸ Import template… each give it to the jobs
 * that have not begun (finished jobs keep theirs), and the selected job's details show the new template.
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
        selectFirst();

        Template complete = f.ctx.templates().find("complete_processing").orElseThrow();
        FxTestSupport.onFx(() -> {
            model.chooseTemplate(complete);
            return null;
        });
        assertThat(FxTestSupport.await(() -> "complete_processing".equals(runner.job(id).template()), 20)).isTrue();
        assertThat(FxTestSupport.await(() -> summary().contains("Complete Processing"), 10))
                .as("the details follow the picker").isTrue();

        fireTemplateMenu("template-save-as", null, "My Etsy");
        assertThat(FxTestSupport.await(() -> model.templateProperty().get() != null
                && "My Etsy".equals(model.templateProperty().get().displayName), 20)).isTrue();
        String saved = model.templateProperty().get().name;
        assertThat(FxTestSupport.await(() -> saved.equals(runner.job(id).template()), 20))
                .as("the waiting job takes the saved template").isTrue();
        assertThat(FxTestSupport.await(() -> summary().contains("My Etsy"), 10))
                .as("the details show the saved template").isTrue();
    }

    /** Selects the first row (the waiting cube) and waits for its details. */
    private void selectFirst() throws InterruptedException {
        FxTestSupport.onFx(() -> {
            @SuppressWarnings("unchecked")
            TableView<JobRow> table = (TableView<JobRow>) stage.getScene().lookup("#queue");
            table.getSelectionModel().clearAndSelect(0);
            return null;
        });
        assertThat(FxTestSupport.await(() -> summary().contains("Quick Preview"), 20)).isTrue();
    }

    /** Templates ▸ the item {@code id}, its file chooser answering {@code file} and its name prompt {@code name}. */
    private void fireTemplateMenu(String id, Path file, String name) throws InterruptedException {
        FxTestSupport.onFx(() -> {
            f.window.setTemplateFiles((owner, save) -> file == null ? null : file.toFile(),
                    owner -> Optional.ofNullable(name));
            Menu m = ((MenuBar) stage.getScene().lookup("#menu-bar")).getMenus().stream()
                    .filter(x -> "template-menu".equals(x.getId())).findFirst().orElseThrow();
            m.fire();
            m.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow().fire();
            return null;
        });
    }

    @Test
    void anImportedTemplateIsPickedAndTheWaitingJobTakesItWhileAFinishedJobKeepsItsOwn() throws Exception {
        String waiting = model.rows().get(0).id();
        Path small = tmp.resolve("small.stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), small);
        String cancelled = runner.add(List.of(small), "quick_preview", null, null).get(0).id();
        runner.cancel(cancelled);
        assertThat(FxTestSupport.await(() -> model.rows().size() == 2, 20)).isTrue();
        selectFirst();

        Path file = tmp.resolve("exchange/shop.json");
        Files.createDirectories(file.getParent());
        f.ctx.templates().export("quick_preview", file);
        Files.writeString(file, Files.readString(file).replace("\"quick_preview\"", "\"shop_look\"")
                .replace("\"Quick Preview\"", "\"Shop Look\""));
        fireTemplateMenu("template-import", file, null);

        assertThat(FxTestSupport.await(() -> model.templateProperty().get() != null
                && "Shop Look".equals(model.templateProperty().get().displayName), 20)).as("the picker").isTrue();
        assertThat(FxTestSupport.await(() -> "shop_look".equals(runner.job(waiting).template()), 20))
                .as("the waiting job takes the imported template").isTrue();
        assertThat(FxTestSupport.await(() -> model.noticeProperty().get() != null
                && model.noticeProperty().get().startsWith("Imported template Shop Look from " + file), 20))
                .isTrue();
        assertThat(FxTestSupport.onFx(() -> model.noticeProperty().get())).contains("now applies to 1 waiting job");
        assertThat(runner.job(cancelled).template()).as("a cancelled job keeps its template")
                .isEqualTo("quick_preview");
        assertThat(FxTestSupport.await(() -> summary().contains("Shop Look"), 10))
                .as("the details show the imported template").isTrue();
        assertThat(f.ctx.templates().defaultTemplate().name).as("the next launch picks it").isEqualTo("shop_look");
    }
}
