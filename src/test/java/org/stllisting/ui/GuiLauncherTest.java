package org.stllisting.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuiLauncherTest {
    @Test
    void missingGtkNamesThePackageAndTheCommandLine() {
        // the message JavaFX's glass toolkit gives on a system without GTK 3
        String line = GuiLauncher.whyNoWindow(new RuntimeException("Unable to load glass GTK library."));
        assertThat(line).startsWith("stl-listing: ").contains("GTK 3").contains("apt-get install libgtk-3-0")
                .contains("Unable to load glass GTK library.").contains("stl-listing --help").doesNotContain("\n");
    }

    @Test
    void otherFailuresSayTheWindowCouldNotOpenAndWhy() {
        assertThat(GuiLauncher.whyNoWindow(new IllegalStateException("Toolkit already exited")))
                .isEqualTo("stl-listing: cannot open the window: Toolkit already exited");
        assertThat(GuiLauncher.whyNoWindow(new IllegalStateException()))
                .isEqualTo("stl-listing: cannot open the window: IllegalStateException");
    }
}
