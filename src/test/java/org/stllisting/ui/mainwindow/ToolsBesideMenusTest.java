package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Button;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.ui.FxTestSupport;

/** The buttons that open other windows sit beside the menus and never push Start, Pause or Stop out of view. */
class ToolsBesideMenusTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @Test
    void withEveryToolAddedTheQueueControlsStayInTheToolbarAtTheDefaultWidth() throws Exception {
        try (QueueWindowFixture f = new QueueWindowFixture(tmp, "Quick Preview", 1100, 720)) {
            FxTestSupport.onFx(() -> {
                for (String name : new String[] {"History…", "Settings…", "Storage…"}) {
                    Button b = new Button(name);
                    b.setId("tool-" + name.substring(0, 3));
                    f.window.addTool(b);
                }
                f.stage.getScene().getRoot().applyCss();
                f.stage.getScene().getRoot().layout();
                return null;
            });
            for (String id : new String[] {"#start", "#pause", "#stop", "#tool-His", "#tool-Set", "#tool-Sto"}) {
                Node n = FxTestSupport.onFx(() -> f.stage.getScene().lookup(id));
                assertThat(n).as(id + " is on screen").isNotNull();
                assertThat(FxTestSupport.onFx(n::isVisible)).as(id).isTrue();
            }
            Node row = FxTestSupport.onFx(() -> f.stage.getScene().lookup("#menu-row"));
            assertThat(FxTestSupport.onFx(() -> f.stage.getScene().lookup("#tool-Sto").getParent())).isSameAs(row);
        }
    }
}
