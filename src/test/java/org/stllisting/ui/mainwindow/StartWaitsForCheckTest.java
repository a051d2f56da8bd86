package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.control.Button;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.ui.FxTestSupport;

/**
 * While the launch checks the last session, Start waits: the check's picture of the queue replaces the table's
 * when it is done, and a run started meanwhile would be shown as not running.
 */
class StartWaitsForCheckTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        f = new QueueWindowFixture(tmp, "quick_preview", 1000, 600);
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void startIsOffWhileTheLastSessionIsCheckedAndOnAfter() throws Exception {
        Path cube = tmp.resolve("cube.stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), cube);
        FxTestSupport.onFx(() -> {
            f.model.add(java.util.List.of(cube));
            return null;
        });
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == 1, 20)).isTrue();
        Button start = FxTestSupport.onFx(() -> (Button) f.stage.getScene().lookup("#start"));
        assertThat(FxTestSupport.onFx(start::isDisabled)).isFalse();

        FxTestSupport.onFx(() -> {
            f.model.checkingProperty().set(true);
            return null;
        });
        assertThat(FxTestSupport.onFx(start::isDisabled)).as("while checking").isTrue();

        FxTestSupport.onFx(() -> {
            f.model.checkingProperty().set(false);
            return null;
        });
        assertThat(FxTestSupport.onFx(start::isDisabled)).isFalse();
    }
}
