package org.stllisting.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stllisting.jobs.runner.RunnerEvent;

/** The bridge hands the window the runner's events in order, all of them, in batches at a bounded pace. */
class FxEventBridgePaceTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @Test
    void aStreamOfProgressEventsReachesTheWindowInOrderAtMostOneBatchPerInterval() throws Exception {
        List<List<RunnerEvent>> batches = new ArrayList<>();
        List<Boolean> onFxThread = new ArrayList<>();
        FxEventBridge bridge = FxEventBridge.batched(b -> {
            batches.add(b);
            onFxThread.add(Platform.isFxApplicationThread());
        });
        int events = 300;
        long start = System.nanoTime();
        // as the runner's dispatcher posts progress: one event a millisecond or so, for about 0.4 s
        Thread dispatcher = new Thread(() -> {
            for (int i = 0; i < events; i++) {
                bridge.onEvent(new RunnerEvent.JobProgress(Instant.EPOCH, "j", i, "step " + i, null));
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        dispatcher.start();
        dispatcher.join();
        assertThat(FxTestSupport.await(() -> batches.stream().mapToInt(List::size).sum() == events, 10)).isTrue();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        List<Double> seen = FxTestSupport.onFx(() -> batches.stream().flatMap(List::stream)
                .map(e -> ((RunnerEvent.JobProgress) e).percent()).toList());
        assertThat(seen).hasSize(events).isSorted();
        assertThat(onFxThread).containsOnly(true);
        // the first batch at once, then at most one per interval, however fast the events come
        assertThat(batches.size()).as("batches in %d ms", elapsedMs)
                .isLessThanOrEqualTo((int) (elapsedMs / FxEventBridge.INTERVAL_MS) + 1);
    }
}
