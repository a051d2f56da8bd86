package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.ui.FxTestSupport;

/**
 * A job's own settings in the queue window, headless under Monocle on a real engine: the template column
 * says a job has them, Undo of a removal keeps them, and "Change settings…" gives them to the selected jobs
 * that have not begun.
 */
class JobSettingsWindowTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;
    private QueueViewModel model;
    private MainWindow window;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        f = new QueueWindowFixture(tmp, "quick_preview", 1200, 600);
        model = f.model;
        window = f.window;
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private List<Path> stls(String... names) throws Exception {
        Files.createDirectories(tmp.resolve("models"));
        List<Path> l = new java.util.ArrayList<>();
        for (String n : names) {
            Path p = tmp.resolve("models/" + n);
            StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), p);
            l.add(p);
        }
        return l;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private List<String> queued(int n) throws Exception {
        assertThat(FxTestSupport.await(() -> model.rows().size() == n, 20)).isTrue();
        return f.runner.view().jobs().stream().map(JobView::id).toList();
    }

    private void select(int... rows) throws InterruptedException {
        FxTestSupport.onFx(() -> {
            TableView<JobRow> table = window.tableView();
            table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().selectIndices(rows[0], rows);
            return null;
        });
    }

    @Test
    void undoOfARemovalPutsTheJobsBackWithTheirOwnSettingsAndTemplate() throws Exception {
        f.runner.add(stls("a.stl", "b.stl", "c.stl"), "quick_preview", null, null);
        List<String> ids = queued(3);
        f.runner.changeTemplate(List.of(ids.get(1)), "validation_only");
        f.runner.setOverrides(List.of(ids.get(1)), map("material", "metal", "generate_video", false),
                map("level", "strict"));
        assertThat(FxTestSupport.await(() -> model.rows().get(1).ownSettingsProperty().get() != null, 20)).isTrue();

        select(1);
        FxTestSupport.onFx(() -> {
            model.removeWithUndo(List.copyOf(window.tableView().getSelectionModel().getSelectedItems()));
            return null;
        });
        queued(2);
        FxTestSupport.onFx(() -> {
            model.undoRemove();
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.rows().size() == 3
                && model.rows().get(1).nameProperty().get().equals("b"), 20)).as("b is back in its place").isTrue();
        JobView back = f.runner.view().jobs().get(1);
        assertThat(back.template()).isEqualTo("validation_only");
        assertThat(back.renderOverrides()).isEqualTo(Map.of("material", "metal", "generate_video", false));
        assertThat(back.validationOverrides()).isEqualTo(Map.of("level", "strict"));
        assertThat(f.runner.view().jobs().get(0).renderOverrides()).isEmpty();
    }

    /** The template column's cell of row {@code index}, laid out. */
    private TableCell<?, ?> templateCell(int index) {
        TableView<JobRow> table = window.tableView();
        table.applyCss();
        table.layout();
        return table.lookupAll(".table-cell").stream().map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && "template-column".equals(c.getTableColumn().getId())
                        && c.getIndex() == index)
                .findFirst().orElseThrow();
    }

    @Test
    void theTemplateColumnSaysWhichJobsHaveSettingsOfTheirOwn() throws Exception {
        f.runner.add(stls("a.stl", "b.stl"), "quick_preview", null, null);
        List<String> ids = queued(2);
        f.runner.setOverrides(List.of(ids.get(0)), map("color", "#00FF00", "generate_video", false), null);

        assertThat(FxTestSupport.await(() -> templateCell(0).getGraphic() != null, 20)).isTrue();
        assertThat(FxTestSupport.onFx(() -> templateCell(0).getItem())).isEqualTo("Quick Preview + 2 changes");
        assertThat(FxTestSupport.onFx(() -> templateCell(0).getText())).isEqualTo("Quick Preview");
        assertThat(FxTestSupport.onFx(() -> ((javafx.scene.control.Label) templateCell(0).getGraphic()).getText()))
                .as("the mark after the name").isEqualTo("+2");
        assertThat(FxTestSupport.onFx(() -> templateCell(0).getTooltip().getText()))
                .isEqualTo("This job's own settings: color #00FF00, no turntable video");
        assertThat(FxTestSupport.onFx(() -> templateCell(1).getText())).isEqualTo("Quick Preview");
        assertThat(FxTestSupport.onFx(() -> templateCell(1).getTooltip())).isNull();
        assertThat(FxTestSupport.onFx(() -> templateCell(1).getGraphic())).isNull();

        f.runner.setOverrides(List.of(ids.get(0)), map("color", null, "generate_video", null), null);
        assertThat(FxTestSupport.await(() -> "Quick Preview".equals(templateCell(0).getText())
                && templateCell(0).getGraphic() == null, 20)).isTrue();
    }

    private javafx.scene.control.MenuItem openMenuItem(String id) throws InterruptedException {
        return FxTestSupport.onFx(() -> {
            javafx.scene.control.ContextMenu menu = window.tableView().getContextMenu();
            menu.show(window.tableView(), 100, 100);
            javafx.scene.control.MenuItem item = menu.getItems().stream().filter(i -> id.equals(i.getId()))
                    .findFirst().orElseThrow();
            menu.hide();
            return item;
        });
    }

    @Test
    void changeSettingsGivesTheTouchedFieldsToTheSelectedJobsThatHaveNotStarted() throws Exception {
        f.runner.add(stls("a.stl", "b.stl", "c.stl"), null, map("lighting", "natural"), null);
        List<String> ids = queued(3);
        f.runner.cancel(ids.get(2));
        assertThat(FxTestSupport.await(() -> model.rows().get(2).stateProperty().get()
                == org.stllisting.store.queue.JobState.CANCELLED, 20)).isTrue();

        select(2);
        javafx.scene.control.MenuItem alone = openMenuItem("change-settings");
        assertThat(FxTestSupport.onFx(alone::isDisable)).as("a cancelled job alone").isTrue();
        select(0, 1, 2);
        javafx.scene.control.MenuItem item = openMenuItem("change-settings");
        assertThat(FxTestSupport.onFx(item::isDisable)).isFalse();
        Stage dialog = FxTestSupport.onFx(() -> {
            item.fire();
            return javafx.stage.Window.getWindows().stream().filter(w -> w instanceof Stage s
                    && s.getScene().lookup("#settings-dialog") != null).map(w -> (Stage) w).findFirst().orElseThrow();
        });
        assertThat(FxTestSupport.onFx(dialog::getTitle)).isEqualTo("Change settings of 3 jobs");
        @SuppressWarnings("unchecked")
        List<String> values = FxTestSupport.onFx(() -> dialog.getScene().getRoot().lookupAll(".combo-box").stream()
                .map(n -> ((javafx.scene.control.ComboBox<String>) n).getValue()).toList());
        assertThat(values).hasSize(9).containsOnly("Keep as is");

        // a value the vocabulary refuses is said in the dialog, which stays open
        FxTestSupport.onFx(() -> {
            combo(dialog, "#setting-color").getEditor().setText("green");
            ((javafx.scene.control.Button) dialog.getScene().lookup("#settings-dialog-apply")).fire();
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> ((javafx.scene.control.Label) dialog.getScene()
                .lookup("#settings-dialog-problem")).getText())).isEqualTo("Color: must be a color like #RRGGBB");
        assertThat(FxTestSupport.onFx(dialog::isShowing)).isTrue();

        FxTestSupport.onFx(() -> {
            combo(dialog, "#setting-color").getEditor().setText("#00ff00");
            combo(dialog, "#setting-material").setValue("metal");
            combo(dialog, "#setting-video").setValue("off");
            combo(dialog, "#setting-lighting").setValue("The template's");
            ((javafx.scene.control.Button) dialog.getScene().lookup("#settings-dialog-apply")).fire();
            return null;
        });
        assertThat(FxTestSupport.await(() -> ("Changed the settings of 2 jobs; 1 skipped because it had started")
                .equals(model.noticeProperty().get()), 20)).as("%s", model.noticeProperty().get()).isTrue();
        assertThat(FxTestSupport.onFx(dialog::isShowing)).isFalse();
        for (String id : ids.subList(0, 2)) {
            assertThat(f.runner.job(id).renderOverrides()).isEqualTo(Map.of("color", "#00FF00", "material", "metal",
                    "generate_video", false));
        }
        assertThat(f.runner.job(ids.get(2)).renderOverrides()).isEqualTo(Map.of("lighting", "natural"));
    }

    @SuppressWarnings("unchecked")
    private static javafx.scene.control.ComboBox<String> combo(Stage s, String id) {
        return (javafx.scene.control.ComboBox<String>) s.getScene().lookup(id);
    }
}
