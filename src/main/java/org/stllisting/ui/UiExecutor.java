package org.stllisting.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the window's commands run: file, database and runner calls never happen on the UI thread. One
 * named background thread keeps the user's commands in the order they were given; failures are logged and
 * handed to an error callback on the UI thread as one line.
 */
public final class UiExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UiExecutor.class);

    /** A command that may fail with any exception. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws Exception;
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ui-commands");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<String> onError;

    public UiExecutor(Consumer<String> onError) {
        this.onError = onError;
    }

    /**
     * Runs {@code task} in the background and, when it succeeds, {@code then} on the UI thread. After
     * {@link #close} (the window is closing) nothing more is started: a view still asking for work is ignored.
     */
    public <T> void submit(String what, Task<T> task, Consumer<T> then) {
        if (executor.isShutdown()) {
            LOG.debug("{}: not started, the window is closing", what);
            return;
        }
        try {
            executor.execute(() -> work(what, task, then));
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: not started, the window is closing", what);
        }
    }

    private <T> void work(String what, Task<T> task, Consumer<T> then) {
        try {
            T result = task.run();
            if (then != null) {
                FxEventBridge.onFx(() -> then.accept(result));
            }
        } catch (Exception | Error e) {
            LOG.error("{} failed", what, e);
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            FxEventBridge.onFx(() -> onError.accept(what + ": " + msg.lines().findFirst().orElse(msg)));
        }
    }

    /** A command with no result. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    public void run(String what, Action action) {
        submit(what, () -> {
            action.run();
            return null;
        }, null);
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
