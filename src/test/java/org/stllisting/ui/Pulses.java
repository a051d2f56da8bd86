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

    /** Shows the stand-in window (close the others first: their animations would count too). */
    public static Pulses open() throws InterruptedException {
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
    public int over(long millis) throws InterruptedException {
        pulses.set(0);
        Thread.sleep(millis);
        return pulses.get();
    }

    /** The pulses counted in a second, after {@code settleMillis} for what closes or stops to be drawn. */
    public int aSecondAfter(long settleMillis) throws InterruptedException {
        Thread.sleep(settleMillis);
        return over(1_000);
    }
}
