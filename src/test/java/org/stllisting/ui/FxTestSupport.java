package org.stllisting.ui;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window tests' access to JavaFX through TestFX: the toolkit (headless under Monocle in the test run),
 * code run on the FX thread, and waiting for a condition that the UI reaches asynchronously.
 */
public final class FxTestSupport {
    private FxTestSupport() {
    }

    public static void start() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs {@code s} on the FX thread and returns its result. */
    public static <T> T onFx(Supplier<T> s) throws InterruptedException {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer in 30 s", e);
        }
    }

    /** Polls {@code condition} on the FX thread until it holds; false after {@code seconds}. */
    public static boolean await(BooleanSupplier condition, double seconds) {
        try {
            WaitForAsyncUtils.waitFor((long) Math.ceil(seconds), TimeUnit.SECONDS,
                    () -> onFx(condition::getAsBoolean));
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Closes every window the test opened (detail windows, dialogs and the test's own stage). */
    public static void closeAllWindows() throws InterruptedException {
        onFx(() -> {
            for (javafx.stage.Window w : java.util.List.copyOf(javafx.stage.Window.getWindows())) {
                if (w instanceof javafx.stage.Stage s) {
                    // as the program's own windows do when they close: nothing of a test's window goes on
                    // animating (a focused field's caret) into the tests after it
                    OwnedWindow.quietNow(s);
                    s.close();
                }
            }
            return null;
        });
    }
}
