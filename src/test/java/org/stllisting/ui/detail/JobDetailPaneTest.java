package org.stllisting.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.JobViews;
import org.stllisting.ui.mainwindow.JobRow;
import org.stllisting.ui.preview.ModelPreview;

/**
 * The detail pane beside the queue, headless under Monocle, on a real engine: a completed job (whose cache
 * the run removed) and a failed one, selected in the table.
 */
class JobDetailPaneTest {
    @TempDir
    Path tmp;
    private DetailPaneWindow w;
    private JobViews views;
    private Stage stage;
    private Path cube;
    private Path notes;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        AppContext ctx = AppContext.exclusive(Home.at(tmp.resolve("home")));
        QueueRunner runner = ctx.runner("gui");
        runner.updateSettings(runner.settings().withOutputFolder(tmp.resolve("out")));
        cube = tmp.resolve("models/cube.stl");
        Files.createDirectories(cube.getParent());
        StlWriter.writeBinary(MeshGenerators.box(20, 20, 20), cube);
        notes = Files.writeString(tmp.resolve("models/notes.stl"), "my notes, not a model\n");
        runner.add(List.of(cube, notes), "quick_preview", null, null);
        runner.start();
        assertThat(runner.awaitFinished(Duration.ofSeconds(90))).isTrue();
        runner.drainEvents(Duration.ofSeconds(5));
        w = new DetailPaneWindow(ctx, 2);
        views = w.views;
        stage = w.stage;
    }

    @AfterEach
    void close() throws Exception {
        w.close();
    }

    private TableView<JobRow> table() {
        return w.table();
    }

    private void select(String fileName) throws InterruptedException {
        w.select(r -> r.source().endsWith(fileName));
    }

    private <T extends Node> T find(String id) throws InterruptedException {
        return w.find(id);
    }

    private String textOf(String id) throws InterruptedException {
        Label l = find(id);
        return FxTestSupport.onFx(l::getText);
    }

    private static String text(Node n) {
        return ((Label) n).getText();
    }

    @Test
    void aCompletedJobShowsItsStepsPicturesFiguresPreviewAndLog() throws Exception {
        Label placeholder = find("#detail-placeholder");
        assertThat(FxTestSupport.onFx(placeholder::getText)).isEqualTo("Select a job to see its details");
        select("cube.stl");
        Label title = find("#detail-title");
        assertThat(FxTestSupport.await(() -> "cube".equals(title.getText()), 20)).isTrue();
        assertThat(textOf("#detail-summary")).startsWith("Completed · Quick Preview · ");
        GridPane steps = find("#detail-steps");
        List<String> cells = FxTestSupport.onFx(() -> steps.getChildren().stream().map(JobDetailPaneTest::text)
                .toList());
        assertThat(cells).containsSubsequence("Load", "done", "Validate", "done", "Analyze", "done", "Render", "done",
                "Finalize", "done");
        assertThat(textOf("#detail-steps-note"))
                .contains("removed this job's working files");
        assertThat(textOf("#detail-measures"))
                .startsWith("20.0\u00a0×\u00a020.0\u00a0×\u00a020.0\u00a0mm · 8.0\u00a0cm³ · ");
        FlowPane images = find("#detail-images");
        assertThat(FxTestSupport.onFx(() -> images.getChildren().size())).isEqualTo(1);

        // the preview: JavaFX 3D where the system has it, the job's own render otherwise; never empty
        ModelPreview preview = views.detail().preview();
        assertThat(FxTestSupport.await(() -> preview.showing3D() || preview.image() != null, 30)).isTrue();
        if (!ModelPreview.threeDSupported()) {
            assertThat(FxTestSupport.onFx(preview::caption))
                    .isEqualTo("The job's product image (this system has no 3D graphics)");
            assertThat(FxTestSupport.onFx(() -> preview.image().getWidth())).isPositive();
        }

        // a click on the picture enlarges it in its own window
        FxTestSupport.onFx(() -> {
            Node thumb = images.getChildren().get(0);
            Event.fireEvent(thumb, new MouseEvent(MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5, MouseButton.PRIMARY, 1, false,
                    false, false, false, true, false, false, true, false, false, null));
            return null;
        });
        assertThat(FxTestSupport.await(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s
                && s.getTitle() != null && s.getTitle().startsWith("cube_") && s.getTitle().endsWith(".png")), 10))
                .isTrue();

        // the log, from the output folder now that the cache is gone
        Button log = find("#show-log");
        assertThat(FxTestSupport.onFx(log::isDisabled)).isFalse();
        FxTestSupport.onFx(() -> {
            log.fire();
            return null;
        });
        assertThat(FxTestSupport.await(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s
                && "Log — cube".equals(s.getTitle())), 10)).isTrue();
        TextArea logArea = FxTestSupport.onFx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && "Log — cube".equals(s.getTitle()))
                .map(w -> (TextArea) w.getScene().getRoot()).findFirst().orElseThrow());
        String logText = FxTestSupport.onFx(() -> logArea.getText());
        assertThat(logText).contains("started").contains("render");
        boolean wraps = FxTestSupport.onFx(() -> logArea.isWrapText());
        assertThat(wraps).as("long lines wrap").isTrue();
    }

    @Test
    void aFailedJobSaysTheReasonFirstAndThePathSecond() throws Exception {
        select("notes.stl");
        Label title = find("#detail-title");
        assertThat(FxTestSupport.await(() -> "notes".equals(title.getText()), 20)).isTrue();
        VBox errors = find("#detail-errors");
        assertThat(FxTestSupport.await(() -> !errors.getChildren().isEmpty(), 10)).isTrue();
        List<String> lines = FxTestSupport.onFx(() -> ((VBox) errors.getChildren().get(0)).getChildren().stream()
                .map(JobDetailPaneTest::text).toList());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith("(while reading the STL file)").doesNotContain(notes.toString());
        assertThat(lines.get(1)).isEqualTo(notes.toString());
        ModelPreview preview = views.detail().preview();
        assertThat(FxTestSupport.await(() -> preview.caption().startsWith("No preview: "), 20))
                .as(preview::caption).isTrue();
        assertThat(FxTestSupport.onFx(preview::caption)).doesNotContain(notes.toString());

        // back to nothing selected: the placeholder again
        FxTestSupport.onFx(() -> {
            table().getSelectionModel().clearSelection();
            return null;
        });
        Label placeholder = find("#detail-placeholder");
        assertThat(FxTestSupport.await(placeholder::isVisible, 10)).isTrue();
    }

    @Test
    void aFailedJobsReasonIsShownOnceWithThePathAfterIt() throws Exception {
        select("notes.stl");
        Label title = find("#detail-title");
        assertThat(FxTestSupport.await(() -> "notes".equals(title.getText()), 20)).isTrue();
        VBox errors = find("#detail-errors");
        assertThat(FxTestSupport.await(() -> !errors.getChildren().isEmpty(), 10)).isTrue();
        ModelPreview preview = views.detail().preview();
        assertThat(FxTestSupport.await(() -> preview.caption().startsWith("No preview"), 20)).as(preview::caption)
                .isTrue();
        String reason = FxTestSupport.onFx(() -> text(((VBox) errors.getChildren().get(0)).getChildren().get(0)));
        // the reason without the step it happened in, as the preview would say it
        String core = reason.replaceFirst(" \\(while [^)]*\\)$", "").toLowerCase(java.util.Locale.ROOT);
        List<String> shown = FxTestSupport.onFx(() -> find(views.detail().root()));
        assertThat(shown.stream().filter(t -> t.toLowerCase(java.util.Locale.ROOT).contains(core)))
                .as("the reason, once, in %s", shown).hasSize(1);
        assertThat(shown.indexOf(reason)).as("the reason before the path").isLessThan(shown.indexOf(notes.toString()))
                .isNotNegative();
        assertThat(FxTestSupport.onFx(preview::caption)).isEqualTo("No preview: the model could not be read (why is "
                + "said below).");
    }

    /** The texts of the labels under {@code n} that are shown, in the pane's order. */
    private static List<String> find(Node n) {
        List<String> out = new java.util.ArrayList<>();
        if (!n.isVisible()) {
            return out;
        }
        if (n instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            out.add(l.getText());
        }
        if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            out.addAll(find(sp.getContent()));
        } else if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                out.addAll(find(c));
            }
        }
        return out;
    }

    @Test
    void theHistoryButtonOpensTheHistoryWindow() throws Exception {
        Button history = find("#open-history");
        assertThat(history).isNotNull();
        FxTestSupport.onFx(() -> {
            history.fire();
            return null;
        });
        assertThat(FxTestSupport.await(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s
                && "History — STL Listing Tool".equals(s.getTitle()) && s.isShowing()), 10)).isTrue();
    }
}
