package org.stllisting.ui;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Starts the JavaFX toolkit once (headless under Monocle in the test run) and runs code on its thread. */
public final class FxToolkit {
    private static boolean started;

    private FxToolkit() {
    }

    public static synchronized void start() throws InterruptedException {
        if (started) {
            return;
        }
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException alreadyRunning) {
            up.countDown();
        }
        Platform.setImplicitExit(false);
        up.await(30, TimeUnit.SECONDS);
        started = true;
    }

    /** Runs {@code s} on the FX thread and returns its result. */
    public static <T> T onFx(Supplier<T> s) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(s.get());
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the FX thread did not answer in 30 s");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /** Polls {@code condition} on the FX thread until it holds; false after {@code seconds}. */
    public static boolean await(BooleanSupplier condition, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            if (onFx(condition::getAsBoolean)) {
                return true;
            }
            Thread.sleep(25);
        }
        return false;
    }
}
