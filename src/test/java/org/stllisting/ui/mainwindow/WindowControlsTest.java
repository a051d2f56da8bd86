package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stllisting.ui.mainwindow.Rows.view;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;

/**
 * The queue window's controls, headless under Monocle on a real engine: the ways to stop, the done
 * notification, the keyboard, reordering by dragging, the themes and the templates.
 */
class WindowControlsTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;
    private QueueViewModel model;
    private MainWindow window;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        f = new QueueWindowFixture(tmp, "quick_preview", 1200, 600);
        model = f.model;
        window = f.window;
        stage = f.stage;
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private void show(JobView... jobs) throws InterruptedException {
        FxTestSupport.onFx(() -> {
            model.apply(new RunnerEvent.JobsAdded(Instant.now(), List.of(jobs)));
            window.tableView().applyCss();
            window.tableView().layout();
            return null;
        });
    }

    /** The stop menu's enabled items as it opens on the current selection. */
    private List<String> enabledStopItems() {
        MenuButton menu = (MenuButton) stage.getScene().lookup("#stop-options");
        if (menu.isDisabled()) {
            return List.of();
        }
        menu.show();
        List<String> on = menu.getItems().stream().filter(i -> !i.isDisable()).map(MenuItem::getText).toList();
        menu.hide();
        return on;
    }

    @Test
    void stopAfterThisJobAndStopNowAreOfferedByState() throws Exception {
        show(view("running", JobState.RUNNING, 40, null, "render", 3.0),
                view("next", JobState.PENDING, 0, null, null, null));
        TableView<JobRow> table = window.tableView();
        assertThat(FxTestSupport.onFx(this::enabledStopItems)).as("an idle queue").isEmpty();
        FxTestSupport.onFx(() -> {
            model.apply(new RunnerEvent.QueueStarted(Instant.now(), "s", 2));
            table.getSelectionModel().clearAndSelect(0);
            return null;
        });
        assertThat(FxTestSupport.onFx(this::enabledStopItems)).containsExactly("Stop after running", "Stop now");
        FxTestSupport.onFx(() -> {
            table.getSelectionModel().clearAndSelect(1);
            return null;
        });
        assertThat(FxTestSupport.onFx(this::enabledStopItems)).as("a waiting job selected")
                .containsExactly("Stop now");
        String notice = FxTestSupport.onFx(() -> {
            table.getSelectionModel().clearAndSelect(0);
            MenuButton menu = (MenuButton) stage.getScene().lookup("#stop-options");
            menu.show();
            menu.getItems().get(0).fire();
            menu.hide();
            return model.noticeProperty().get();
        });
        assertThat(notice).isEqualTo("The queue stops when running has finished");
        String stopping = FxTestSupport.onFx(() -> {
            MenuButton menu = (MenuButton) stage.getScene().lookup("#stop-options");
            menu.show();
            menu.getItems().get(1).fire();
            menu.hide();
            return model.noticeProperty().get();
        });
        assertThat(stopping).startsWith("Stopping now");
        assertThat(FxTestSupport.onFx(this::enabledStopItems)).as("stopping already").containsExactly("Stop now");
    }
}
