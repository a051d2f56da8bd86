package org.stllisting.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A closed tool window leaves nothing animating: a text field that had the focus (the history's search box)
 * kept its caret blinking after its window closed, and a blinking caret makes JavaFX pulse every scene 60 times
 * a second, the queue window's too, for as long as the program runs.
 */
class OwnedWindowQuietTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.closeAllWindows();
    }

    @Test
    void closingAToolWindowWhoseTextFieldHasTheFocusStopsItsCaret() throws Exception {
        FxTestSupport.closeAllWindows();
        Pulses pulses = Pulses.open();
        TextField search = new TextField();
        Stage tool = FxTestSupport.onFx(() -> {
            Stage s = OwnedWindow.create(pulses.main, "History", new VBox(search), 300, 200, 100, 100);
            s.show();
            search.requestFocus();
            return s;
        });
        // the caret blinks: the toolkit pulses continuously
        assertThat(FxTestSupport.await(() -> search.isFocused(), 5)).isTrue();
        assertThat(pulses.busySecond(5_000)).as("pulses a second with the caret blinking").isGreaterThan(Pulses.BUSY);

        FxTestSupport.onFx(() -> {
            tool.close();
            return null;
        });
        assertThat(pulses.quietSecond(5_000)).as("pulses a second after the tool window closed")
                .isLessThanOrEqualTo(Pulses.QUIET);
    }
}
