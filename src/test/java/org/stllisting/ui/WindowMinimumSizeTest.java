package org.stllisting.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.testfx.api.FxToolkit;

/**
 * The queue window cannot be made narrower than its layout needs: the table's columns at their minimum
 * widths and the detail pane at its own. Narrower, the pane was squeezed and cut off at the window's edge
 * (below about 1,010 px) and Start left the toolbar.
 */
class WindowMinimumSizeTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    private static Stage stage() {
        return FxToolkit.toolkitContext().getRegisteredStage();
    }

    @Test
    void theWindowIsNeverNarrowerThanTheTableAndTheDetailPaneNeed() throws Exception {
        AppContext ctx = AppContext.exclusive(Home.at(tmp.resolve("home")));
        StlListingApp.handOver(ctx);
        StlListingApp app = (StlListingApp) FxToolkit.setupApplication(StlListingApp::new);
        try {
            assertThat(FxTestSupport.await(() -> stage().isShowing() && !app.checking(), 30)).isTrue();
            double[] sizes = FxTestSupport.onFx(() -> {
                Parent root = stage().getScene().getRoot();
                root.applyCss();
                return new double[] {stage().getMinWidth(), root.minWidth(-1), stage().getMinHeight()};
            });
            assertThat(sizes[1]).as("the layout's minimum width").isGreaterThan(900);
            assertThat(sizes[0]).as("the window's minimum width").isGreaterThanOrEqualTo(sizes[1]);
            assertThat(sizes[2]).as("the window's minimum height").isGreaterThanOrEqualTo(WindowPlacement.MIN_HEIGHT);

            // a user drags the window's edge to 800 px: the window stops at its minimum, the pane keeps its own
            FxTestSupport.onFx(() -> {
                stage().setWidth(800);
                return null;
            });
            double[] after = FxTestSupport.onFx(() -> {
                Parent root = stage().getScene().getRoot();
                root.layout();
                Node pane = stage().getScene().lookup("#job-detail");
                Node start = stage().getScene().lookup("#start");
                return new double[] {stage().getScene().getWidth(), pane.getLayoutBounds().getWidth(),
                        pane instanceof javafx.scene.layout.Region r ? r.getMinWidth() : 0,
                        start.localToScene(start.getLayoutBounds()).getMaxX()};
            });
            assertThat(after[0]).as("the scene's width").isGreaterThanOrEqualTo(sizes[1]);
            assertThat(after[1]).as("the detail pane's width").isGreaterThanOrEqualTo(after[2]);
            assertThat(after[3]).as("Start stays inside the window").isLessThanOrEqualTo(after[0]);
            FxTestSupport.onFx(() -> {
                stage().close();
                return null;
            });
        } finally {
            FxToolkit.cleanupApplication(app);
        }
    }

    @Test
    void aSavedSizeBelowTheLayoutsMinimumIsRaisedToItWithinTheScreen() {
        Rectangle2D laptop = new Rectangle2D(0, 0, 1600, 972);
        ConfigStore.Window saved = new ConfigStore.Window();
        saved.x = 100;
        saved.y = 50;
        saved.width = 900;
        saved.height = 600;
        assertThat(WindowPlacement.place(saved, List.of(laptop), 1012, 430))
                .isEqualTo(new Rectangle2D(100, 50, 1012, 600));
        // a screen narrower than the minimum: the whole screen, never more
        Rectangle2D small = new Rectangle2D(0, 0, 960, 600);
        assertThat(WindowPlacement.place(saved, List.of(small), 1012, 430))
                .isEqualTo(new Rectangle2D(0, 0, 960, 600));
        // a size lost under a window manager (200×200) still opens at the first launch's size
        saved.width = 200;
        saved.height = 200;
        assertThat(WindowPlacement.place(saved, List.of(laptop), 1012, 430))
                .isEqualTo(new Rectangle2D(250, 126, 1100, 720));
    }
}
