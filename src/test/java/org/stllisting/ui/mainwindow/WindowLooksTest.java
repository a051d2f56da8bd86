package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.stllisting.ui.mainwindow.Rows.view;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;

/**
 * What the queue window looks like with the program's stylesheet, headless under Monocle: readable selected
 * rows, names with underscores, the template column, menus that offer only what applies, drops anywhere.
 * Rows come from runner events like the ones the engine sends.
 */
class WindowLooksTest {
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

    /** WCAG contrast ratio of two colors. */
    static double contrast(Paint a, Paint b) {
        double la = luminance((Color) a);
        double lb = luminance((Color) b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static Paint lastFill(Region r) {
        var fills = r.getBackground().getFills();
        return fills.get(fills.size() - 1).getFill();
    }

    @Test
    void selectedRowsKeepTheirStateAndProgressReadable() throws Exception {
        show(view("running", JobState.RUNNING, 40, null, "render", 3.0),
                view("done", JobState.COMPLETED, 100, null, "finalize", 9.0),
                view("broken", JobState.FAILED, 0, "load (broken.stl): /m/broken.stl: Permission denied", null, 0.1),
                view("dropped", JobState.CANCELLED, 0, "Cancelled by the user", null, null),
                view("gone", JobState.SKIPPED, 0, "the source file /m/gone.stl no longer exists", null, null));
        TableView<JobRow> table = window.tableView();
        FxTestSupport.onFx(() -> {
            table.requestFocus();
            table.getSelectionModel().selectAll();
            table.applyCss();
            table.layout();
            return null;
        });
        List<TableRow<?>> rows = FxTestSupport.onFx(() -> table.lookupAll(".table-row-cell").stream()
                .<TableRow<?>>map(n -> (TableRow<?>) n).filter(r -> r.getItem() != null && r.isSelected())
                .toList());
        assertThat(rows).hasSize(5);
        for (TableRow<?> row : rows) {
            FxTestSupport.onFx(() -> {
                Paint background = lastFill(row);
                Labeled state = (Labeled) row.lookupAll(".table-cell").stream()
                        .filter(n -> n.getStyleClass().stream().anyMatch(k -> k.startsWith("state-"))).findFirst()
                        .orElseThrow();
                assertThat(contrast(state.getTextFill(), background))
                        .as("%s on the selection %s", state.getText(), background).isGreaterThanOrEqualTo(4.5);
                return null;
            });
        }
        TableRow<?> running = rows.stream().filter(r -> ((JobRow) r.getItem()).id().equals("running")).findFirst()
                .orElseThrow();
        FxTestSupport.onFx(() -> {
            Region bar = (Region) running.lookup(".progress-bar > .bar");
            Region track = (Region) running.lookup(".progress-bar > .track");
            assertThat(bar.getWidth()).isPositive();
            assertThat(contrast(lastFill(bar), lastFill(track))).as("progress fill on its track")
                    .isGreaterThanOrEqualTo(3);
            return null;
        });
    }

    @Test
    void aFolderNameWithUnderscoresIsShownAsItIs() throws Exception {
        FxTestSupport.onFx(() -> {
            model.setOutputFolder(tmp.resolve("out_h1"));
            return null;
        });
        Button output = FxTestSupport.onFx(() -> (Button) stage.getScene().lookup("#output-folder"));
        assertThat(FxTestSupport.await(() -> output.getText().endsWith("out_h1"), 20)).isTrue();
        String shown = FxTestSupport.onFx(() -> {
            window.root().applyCss();
            window.root().layout();
            return ((javafx.scene.text.Text) output.lookup(".text")).getText();
        });
        assertThat(shown).endsWith("out_h1");
    }

    @Test
    void theTemplateColumnNamesEachJobsTemplate() throws Exception {
        show(view("a", JobState.PENDING, 0, null, null, null));
        List<String> texts = FxTestSupport.onFx(() -> window.tableView().lookupAll(".table-cell").stream()
                .map(n -> ((Labeled) n).getText()).filter(t -> t != null).toList());
        assertThat(texts).contains("Quick Preview");
        assertThat(FxTestSupport.onFx(() -> window.tableView().getColumns().stream().map(c -> c.getText()).toList()))
                .contains("Template");
    }

    @Test
    void theMenuOffersOnlyWhatAppliesToTheSelectedJobs() throws Exception {
        show(view("done", JobState.COMPLETED, 100, null, "finalize", 9.0),
                view("waiting", JobState.PENDING, 0, null, null, null));
        TableView<JobRow> table = window.tableView();
        List<String> enabled = FxTestSupport.onFx(() -> {
            table.getSelectionModel().select(0);
            return enabledMenuItems();
        });
        // a finished job runs again, does not move; its folder (/out/done) is not on disk
        assertThat(enabled).containsExactly("Run again", "Remove", "Clear finished");
        List<String> forWaiting = FxTestSupport.onFx(() -> {
            table.getSelectionModel().clearAndSelect(1);
            return enabledMenuItems();
        });
        assertThat(forWaiting).containsExactly("Cancel", "Move up", "Move down", "Remove", "Clear finished",
                "Change settings…");
    }

    /** The context menu's enabled items as it opens on the current selection. */
    private List<String> enabledMenuItems() {
        ContextMenu menu = window.tableView().getContextMenu();
        menu.show(stage);
        List<String> on = menu.getItems().stream().filter(i -> !i.isDisable() && i.getText() != null)
                .map(MenuItem::getText).toList();
        menu.hide();
        return on;
    }

    @Test
    void filesDroppedAnywhereOnTheWindowAreQueuedWithAHighlightWhileDragging() throws Exception {
        Path cube = tmp.resolve("drop/cube.stl");
        Files.createDirectories(cube.getParent());
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), cube);
        Dragboard board = mock(Dragboard.class);
        when(board.hasFiles()).thenReturn(true);
        when(board.getFiles()).thenReturn(List.of(new File(cube.toString())));
        Node statusBar = FxTestSupport.onFx(() -> stage.getScene().lookup(".status-bar"));
        PseudoClass dropTarget = PseudoClass.getPseudoClass("drop-target");
        boolean highlighted = FxTestSupport.onFx(() -> {
            statusBar.fireEvent(new DragEvent(DragEvent.DRAG_OVER, board, 10, 10, 10, 10, TransferMode.COPY, null,
                    null, null));
            window.root().applyCss();
            return window.root().getPseudoClassStates().contains(dropTarget)
                    && ((Region) window.root()).getBorder() != null;
        });
        assertThat(highlighted).isTrue();
        FxTestSupport.onFx(() -> {
            statusBar.fireEvent(new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10, TransferMode.COPY,
                    null, null, null));
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.rows().size() == 1, 20)).isTrue();
        assertThat(FxTestSupport.onFx(() -> window.root().getPseudoClassStates().contains(dropTarget))).isFalse();
    }

    @Test
    void theStatusBarCountsFailedJobsWhileOthersRunAndSaysStoppingAtOnce() throws Exception {
        show(view("running", JobState.RUNNING, 40, null, "render", 3.0), view("next", JobState.PENDING, 0, null,
                null, null));
        String status = FxTestSupport.onFx(() -> {
            model.apply(new RunnerEvent.QueueStarted(Instant.now(), "s", 3));
            model.apply(new RunnerEvent.JobStateChanged(Instant.now(), view("next", JobState.FAILED, 0,
                    "load (next.stl): /m/next.stl: Permission denied", null, 0.2), JobState.RUNNING, JobState.FAILED,
                    "failed"));
            model.apply(new RunnerEvent.QueueProgress(Instant.now(), 70, 1, 2, 1, 30.0));
            return model.statusProperty().get();
        });
        assertThat(status).isEqualTo("0 of 2 done, 1 running, 1 failed, about 30 s left");
        FxTestSupport.onFx(() -> {
            model.stop(false);
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> model.noticeProperty().get())).startsWith("Stopping");
        assertThat(FxTestSupport.onFx(() -> model.statusProperty().get())).endsWith("1 running, 1 failed — stopping…");
        Button stop = FxTestSupport.onFx(() -> (Button) stage.getScene().lookup("#stop"));
        assertThat(FxTestSupport.onFx(stop::isDisabled)).isTrue();
    }

    @Test
    void aBurstOfCancellationsIsCountedOnceAndRight() throws Exception {
        int n = 10_000;
        JobView[] jobs = new JobView[n];
        for (int i = 0; i < n; i++) {
            jobs[i] = view("j" + i, JobState.PENDING, 0, null, null, null);
        }
        show(jobs);
        List<RunnerEvent> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 8_000; i++) {
            burst.add(new RunnerEvent.JobStateChanged(Instant.now(), view("j" + i, JobState.CANCELLED, 0,
                    "Cancelled by the user", null, null), JobState.PENDING, JobState.CANCELLED, "cancelled"));
        }
        long counted = FxTestSupport.onFx(() -> {
            long before = model.countings();
            model.applyAll(burst);
            return model.countings() - before;
        });
        assertThat(FxTestSupport.onFx(() -> model.statusProperty().get())).isEqualTo("0 of 10000 done, 8000 cancelled");
        assertThat(FxTestSupport.onFx(() -> model.queueProgressProperty().get())).isZero();
        // counted once for the burst (about 70 ms for 10,000 rows, against 2 s when counted after each change)
        assertThat(counted).isEqualTo(1);
    }

    @Test
    void aRunningJobsDurationGoesOnWhileTheWindowIsOpen() throws Exception {
        show(view("running", JobState.RUNNING, 40, null, "render", 5.0));
        JobRow row = FxTestSupport.onFx(() -> model.row("running"));
        // shown at 5 s; two ticks later it says 7 s or more
        assertThat(FxTestSupport.await(() -> Integer.parseInt(row.durationProperty().get().replace(" s", "")) >= 7,
                5)).as(() -> row.durationProperty().get()).isTrue();
    }
}
