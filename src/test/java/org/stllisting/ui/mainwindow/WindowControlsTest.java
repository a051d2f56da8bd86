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
        f.show(jobs);
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
        assertThat(notice).isEqualTo("Nothing new starts; the queue stops when running has finished");
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

    @Test
    void aFinishedQueueShowsABannerWithItsCountsAndQuitsWhenAskedTo() throws Exception {
        show(view("a", JobState.COMPLETED, 100, null, "finalize", 3.0));
        int[] quits = new int[1];
        FxTestSupport.onFx(() -> {
            window.setOnQuit(() -> quits[0]++);
            model.apply(new RunnerEvent.QueueStarted(Instant.now(), "s", 4));
            model.apply(new RunnerEvent.QueueFinished(Instant.now(), 2, 1, 1, 0));
            return null;
        });
        javafx.scene.Node banner = FxTestSupport.onFx(() -> stage.getScene().lookup("#done-banner"));
        assertThat(FxTestSupport.onFx(banner::isVisible)).isTrue();
        assertThat(FxTestSupport.onFx(() -> ((javafx.scene.control.Label) stage.getScene().lookup("#done-text"))
                .getText())).isEqualTo("The queue is done. 2 completed, 1 failed, 1 cancelled, 0 skipped.");
        assertThat(quits[0]).as("when done: nothing").isZero();

        // "quit" is remembered in config.json, beside the keys the program does not know
        f.ctx.config().update(c -> c.setOther("someone_elses", 7));
        FxTestSupport.onFx(() -> {
            javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) stage.getScene().lookup("#menu-bar");
            javafx.scene.control.Menu queue = bar.getMenus().stream().filter(m -> "queue-menu".equals(m.getId()))
                    .findFirst().orElseThrow();
            ((javafx.scene.control.Menu) queue.getItems().get(queue.getItems().size() - 1)).getItems().get(1).fire();
            return null;
        });
        assertThat(FxTestSupport.await(() -> "quit".equals(f.ctx.config().load().other().get("when_done")), 10))
                .isTrue();
        assertThat(f.ctx.config().load().other()).containsEntry("someone_elses", 7);
        FxTestSupport.onFx(() -> {
            model.apply(new RunnerEvent.QueueStarted(Instant.now(), "s", 1));
            return null;
        });
        assertThat(FxTestSupport.onFx(banner::isVisible)).as("a new run hides the banner").isFalse();
        FxTestSupport.onFx(() -> {
            model.apply(new RunnerEvent.QueueFinished(Instant.now(), 1, 0, 0, 0));
            return null;
        });
        assertThat(quits[0]).as("when done: quit").isEqualTo(1);
    }

    private void press(javafx.scene.input.KeyCode key, boolean shortcut) throws InterruptedException {
        FxTestSupport.onFx(() -> {
            window.tableView().requestFocus();
            window.tableView().fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "",
                    "", key, false, shortcut, false, false));
            return null;
        });
    }

    private Path stl(String name) throws java.io.IOException {
        Path p = tmp.resolve("models/" + name);
        java.nio.file.Files.createDirectories(p.getParent());
        org.stllisting.mesh.io.StlWriter.writeBinary(org.stllisting.mesh.gen.MeshGenerators.box(10, 10, 10), p);
        return p;
    }

    @Test
    void ctrlOAddsFilesSpacePausesAndDeleteRemovesWithAnUndoThatKeepsTheTemplate() throws Exception {
        Path a = stl("a.stl");
        Path b = stl("b.stl");
        Path c = stl("c.stl");
        FxTestSupport.onFx(() -> {
            window.setFilePicker(owner -> List.of(a.toFile(), b.toFile(), c.toFile()));
            return null;
        });
        press(javafx.scene.input.KeyCode.O, true);
        assertThat(FxTestSupport.await(() -> model.rows().size() == 3, 20)).as("Ctrl+O added the files").isTrue();

        // the picker now shows another template: the removed job comes back with its own
        FxTestSupport.onFx(() -> {
            model.templateProperty().set(model.templates().stream().filter(t -> t.name.equals("validation_only"))
                    .findFirst().orElseThrow());
            window.tableView().getSelectionModel().clearAndSelect(1);
            return null;
        });
        press(javafx.scene.input.KeyCode.DELETE, false);
        assertThat(FxTestSupport.await(() -> model.rows().size() == 2, 20)).as("Delete removed b").isTrue();
        assertThat(FxTestSupport.onFx(() -> stage.getScene().lookup("#undo-bar").isVisible())).isTrue();
        assertThat(FxTestSupport.onFx(() -> ((javafx.scene.control.Label) stage.getScene().lookup("#undo-text"))
                .getText())).isEqualTo("Removed b from the queue");
        assertThat(FxTestSupport.onFx(() -> javafx.stage.Window.getWindows().size())).as("no dialog").isEqualTo(1);
        FxTestSupport.onFx(() -> {
            ((javafx.scene.control.Button) stage.getScene().lookup("#undo")).fire();
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.rows().size() == 3
                && model.rows().get(1).nameProperty().get().equals("b"), 20)).as("b is back in its place").isTrue();
        assertThat(f.runner.view().jobs().get(1).template()).isEqualTo("quick_preview");
        assertThat(FxTestSupport.onFx(() -> stage.getScene().lookup("#undo-bar").isVisible())).isFalse();

        FxTestSupport.onFx(() -> {
            model.apply(new RunnerEvent.QueueStarted(Instant.now(), "s", 3));
            return null;
        });
        press(javafx.scene.input.KeyCode.SPACE, false);
        assertThat(FxTestSupport.await(() -> f.runner.view().pausedFor() != null, 20)).as("Space paused").isTrue();
    }

    @Test
    void rowsDraggedWithinTheTableMoveInTheQueueWithALineWhereTheyGo() throws Exception {
        Path a = stl("a.stl");
        Path b = stl("b.stl");
        Path c = stl("c.stl");
        FxTestSupport.onFx(() -> {
            model.add(List.of(a, b, c));
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.rows().size() == 3, 20)).isTrue();
        String aId = FxTestSupport.onFx(() -> model.rows().get(0).id());
        javafx.scene.input.Dragboard board = org.mockito.Mockito.mock(javafx.scene.input.Dragboard.class);
        org.mockito.Mockito.when(board.hasContent(MainWindow.JOB_IDS)).thenReturn(true);
        org.mockito.Mockito.when(board.getContent(MainWindow.JOB_IDS)).thenReturn(aId);
        boolean lineBelow = FxTestSupport.onFx(() -> {
            TableView<JobRow> table = window.tableView();
            table.applyCss();
            table.layout();
            javafx.scene.control.TableRow<?> last = rowAt(2);
            javafx.geometry.Point2D p = last.localToScene(10, last.getHeight() * 0.75);
            last.fireEvent(new javafx.scene.input.DragEvent(javafx.scene.input.DragEvent.DRAG_OVER, board, p.getX(),
                    p.getY(), p.getX(), p.getY(), javafx.scene.input.TransferMode.MOVE, null, null, null));
            last.applyCss();
            boolean shown = last.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("drop-below"))
                    && last.getBorder() != null && !last.getBorder().getStrokes().isEmpty();
            last.fireEvent(new javafx.scene.input.DragEvent(javafx.scene.input.DragEvent.DRAG_DROPPED, board,
                    p.getX(), p.getY(), p.getX(), p.getY(), javafx.scene.input.TransferMode.MOVE, null, null, null));
            return shown;
        });
        assertThat(lineBelow).as("a line below the last row").isTrue();
        assertThat(FxTestSupport.await(() -> model.rows().get(2).id().equals(aId), 20)).isTrue();
        assertThat(f.runner.view().jobs().stream().map(j -> j.modelName()).toList()).containsExactly("b", "c", "a");
        assertThat(FxTestSupport.onFx(() -> rowAt(2).getPseudoClassStates()
                .contains(javafx.css.PseudoClass.getPseudoClass("drop-below")))).as("the line goes").isFalse();
    }

    private javafx.scene.control.TableRow<?> rowAt(int index) {
        return window.tableView().lookupAll(".table-row-cell").stream()
                .map(n -> (javafx.scene.control.TableRow<?>) n).filter(r -> r.getIndex() == index).findFirst()
                .orElseThrow();
    }

    private javafx.scene.control.Menu menu(String id) {
        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) stage.getScene().lookup("#menu-bar");
        return bar.getMenus().stream().filter(m -> id.equals(m.getId())).findFirst().orElseThrow();
    }

    @Test
    void theDarkThemeIsOnEveryWindowRememberedAndKeepsSelectedRowsReadable() throws Exception {
        show(view("running", JobState.RUNNING, 40, null, "render", 3.0),
                view("done", JobState.COMPLETED, 100, null, "finalize", 9.0),
                view("broken", JobState.FAILED, 0, "load (broken.stl): Permission denied", null, 0.1),
                view("dropped", JobState.CANCELLED, 0, "Cancelled by the user", null, null));
        String dark = org.stllisting.ui.StlListingApp.class.getResource("stl-listing-dark.css").toExternalForm();
        FxTestSupport.onFx(() -> {
            ((javafx.scene.control.Menu) menu("view-menu").getItems().get(0)).getItems().stream()
                    .filter(i -> "theme-dark".equals(i.getId())).findFirst().orElseThrow().fire();
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> stage.getScene().getStylesheets())).contains(dark);
        javafx.scene.control.Alert alert = FxTestSupport.onFx(() -> {
            javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION,
                    "a dialog");
            a.initOwner(stage);
            a.show();
            return a;
        });
        try {
            assertThat(FxTestSupport.onFx(() -> alert.getDialogPane().getScene().getStylesheets())).as("a dialog")
                    .contains(dark);
        } finally {
            FxTestSupport.onFx(() -> {
                alert.close();
                return null;
            });
        }
        assertThat(FxTestSupport.await(() -> "dark".equals(f.ctx.config().load().other().get("theme")), 10))
                .isTrue();

        TableView<JobRow> table = window.tableView();
        List<javafx.scene.control.TableRow<?>> rows = FxTestSupport.onFx(() -> {
            table.requestFocus();
            table.getSelectionModel().selectAll();
            table.applyCss();
            table.layout();
            return table.lookupAll(".table-row-cell").stream().<javafx.scene.control.TableRow<?>>map(
                    n -> (javafx.scene.control.TableRow<?>) n).filter(r -> r.getItem() != null && r.isSelected())
                    .toList();
        });
        assertThat(rows).hasSize(4);
        for (javafx.scene.control.TableRow<?> row : rows) {
            FxTestSupport.onFx(() -> {
                var fills = row.getBackground().getFills();
                javafx.scene.paint.Paint background = fills.get(fills.size() - 1).getFill();
                assertThat(((javafx.scene.paint.Color) background).getBrightness()).as("a dark selection")
                        .isLessThan(0.5);
                javafx.scene.control.Labeled state = (javafx.scene.control.Labeled) row.lookupAll(".table-cell")
                        .stream().filter(n -> n.getStyleClass().stream().anyMatch(k -> k.startsWith("state-")))
                        .findFirst().orElseThrow();
                assertThat(WindowLooksTest.contrast(state.getTextFill(), background))
                        .as("%s on the selection %s", state.getText(), background).isGreaterThanOrEqualTo(4.5);
                javafx.scene.control.Labeled name = (javafx.scene.control.Labeled) row.lookupAll(".table-cell")
                        .stream().filter(n -> "dropped".equals(((javafx.scene.control.Labeled) n).getText())
                                || "running".equals(((javafx.scene.control.Labeled) n).getText())
                                || "done".equals(((javafx.scene.control.Labeled) n).getText())
                                || "broken".equals(((javafx.scene.control.Labeled) n).getText()))
                        .findFirst().orElseThrow();
                assertThat(WindowLooksTest.contrast(name.getTextFill(), background)).as("the name")
                        .isGreaterThanOrEqualTo(4.5);
                return null;
            });
        }
        FxTestSupport.onFx(() -> {
            model.setTheme(org.stllisting.ui.Theme.LIGHT);
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> stage.getScene().getStylesheets())).doesNotContain(dark);
    }

    private void fireMenuItem(String menuId, String itemId) throws InterruptedException {
        FxTestSupport.onFx(() -> {
            javafx.scene.control.Menu m = menu(menuId);
            m.fire();
            m.getItems().stream().filter(i -> itemId.equals(i.getId())).findFirst().orElseThrow().fire();
            return null;
        });
    }

    @Test
    void thePickerSaysWhatATemplateDoesAndTemplatesAreSavedExportedAndImported() throws Exception {
        // the details: steps, what it makes, material, from the template itself
        fireMenuItem("template-menu", "template-details-item");
        List<String> shown = FxTestSupport.onFx(() -> {
            javafx.stage.Popup popup = javafx.stage.Window.getWindows().stream()
                    .filter(javafx.stage.Popup.class::isInstance).map(javafx.stage.Popup.class::cast).findFirst()
                    .orElseThrow();
            List<String> texts = popup.getContent().get(0).lookupAll(".label").stream()
                    .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
            popup.hide();
            return texts;
        });
        assertThat(shown).contains("Quick Preview", "Steps: Load, Validate, Analyze, Render, Finalize",
                "Makes: product image 1280×720, dimensions, volume and weight, a validation report",
                "Material: plastic, #4A90D9, studio lighting, draft quality", "Checks: basic validation, no repair");
        assertThat(FxTestSupport.onFx(() -> ((javafx.scene.control.ComboBox<?>) stage.getScene().lookup("#template"))
                .getTooltip().getText())).contains("Steps: Load, Validate, Analyze, Render, Finalize");

        Path exported = tmp.resolve("exchange/quick.json");
        java.nio.file.Files.createDirectories(exported.getParent());
        Path[] next = {exported};
        FxTestSupport.onFx(() -> {
            window.setTemplateFiles((owner, save) -> next[0].toFile(), owner -> java.util.Optional.of("My Shop Look"));
            return null;
        });
        fireMenuItem("template-menu", "template-export");
        assertThat(FxTestSupport.await(() -> java.nio.file.Files.isRegularFile(exported), 20)).isTrue();
        assertThat(java.nio.file.Files.readString(exported)).contains("\"quick_preview\"");

        fireMenuItem("template-menu", "template-save-as");
        assertThat(FxTestSupport.await(() -> model.templateProperty().get() != null
                && "My Shop Look".equals(model.templateProperty().get().displayName), 20)).isTrue();
        assertThat(f.ctx.templates().find("My Shop Look")).isPresent();

        Path other = tmp.resolve("exchange/other.json");
        java.nio.file.Files.writeString(other, java.nio.file.Files.readString(exported)
                .replace("\"quick_preview\"", "\"brought_along\"").replace("\"Quick Preview\"", "\"Brought Along\""));
        next[0] = other;
        fireMenuItem("template-menu", "template-import");
        assertThat(FxTestSupport.await(() -> "Brought Along".equals(model.templateProperty().get().displayName), 20))
                .isTrue();
        assertThat(FxTestSupport.onFx(() -> model.templates().stream().map(t -> t.displayName).toList()))
                .contains("Brought Along", "My Shop Look");

        Path broken = tmp.resolve("exchange/broken.json");
        java.nio.file.Files.writeString(broken, "{ not json");
        next[0] = broken;
        fireMenuItem("template-menu", "template-import");
        assertThat(FxTestSupport.await(() -> model.noticeProperty().get().contains("broken.json"), 20)).isTrue();
        assertThat(FxTestSupport.onFx(() -> model.noticeProperty().get())).doesNotContain("\n")
                .startsWith("Importing " + broken);
    }
}
