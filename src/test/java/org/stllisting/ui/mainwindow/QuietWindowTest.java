package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;

/**
 * A window with nothing to show anew asks JavaFX for no frames: each pulse waits for the previous frame to be
 * drawn, so a window that pulses without cause keeps the UI thread busy (in software, tens of milliseconds
 * each).
 */
class QuietWindowTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @AfterEach
    void close() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aShownWindowWithARunningJobPulsesForItsChangesOnlyNotSixtyTimesASecond() throws Exception {
        // a window an earlier test in this JVM left open (an indeterminate bar, say) would pulse this scene too
        FxTestSupport.closeAllWindows();
        f = new QueueWindowFixture(tmp, "quick_preview", 1000, 600);
        AtomicInteger pulses = new AtomicInteger();
        FxTestSupport.onFx(() -> {
            f.stage.getScene().addPostLayoutPulseListener(pulses::incrementAndGet);
            return null;
        });
        // pulses are the toolkit's, for every scene: an animation an earlier test in this JVM left running (an
        // undo bar's 10 s timer, say) pulses this scene too; wait, at most 15 s, for the toolkit to go quiet
        long quietBy = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < quietBy) {
            int before = pulses.get();
            Thread.sleep(500);
            if (pulses.get() - before <= 5) {
                break;
            }
        }
        f.show(Rows.view("running", JobState.RUNNING, 40, null, "render", 5.0), Rows.view("waiting",
                JobState.PENDING, 0, null, null, null));
        pulses.set(0);
        long start = System.nanoTime();
        Thread.sleep(2_000);
        int seen = pulses.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        // the running job's duration changes once a second: a few pulses, where an animation asks for 60 a second
        assertThat(seen).as("pulses in %.1f s", seconds).isLessThanOrEqualTo((int) (seconds * 10));
        // and the duration still goes on
        JobRow row = FxTestSupport.onFx(() -> f.model.row("running"));
        assertThat(FxTestSupport.await(() -> !row.durationProperty().get().equals("5 s"), 5)).isTrue();
    }
}
