package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.Pulses;

/**
 * Save as template's name prompt leaves nothing animating once it is closed: its text field has the focus
 * while the name is typed, and its caret went on blinking after the prompt closed, which kept JavaFX pulsing
 * every scene, the queue window's too, 60 times a second for the rest of the run.
 */
class TemplateNameDialogQuietTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.closeAllWindows();
    }

    @Test
    void okWithEnterLeavesNoCaretBlinking() throws Exception {
        assertThat(typeAndClose(KeyCode.ENTER)).isEqualTo("Night look");
    }

    @Test
    void cancelWithEscapeLeavesNoCaretBlinking() throws Exception {
        assertThat(typeAndClose(KeyCode.ESCAPE)).isNull();
    }

    /**
     * Opens the prompt over a stand-in queue window, types a name, closes the prompt with {@code key} and
     * checks that the pulses stop; the prompt's result.
     */
    private static String typeAndClose(KeyCode key) throws Exception {
        FxTestSupport.closeAllWindows();
        Pulses pulses = Pulses.open();
        TextInputDialog ask = FxTestSupport.onFx(() -> {
            TextInputDialog d = MainWindow.templateNameDialog(pulses.main);
            d.show();
            return d;
        });
        assertThat(FxTestSupport.await(() -> ask.getEditor().isFocused(), 5)).isTrue();
        FxTestSupport.onFx(() -> {
            for (char c : "Night look".toCharArray()) {
                ask.getEditor().fireEvent(new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(c), "", KeyCode.UNDEFINED,
                        false, false, false, false));
            }
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> ask.getEditor().getText())).isEqualTo("Night look");
        assertThat(pulses.busySecond(5_000)).as("pulses a second with the caret blinking").isGreaterThan(Pulses.BUSY);

        FxTestSupport.onFx(() -> {
            ask.getEditor().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key, false, false, false, false));
            return null;
        });
        assertThat(FxTestSupport.await(() -> !ask.isShowing(), 5)).isTrue();
        assertThat(pulses.quietSecond(5_000)).as("pulses a second after the prompt closed")
                .isLessThanOrEqualTo(Pulses.QUIET);
        return FxTestSupport.onFx(ask::getResult);
    }
}
