package org.stllisting.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.jobs.runner.RunnerListener;

/**
 * The one threading boundary between the engine and the window: runner events arrive on the runner's
 * dispatcher thread and are re-posted, in order, on the JavaFX application thread. Bursts (progress events
 * from several jobs) are batched into one {@code runLater} so the UI thread is never flooded, and batches
 * are handed over at most every {@link #INTERVAL_MS} ms: each batch changes rows, and each change costs the
 * window a layout and a frame, so the runner's pace (a progress event per rendered picture of each running
 * job) never sets the window's. The first event after a quiet spell is handed over at once.
 *
 * <p>No other class of the window calls {@link Platform#runLater}; background work reports back through
 * {@link #onFx(Runnable)}.
 */
public final class FxEventBridge implements RunnerListener {
    /** The shortest time between two batches handed to the window. */
    static final long INTERVAL_MS = 100;
    /** Holds a batch back until {@link #INTERVAL_MS} has passed since the last one. */
    private static final java.util.concurrent.ScheduledExecutorService LATER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ui-event-pacer");
                t.setDaemon(true);
                return t;
            });
    private final Consumer<List<RunnerEvent>> target;
    private final Object lock = new Object();
    private List<RunnerEvent> pending = new ArrayList<>();
    private boolean scheduled;
    /** When the last batch was handed over (System.nanoTime), guarded by lock. */
    private long lastDelivery = System.nanoTime() - INTERVAL_MS * 1_000_000;

    /** Hands every event to {@code target}, one at a time. */
    public FxEventBridge(Consumer<RunnerEvent> target) {
        this(batch -> batch.forEach(target), true);
    }

    /** {@code batched} only tells this constructor from the public one. */
    private FxEventBridge(Consumer<List<RunnerEvent>> target, boolean batched) {
        this.target = target;
    }

    /** Hands the events to {@code target} a batch at a time (all that arrived since the last delivery). */
    public static FxEventBridge batched(Consumer<List<RunnerEvent>> target) {
        return new FxEventBridge(target, true);
    }

    @Override
    public void onEvent(RunnerEvent event) {
        long wait;
        synchronized (lock) {
            pending.add(event);
            if (scheduled) {
                return;
            }
            scheduled = true;
            wait = lastDelivery + INTERVAL_MS * 1_000_000 - System.nanoTime();
        }
        if (wait <= 0) {
            onFx(this::deliver);
        } else {
            LATER.schedule(() -> onFx(this::deliver), wait, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private void deliver() {
        List<RunnerEvent> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
            lastDelivery = System.nanoTime();
        }
        target.accept(batch);
    }

    /** Runs {@code r} on the JavaFX application thread (at once when already on it). */
    public static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
