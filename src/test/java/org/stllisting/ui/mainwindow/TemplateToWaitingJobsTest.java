package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
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
import org.stllisting.app.AppContext;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.template.Template;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.ui.FxEventBridge;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.JobViews;
import org.stllisting.ui.UiExecutor;

/**
 * A template given to the waiting jobs, headless on a real engine with the detail pane: picking one and
 * Templates ▸ Save current settings as template… both give it to the jobs that have not begun, and the
 * selected job's details show the new template at once.
 */
class TemplateToWaitingJobsTest {
    @TempDir
    Path tmp;
    private AppContext ctx;
    private QueueRunner runner;
    private UiExecutor background;
    private QueueViewModel model;
    private MainWindow window;
    private JobViews views;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        ctx = AppContext.exclusive(Home.at(tmp.resolve("home")));
        ctx.templates().rememberLastUsed("quick_preview");
        runner = ctx.runner("gui");
        runner.updateSettings(runner.settings().withOutputFolder(tmp.resolve("out")));
        Path cube = tmp.resolve("cube.stl");
        StlWriter.writeBinary(MeshGenerators.box(20, 20, 20), cube);
        runner.add(List.of(cube), "quick_preview", null, null);
        background = new UiExecutor(msg -> model.reportError(msg));
        model = FxTestSupport.onFx(() -> new QueueViewModel(runner, ctx.templates(), ctx.config(), background));
        runner.addListener(new FxEventBridge(model::apply));
        FxTestSupport.onFx(() -> {
            window = new MainWindow(model);
            try {
                views = JobViews.attach(window, ctx, model::reportError);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            stage = new Stage();
            stage.setScene(new Scene(window.root(), 1200, 800));
            stage.show();
            model.load();
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.rows().size() == 1 && model.templateProperty().get() != null,
                20)).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.closeAllWindows();
        views.close();
        background.close();
        ctx.close();
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

        Template complete = ctx.templates().find("complete_processing").orElseThrow();
        FxTestSupport.onFx(() -> {
            model.chooseTemplate(complete);
            return null;
        });
        assertThat(FxTestSupport.await(() -> "complete_processing".equals(runner.job(id).template()), 20)).isTrue();
        assertThat(FxTestSupport.await(() -> summary().contains("Complete Processing"), 10))
                .as("the details follow the picker").isTrue();

        FxTestSupport.onFx(() -> {
            window.setTemplateFiles((owner, save) -> null, owner -> Optional.of("My Etsy"));
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
