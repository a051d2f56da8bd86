package org.stllisting.ui;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * Counts the toolkit's pulses through a stand-in for the queue window: JavaFX pulses every scene while any
 * animation runs (a blinking caret, an indeterminate bar), so a window that shows nothing new still counts 60
 * pulses a second while something anywhere animates, and a handful when nothing does.
 */
public final class Pulses {
    private final AtomicInteger pulses = new AtomicInteger();
    /** The stand-in queue window; the owner of the windows under test. */
    public final Stage main;

    private Pulses(Stage main) {
        this.main = main;
    }

    /**
     * Shows the stand-in window (close the others first: their animations would count too) once the toolkit is
     * quiet: what an earlier test in this JVM left animating for a while (a tooltip's timers, say) is waited out,
     * for up to 15 s, so that what is counted is the test's own; a toolkit that never goes quiet fails here, with
     * that said.
     */
    public static Pulses open() throws InterruptedException {
        Pulses p = show();
        int before = p.quietSecond(15_000);
        if (before > QUIET) {
            throw new AssertionError("the toolkit still pulses " + before + " times a second before the test: an"
                    + " animation an earlier test left running");
        }
        return p;
    }

    private static Pulses show() throws InterruptedException {
        Pulses[] made = new Pulses[1];
        FxTestSupport.onFx(() -> {
            Stage s = new Stage();
            made[0] = new Pulses(s);
            Scene scene = new Scene(new Label("the queue"), 300, 200);
            scene.addPostLayoutPulseListener(made[0].pulses::incrementAndGet);
            s.setScene(scene);
            s.show();
            return null;
        });
        return made[0];
    }

    /** The pulses counted over {@code millis}, from now. */
    private int over(long millis) throws InterruptedException {
        pulses.set(0);
        Thread.sleep(millis);
        return pulses.get();
    }

    /**
     * The pulses of a second with nothing animating (at most {@link #QUIET}): the first such of the seconds
     * counted one after another for up to {@code withinMillis}, else the last second's count. A loaded machine
     * may draw what a closed window left for a while; an animation never stops pulsing.
     */
    public int quietSecond(long withinMillis) throws InterruptedException {
        return firstSecond(n -> n <= QUIET, withinMillis);
    }

    /** As {@link #quietSecond}, a second of more than {@link #BUSY} pulses: something animates. */
    public int busySecond(long withinMillis) throws InterruptedException {
        return firstSecond(n -> n > BUSY, withinMillis);
    }

    /** At most this many pulses a second: nothing animates (an animation asks for 60). */
    public static final int QUIET = 5;
    /** More than this many pulses a second: something animates, on a machine loaded enough to draw slowly. */
    public static final int BUSY = 10;

    private int firstSecond(java.util.function.IntPredicate wanted, long withinMillis) throws InterruptedException {
        long end = System.nanoTime() + withinMillis * 1_000_000;
        int n;
        do {
            n = over(1_000);
        } while (!wanted.test(n) && System.nanoTime() < end);
        return n;
    }
}
