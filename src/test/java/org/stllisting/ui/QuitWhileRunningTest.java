package org.stllisting.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window application on a real home, headless: closed while jobs run, it asks; "Stop now" closes
 * it with the work kept, and the next launch offers to resume, in the size and place the window was left.
 */
class QuitWhileRunningTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    private static Stage stage() {
        return FxToolkit.toolkitContext().getRegisteredStage();
    }

    /** The dialog pane of a shown window whose pane has this id, or null. */
    private static DialogPane shownDialog(String idOrTitle) {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane p
                    && (idOrTitle.equals(p.getId()) || w instanceof Stage s && idOrTitle.equals(s.getTitle()))) {
                return p;
            }
        }
        return null;
    }

    private static Button button(DialogPane pane, String text) {
        for (Node n : pane.lookupAll(".button")) {
            if (n instanceof Button b && text.equals(b.getText())) {
                return b;
            }
        }
        throw new AssertionError("no button " + text);
    }

    @Test
    void closingWhileJobsRunAsksAndTheNextLaunchOffersToResume() throws Exception {
        Path home = tmp.resolve("home");
        Path models = Files.createDirectories(tmp.resolve("models"));
        StlWriter.writeBinary(MeshGenerators.cylinder(8, 20, 96), models.resolve("peg.stl"));
        StlWriter.writeBinary(MeshGenerators.box(20, 10, 30), models.resolve("block.stl"));

        AppContext ctx = AppContext.exclusive(Home.at(home));
        ctx.config().update(c -> {
            c.window = new ConfigStore.Window();
            c.window.x = 30;
            c.window.y = 40;
            c.window.width = 1200;
            c.window.height = 650;
        });
        QueueRunner runner = ctx.session("gui").runner();
        runner.updateSettings(runner.settings().withOutputFolder(tmp.resolve("out")).withMaxConcurrentJobs(1));
        runner.add(List.of(models.resolve("peg.stl"), models.resolve("block.stl")), "complete_processing", null,
                null);
        StlListingApp.handOver(ctx);
        StlListingApp first = (StlListingApp) FxToolkit.setupApplication(StlListingApp::new);
        try {
            assertThat(FxTestSupport.onFx(() -> stage().getWidth())).isEqualTo(1200);
            // as a user can: Start waits for the launch's check of the last session
            assertThat(FxTestSupport.await(() -> !first.checking(), 60)).isTrue();
            runner.start();
            assertThat(FxTestSupport.await(() -> runner.view().jobs().stream()
                    .anyMatch(j -> j.lastCompletedStep() != null), 60)).isTrue();

            WaitForAsyncUtils.asyncFx(() -> stage().fireEvent(new WindowEvent(stage(),
                    WindowEvent.WINDOW_CLOSE_REQUEST)));
            assertThat(FxTestSupport.await(() -> shownDialog("close-dialog") != null, 20)).isTrue();
            FxTestSupport.onFx(() -> {
                button(shownDialog("close-dialog"), "Stop now and close").fire();
                return null;
            });
            assertThat(FxTestSupport.await(() -> !stage().isShowing(), 30)).as("the window closed").isTrue();
        } finally {
            FxToolkit.cleanupApplication(first);
        }

        AppContext again = AppContext.exclusive(Home.at(home));
        RecoveryReport report = again.session("gui").recover().report();
        // stopped cleanly, so not "interrupted": before, only an interrupted session was offered
        assertThat(report.interrupted()).isFalse();
        assertThat(report.unfinished()).isEqualTo(2);
        assertThat(StlListingApp.offersResume(report)).isTrue();

        StlListingApp.handOver(again);
        StlListingApp second = (StlListingApp) FxToolkit.setupApplication(StlListingApp::new);
        try {
            assertThat(FxTestSupport.await(() -> shownDialog("Resume the last session?") != null, 30))
                    .as("the recovery dialog is offered").isTrue();
            // the jobs' template by its name, though the queue itself was given none (it said "no template")
            assertThat(FxTestSupport.onFx(() -> shownDialog("Resume the last session?").getHeaderText()))
                    .contains("— template Complete Processing");
            FxTestSupport.onFx(() -> {
                button(shownDialog("Resume the last session?"), "Later").fire();
                return null;
            });
            assertThat(FxTestSupport.onFx(() -> stage().getWidth())).isEqualTo(1200);
            assertThat(FxTestSupport.onFx(() -> stage().getHeight())).isEqualTo(650);
            FxTestSupport.onFx(() -> {
                stage().close();
                return null;
            });
        } finally {
            FxToolkit.cleanupApplication(second);
        }
    }

    @Test
    void ctrlQClosesAnIdleWindowAndKeepsItsSize() throws Exception {
        AppContext ctx = AppContext.exclusive(Home.at(tmp.resolve("home")));
        StlListingApp.handOver(ctx);
        StlListingApp app = (StlListingApp) FxToolkit.setupApplication(StlListingApp::new);
        try {
            assertThat(FxTestSupport.await(() -> stage().isShowing(), 20)).isTrue();
            FxTestSupport.onFx(() -> {
                stage().setWidth(1234);
                stage().getScene().getRoot().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.Q, false,
                        true, false, false));
                return null;
            });
            assertThat(FxTestSupport.await(() -> !stage().isShowing(), 20)).as("Ctrl+Q closed the window").isTrue();
        } finally {
            FxToolkit.cleanupApplication(app);
        }
        try (AppContext again = AppContext.exclusive(Home.at(tmp.resolve("home")))) {
            assertThat(again.config().load().window.width).isEqualTo(1234);
        }
    }
}
