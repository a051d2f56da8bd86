package org.stllisting.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The launch asks JavaFX to draw regions directly, unless the user said otherwise. */
class RegionDrawingTest {
    private static final String KEY = "prism.disableRegionCaching";
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(KEY);
        System.clearProperty(KEY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(KEY);
        } else {
            System.setProperty(KEY, before);
        }
    }

    @Test
    void regionsAreDrawnDirectlyByDefault() {
        GuiLauncher.drawRegionsDirectly();
        assertThat(System.getProperty(KEY)).isEqualTo("true");
    }

    @Test
    void theUsersOwnChoiceIsKept() {
        System.setProperty(KEY, "false");
        GuiLauncher.drawRegionsDirectly();
        assertThat(System.getProperty(KEY)).isEqualTo("false");
    }
}
