package org.stllisting.ui.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.store.queue.SessionState;
import org.stllisting.ui.FxTestSupport;

/**
 * The recovery dialog while work goes on in the background: a progress bar while the last session is checked,
 * and while Discard archives the queue the dialog stays, its buttons off, with a progress bar, until it is
 * done (or says why it failed and offers its choices again).
 */
class RecoveryProgressTest {
    static final RecoveryReport REPORT = new RecoveryReport("s-1", Instant.parse("2026-11-24T01:00:00Z"),
            Instant.parse("2026-11-24T02:00:00Z"), "complete_processing", SessionState.RUNNING, true, "queue_state.json",
            List.of(), 3, 1, 0, 0,
            List.of(new RecoveryReport.JobItem("j1", "/m/pawn.stl", "pawn", "render", "size_chart", 5, 9, null)),
            List.of(new RecoveryReport.JobItem("j2", "/m/gear.stl", "gear", null, null, 0, 0, null)),
            List.of(), List.of(), List.of());

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.closeAllWindows();
    }

    /** Discard's work as the test drives it: the callbacks it was given. */
    private static final class HeldDiscard implements RecoveryDialog.Discarder {
        final AtomicReference<Runnable> done = new AtomicReference<>();
        final AtomicReference<Consumer<String>> failed = new AtomicReference<>();

        @Override
        public void discard(Runnable whenDone, Consumer<String> whenFailed) {
            done.set(whenDone);
            failed.set(whenFailed);
        }
    }

    private static Button button(Dialog<?> d, javafx.scene.control.ButtonType type) {
        return (Button) d.getDialogPane().lookupButton(type);
    }

    @Test
    void checkingTheLastSessionShowsAnIndeterminateBar() throws Exception {
        RecoveryDialog.Checking checking = FxTestSupport.onFx(() -> RecoveryDialog.checking(null, 0));
        assertThat(FxTestSupport.await(() -> checking.isShowing(), 10)).isTrue();
        ProgressBar bar = FxTestSupport.onFx(() -> (ProgressBar) checking.pane().lookup("#recovery-progress"));
        assertThat(FxTestSupport.onFx(() -> bar.isVisible() && bar.isIndeterminate())).isTrue();
        FxTestSupport.onFx(() -> {
            checking.setProgress(0.25);
            return null;
        });
        assertThat(FxTestSupport.onFx(bar::getProgress)).isEqualTo(0.25);
        FxTestSupport.onFx(() -> {
            checking.close();
            return null;
        });
        assertThat(FxTestSupport.onFx(checking::isShowing)).isFalse();
    }

    @Test
    void aQuickCheckShowsNoWindowAtAll() throws Exception {
        RecoveryDialog.Checking checking = FxTestSupport.onFx(() -> RecoveryDialog.checking(null, 400));
        FxTestSupport.onFx(() -> {
            checking.close();
            return null;
        });
        Thread.sleep(700);
        assertThat(FxTestSupport.onFx(checking::isShowing)).isFalse();
    }

    @Test
    void discardKeepsTheDialogWithABarUntilTheQueueIsArchived() throws Exception {
        HeldDiscard work = new HeldDiscard();
        AtomicReference<RecoveryDialog.Choice> chosen = new AtomicReference<>();
        Dialog<RecoveryDialog.Choice> d = FxTestSupport.onFx(() -> {
            Dialog<RecoveryDialog.Choice> dialog = RecoveryDialog.create(REPORT, 7, null, work);
            dialog.setOnHidden(e -> chosen.set(dialog.getResult()));
            dialog.show();
            button(dialog, RecoveryDialog.DISCARD).fire();
            return dialog;
        });
        assertThat(work.done.get()).as("Discard's work was started").isNotNull();
        assertThat(FxTestSupport.onFx(() -> d.isShowing())).as("the dialog stays while the queue is archived").isTrue();
        assertThat(FxTestSupport.onFx(() -> {
            ProgressBar bar = (ProgressBar) d.getDialogPane().lookup("#recovery-progress");
            return bar.isVisible() && bar.isIndeterminate();
        })).isTrue();
        assertThat(FxTestSupport.onFx(() -> ((Label) d.getDialogPane().lookup("#recovery-progress-text")).getText()))
                .isEqualTo("Archiving the queue (3 jobs)…");
        assertThat(FxTestSupport.onFx(() -> {
            d.getDialogPane().layout();
            javafx.geometry.Bounds b = button(d, RecoveryDialog.RESUME).localToScene(
                    button(d, RecoveryDialog.RESUME).getLayoutBounds());
            return b.getMaxY() <= d.getDialogPane().getScene().getHeight();
        })).as("the bar takes room the dialog had: its buttons stay in the window").isTrue();
        assertThat(FxTestSupport.onFx(() -> button(d, RecoveryDialog.RESUME).isDisabled()
                && button(d, RecoveryDialog.DISCARD).isDisabled() && button(d, RecoveryDialog.LATER).isDisabled()))
                .as("no second choice while the first is carried out").isTrue();

        FxTestSupport.onFx(() -> {
            work.done.get().run();
            return null;
        });
        assertThat(FxTestSupport.await(() -> !d.isShowing(), 10)).isTrue();
        assertThat(chosen.get().action()).isEqualTo(RecoveryDialog.Action.DISCARD);
    }

    @Test
    void aFailedDiscardSaysWhyAndOffersTheChoicesAgain() throws Exception {
        HeldDiscard work = new HeldDiscard();
        Dialog<RecoveryDialog.Choice> d = FxTestSupport.onFx(() -> {
            Dialog<RecoveryDialog.Choice> dialog = RecoveryDialog.create(REPORT, 7, null, work);
            dialog.show();
            button(dialog, RecoveryDialog.DISCARD).fire();
            work.failed.get().accept("/home/u/.stl-listing/sessions: Permission denied");
            return dialog;
        });
        assertThat(FxTestSupport.onFx(() -> d.isShowing())).isTrue();
        assertThat(FxTestSupport.onFx(() -> d.getDialogPane().lookup("#recovery-progress").isVisible())).isFalse();
        assertThat(FxTestSupport.onFx(() -> ((Label) d.getDialogPane().lookup("#recovery-progress-text")).getText()))
                .isEqualTo("Could not discard the queue: /home/u/.stl-listing/sessions: Permission denied");
        assertThat(FxTestSupport.onFx(() -> button(d, RecoveryDialog.DISCARD).isDisabled())).isFalse();
    }
}
