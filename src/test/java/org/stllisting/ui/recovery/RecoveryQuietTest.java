package org.stllisting.ui.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.Pulses;

/**
 * The recovery windows' bars animate only while their work runs: an indeterminate bar left animating, in the
 * dialog that stays after a failed Discard or in a closed window, keeps JavaFX pulsing every scene, the queue
 * window's too, 60 times a second for the rest of the run.
 */
class RecoveryQuietTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.closeAllWindows();
    }

    @Test
    void aFailedDiscardStopsItsBarAndTheClosedDialogLeavesNothingAnimating() throws Exception {
        FxTestSupport.closeAllWindows();
        Pulses pulses = Pulses.open();
        AtomicReference<Consumer<String>> failed = new AtomicReference<>();
        Dialog<RecoveryDialog.Choice> d = FxTestSupport.onFx(() -> {
            Dialog<RecoveryDialog.Choice> dialog = RecoveryDialog.create(RecoveryProgressTest.REPORT, 7, pulses.main,
                    (whenDone, whenFailed) -> failed.set(whenFailed));
            dialog.show();
            ((Button) dialog.getDialogPane().lookupButton(RecoveryDialog.DISCARD)).fire();
            return dialog;
        });
        // the indeterminate bar animates while the queue is archived
        assertThat(pulses.busySecond(5_000)).as("pulses a second while Discard's work runs")
                .isGreaterThan(Pulses.BUSY);

        FxTestSupport.onFx(() -> {
            failed.get().accept("/home/u/.stl-listing/sessions: Permission denied");
            return null;
        });
        assertThat(FxTestSupport.onFx(d::isShowing)).isTrue();
        assertThat(pulses.quietSecond(5_000)).as("pulses a second after the work failed, the dialog shown")
                .isLessThanOrEqualTo(Pulses.QUIET);

        FxTestSupport.onFx(() -> {
            d.getDialogPane().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ESCAPE, false, false, false,
                    false));
            return null;
        });
        assertThat(FxTestSupport.await(() -> !d.isShowing(), 5)).isTrue();
        assertThat(FxTestSupport.onFx(d::getResult).action()).isEqualTo(RecoveryDialog.Action.LATER);
        assertThat(pulses.quietSecond(5_000)).as("pulses a second after the dialog closed")
                .isLessThanOrEqualTo(Pulses.QUIET);
    }

    @Test
    void theCheckingWindowClosedRightAfterItsLastProgressLeavesNothingAnimating() throws Exception {
        FxTestSupport.closeAllWindows();
        Pulses pulses = Pulses.open();
        RecoveryDialog.Checking checking = FxTestSupport.onFx(() -> RecoveryDialog.checking(pulses.main, 0));
        assertThat(FxTestSupport.await(checking::isShowing, 5)).isTrue();
        assertThat(pulses.busySecond(5_000)).as("pulses a second while the bar is indeterminate")
                .isGreaterThan(Pulses.BUSY);

        // as on launch: the check's last progress reaches the window, and the check's end closes it at once
        FxTestSupport.onFx(() -> {
            checking.setProgress(1);
            checking.close();
            return null;
        });
        assertThat(pulses.quietSecond(5_000)).as("pulses a second after the checking window closed")
                .isLessThanOrEqualTo(Pulses.QUIET);
    }
}
