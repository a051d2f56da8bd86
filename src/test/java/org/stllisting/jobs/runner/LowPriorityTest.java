package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.StepSet;
import org.stllisting.store.history.HistoryStore;

/**
 * Jobs the window runs yield the processor to it: their worker threads, the threads those start and the
 * processes they start (the video encoder) run at nice {@link LowPriority#NICE}; everything else stays at 0.
 */
class LowPriorityTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void linuxOnly() {
        assumeTrue(LowPriority.currentNice() != null, "nice values are read from /proc (Linux)");
        assumeTrue(LowPriority.currentNice() < LowPriority.NICE, "the test JVM itself runs at normal priority");
    }

    @Test
    void aLoweredThreadAndTheThreadsAndProcessesItStartsRunAtTheLowPriority() throws Exception {
        AtomicReference<Integer> self = new AtomicReference<>();
        AtomicReference<Integer> child = new AtomicReference<>();
        AtomicReference<String> process = new AtomicReference<>();
        Integer before = LowPriority.currentNice();
        Thread t = new Thread(() -> {
            assertThat(LowPriority.lowerCurrentThread()).isTrue();
            self.set(LowPriority.currentNice());
            Thread c = new Thread(() -> child.set(LowPriority.currentNice()));
            c.start();
            try {
                c.join();
                // field 19 of a process's stat is its nice value
                Process p = new ProcessBuilder("sh", "-c", "cut -d' ' -f19 /proc/self/stat").start();
                process.set(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
                p.waitFor();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        t.join();
        assertThat(self.get()).isEqualTo(LowPriority.NICE);
        assertThat(child.get()).isEqualTo(LowPriority.NICE);
        assertThat(process.get()).isEqualTo(Integer.toString(LowPriority.NICE));
        // the nice value is the thread's own: the caller is untouched
        assertThat(LowPriority.currentNice()).isEqualTo(before);
    }

    @Test
    void aRunnerConfiguredForLowPriorityRunsEveryStepLowAndItsEventsAtNormalPriority() throws Exception {
        assertThat(nicesSeen(true)).isNotEmpty().allMatch(n -> n == LowPriority.NICE);
        assertThat(nicesSeen(false)).isNotEmpty().allMatch(n -> n < LowPriority.NICE);
    }

    /** The nice value every step of two jobs ran at, and (last) the runner's event thread. */
    private List<Integer> nicesSeen(boolean low) throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        StepSet files = RunnerFixture.writing(Map.of());
        StepSet recording = kind -> ctx -> {
            seen.add(LowPriority.currentNice());
            files.step(kind).run(ctx);
        };
        Path dir = tmp.resolve(low ? "low" : "normal");
        try (RunnerFixture f = new RunnerFixture(dir, recording, RunnerFixture.settings(),
                HistoryStore.DEFAULT_BUSY_TIMEOUT, c -> c.withLowPriority(low))) {
            List<Integer> events = new CopyOnWriteArrayList<>();
            f.runner.addListener(e -> events.add(LowPriority.currentNice()));
            f.runner.add(f.sources("a.stl", "b.stl"), null, null, null);
            f.runner.start();
            f.finish();
            assertThat(seen).hasSize(10);
            assertThat(events).isNotEmpty().allMatch(n -> n < LowPriority.NICE);
        }
        return seen;
    }
}
