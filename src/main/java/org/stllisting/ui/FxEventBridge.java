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
 * from several jobs) are batched into one {@code runLater} so the UI thread is never flooded.
 *
 * <p>No other class of the window calls {@link Platform#runLater}; background work reports back through
 * {@link #onFx(Runnable)}.
 */
public final class FxEventBridge implements RunnerListener {
    private final Consumer<List<RunnerEvent>> target;
    private final Object lock = new Object();
    private List<RunnerEvent> pending = new ArrayList<>();
    private boolean scheduled;

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
        synchronized (lock) {
            pending.add(event);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        onFx(this::deliver);
    }

    private void deliver() {
        List<RunnerEvent> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
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
