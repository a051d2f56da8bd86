package org.stllisting.ui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The windows' timers, on one daemon thread that hands each task to the UI thread. Not JavaFX animations (a
 * {@code PauseTransition}, a {@code Timeline}): while any animation runs, JavaFX pulses every scene 60 times a
 * second, and each pulse waits for the last frame to be drawn (tens of milliseconds in software), so a timer
 * that fires once in ten seconds kept the UI thread and the renderer busy the whole time.
 */
public final class UiClock {
    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ui-clock");
        t.setDaemon(true);
        return t;
    });

    private UiClock() {
    }

    /** Runs {@code onFx} on the UI thread once, after {@code millis}; cancel the result to call it off. */
    public static ScheduledFuture<?> after(long millis, Runnable onFx) {
        return CLOCK.schedule(() -> FxEventBridge.onFx(onFx), Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code onFx} on the UI thread every {@code millis}, the first time after {@code millis}. */
    public static ScheduledFuture<?> every(long millis, Runnable onFx) {
        return CLOCK.scheduleAtFixedRate(() -> FxEventBridge.onFx(onFx), millis, millis, TimeUnit.MILLISECONDS);
    }
}
