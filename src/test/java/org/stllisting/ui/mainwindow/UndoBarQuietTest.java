package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.ui.FxTestSupport;

/**
 * The undo bar that follows a removal goes after its ten seconds without making the window redraw meanwhile:
 * its timer was a JavaFX animation, and while any animation runs JavaFX pulses every scene 60 times a second.
 */
class UndoBarQuietTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @AfterEach
    void close() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void theUndoBarLeavesAfterItsTimeWithTheToolkitQuietMeanwhile() throws Exception {
        FxTestSupport.closeAllWindows();
        f = new QueueWindowFixture(tmp, "quick_preview", 1100, 600);
        Path a = Files.createDirectories(tmp.resolve("models")).resolve("a.stl");
        Path b = tmp.resolve("models/b.stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), a);
        StlWriter.writeBinary(MeshGenerators.box(12, 10, 10), b);
        FxTestSupport.onFx(() -> {
            f.model.add(List.of(a, b));
            return null;
        });
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == 2, 20)).isTrue();
        AtomicInteger pulses = new AtomicInteger();
        FxTestSupport.onFx(() -> {
            f.stage.getScene().addPostLayoutPulseListener(pulses::incrementAndGet);
            f.window.tableView().getSelectionModel().clearAndSelect(1);
            f.window.tableView().fireEvent(new javafx.scene.input.KeyEvent(
                    javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", javafx.scene.input.KeyCode.DELETE, false, false,
                    false, false));
            return null;
        });
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == 1, 20)).isTrue();
        long shownAt = System.nanoTime();
        assertThat(FxTestSupport.onFx(() -> f.stage.getScene().lookup("#undo-bar").isVisible())).isTrue();

        // what the removal changed is drawn; then, for the rest of the bar's time, next to nothing
        Thread.sleep(2_000);
        int least = Integer.MAX_VALUE;
        for (int second = 0; second < 4; second++) {
            pulses.set(0);
            Thread.sleep(1_000);
            least = Math.min(least, pulses.get());
        }
        assertThat(least).as("pulses in the quietest second while the undo bar shows (an animation asks 60)")
                .isLessThanOrEqualTo(5);
        assertThat(FxTestSupport.onFx(() -> f.stage.getScene().lookup("#undo-bar").isVisible()))
                .as("still offered before its time").isTrue();

        long left = (long) MainWindow.UNDO_TIME.toMillis() - (System.nanoTime() - shownAt) / 1_000_000;
        assertThat(FxTestSupport.await(() -> !f.stage.getScene().lookup("#undo-bar").isVisible(),
                (int) Math.max(1, left / 1000 + 5))).as("the bar goes after its time").isTrue();
        assertThat(FxTestSupport.onFx(() -> f.model.undoProperty().get())).isNull();
    }
}
