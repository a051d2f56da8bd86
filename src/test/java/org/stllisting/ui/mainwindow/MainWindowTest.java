package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;

/** The queue window, headless under Monocle, on a real engine: drop files, start, see them finish. */
class MainWindowTest {
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
        f = new QueueWindowFixture(tmp, "quick_preview", 900, 500);
        model = f.model;
        window = f.window;
        stage = f.stage;
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    /** The mesh written as {@code drop/<name>}. */
    private Path dropped(String name, org.stllisting.mesh.Mesh mesh) throws java.io.IOException {
        Path p = tmp.resolve("drop").resolve(name);
        Files.createDirectories(p.getParent());
        StlWriter.writeBinary(mesh, p);
        return p;
    }

    @Test
    void droppedFilesAreQueuedAndStartProcessesThemToCompletion() throws Exception {
        Path a = dropped("cube.stl", MeshGenerators.box(20, 20, 20));
        Path b = dropped("peg.stl", MeshGenerators.cylinder(8, 20, 48));
        Dragboard board = mock(Dragboard.class);
        when(board.hasFiles()).thenReturn(true);
        when(board.getFiles()).thenReturn(List.of(new File(a.toString()), new File(b.toString())));

        TableView<JobRow> table = window.tableView();
        FxTestSupport.onFx(() -> {
            table.fireEvent(new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10, TransferMode.COPY, null,
                    null, null));
            return null;
        });
        assertThat(FxTestSupport.await(() -> table.getItems().size() == 2, 20)).isTrue();
        assertThat(FxTestSupport.onFx(() -> model.templateProperty().get().name)).isEqualTo("quick_preview");

        Button start = FxTestSupport.onFx(() -> (Button) stage.getScene().lookup("#start"));
        assertThat(FxTestSupport.onFx(start::isDisabled)).isFalse();
        FxTestSupport.onFx(() -> {
            start.fire();
            return null;
        });

        assertThat(FxTestSupport.await(() -> table.getItems().stream()
                .allMatch(r -> r.stateProperty().get() == JobState.COMPLETED), 120)).isTrue();
        assertThat(FxTestSupport.onFx(() -> table.getItems().get(0).progressProperty().get())).isEqualTo(1.0);
        assertThat(FxTestSupport.await(() -> model.statusProperty().get().equals("2 of 2 done")
                && !model.processingProperty().get(), 30)).as(() -> model.statusProperty().get()).isTrue();
        try (var files = Files.walk(tmp.resolve("out"))) {
            assertThat(files.filter(p -> p.toString().endsWith("_render.png")).count()).isEqualTo(2);
        }
    }

    @Test
    void aModelThatStillHasProblemsIsShownAmberAndCountedApartInTheStatusBar() throws Exception {
        Path clean = dropped("cube.stl", MeshGenerators.box(20, 20, 20));
        // 24 facets missing: Quick Preview's basic validation fails and it has no repair
        Path holes = dropped("holes.stl", MeshDamage.punchHoles(MeshGenerators.cylinder(8, 20, 48), 24));
        TableView<JobRow> table = window.tableView();
        FxTestSupport.onFx(() -> {
            model.add(List.of(clean, holes));
            return null;
        });
        assertThat(FxTestSupport.await(() -> table.getItems().size() == 2, 20)).isTrue();
        Button start = FxTestSupport.onFx(() -> (Button) stage.getScene().lookup("#start"));
        FxTestSupport.onFx(() -> {
            start.fire();
            return null;
        });

        assertThat(FxTestSupport.await(() -> model.statusProperty().get().equals("2 of 2 done, 1 with problems")
                && !model.processingProperty().get(), 120)).as(() -> model.statusProperty().get()).isTrue();
        JobRow bad = FxTestSupport.onFx(() -> table.getItems().stream()
                .filter(r -> r.source().endsWith("holes.stl")).findFirst().orElseThrow());
        assertThat(bad.stateProperty().get()).isEqualTo(JobState.COMPLETED);
        assertThat(bad.problemsProperty().get()).contains("open edges: slicers may drop walls");
        assertThat(FxTestSupport.onFx(() -> table.getItems().stream().filter(JobRow::hasProblems).count()))
                .isEqualTo(1);
        FxTestSupport.onFx(() -> {
            stage.getScene().getStylesheets().add(org.stllisting.ui.StlListingApp.class
                    .getResource("stl-listing.css").toExternalForm());
            table.refresh();
            table.applyCss();
            table.layout();
            return null;
        });
        List<javafx.scene.Node> amber = FxTestSupport.onFx(() -> List.copyOf(table.lookupAll(".state-problems")));
        assertThat(amber).hasSize(1);
        assertThat(FxTestSupport.onFx(() -> ((javafx.scene.control.Labeled) amber.get(0)).getText()))
                .isEqualTo("Problems");
        assertThat(FxTestSupport.onFx(() -> ((javafx.scene.control.Labeled) amber.get(0)).getTextFill()))
                .isEqualTo(javafx.scene.paint.Color.web("#b26a00"));
        assertThat(FxTestSupport.onFx(() -> table.lookupAll(".table-row-cell").stream()
                .filter(n -> n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("problems")))
                .count())).isEqualTo(1);
        javafx.scene.layout.Region amberRow = FxTestSupport.onFx(() -> (javafx.scene.layout.Region) table
                .lookupAll(".table-row-cell").stream()
                .filter(n -> n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("problems")))
                .findFirst().orElseThrow());
        assertThat(FxTestSupport.onFx(() -> amberRow.getBackground().getFills().get(0).getFill()))
                .isEqualTo(javafx.scene.paint.Color.web("#fff3d6"));
    }

    @Test
    void emptyQueueShowsTheDropHintAndCannotStart() throws Exception {
        Button start = FxTestSupport.onFx(() -> (Button) stage.getScene().lookup("#start"));
        assertThat(FxTestSupport.onFx(start::isDisabled)).isTrue();
        assertThat(FxTestSupport.onFx(() -> window.tableView().getPlaceholder().toString())).contains("Drop STL files");
    }
}
