package org.stllisting.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.stllisting.app.AppContext;
import org.stllisting.store.Home;
import org.stllisting.store.Json;

/**
 * The measuring half of {@link WindowBench}, in a process of its own started with the window's JVM options
 * (as the launcher starts the window): opens the window on a home with a queue already filled, waits until it
 * is usable, starts the queue, scrolls the table about while two jobs run, and writes what it measured as JSON.
 * Its resident memory is then a window's, not the bench's that filled the queue.
 *
 * <p>Arguments: the home, the number of jobs queued, the result file, and {@code stacks} to sample the UI
 * thread's stack in its long stretches.
 */
public final class WindowBenchProcess {
    /** How long the probe watches the running queue (while the table is scrolled about). */
    static final long WATCH_MS = 20_000;

    /**
     * What one window measured, in nanoseconds: {@code launchNs} from opening the home to the window shown,
     * {@code populatedNs} and {@code usableNs} from the window shown, {@code answeredNs} one round trip to the UI
     * thread once populated; the probe's waits (sorted) while the table fills and while the queue runs.
     */
    public record Result(long launchNs, long populatedNs, long usableNs, long answeredNs, long rssKb, long hwmKb,
            long heapMb, long[] filling, long[] running, List<String> stacks) {
    }

    private WindowBenchProcess() {
    }

    public static void main(String[] args) throws Exception {
        Result r = measure(Home.at(Path.of(args[0])), Integer.parseInt(args[1]),
                args.length > 3 && args[3].equals("stacks"));
        Json.mapper().writeValue(Path.of(args[2]).toFile(), r);
        // the toolkit's threads would keep the process alive
        System.exit(0);
    }

    private static Result measure(Home home, int jobs, boolean stacksWanted) throws Exception {
        JavaFxWarnings.quietClassPathNotice();
        GuiLauncher.drawRegionsDirectly(); // as a launch does
        CompletableFuture<Void> up = new CompletableFuture<>();
        try {
            Platform.startup(() -> up.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            up.complete(null);
        }
        up.get(60, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);

        Probe probe = new Probe(onFx(Thread::currentThread), stacksWanted);
        long t0 = System.nanoTime();
        AppContext app = AppContext.exclusive(home);
        StlListingApp.handOver(app);
        StlListingApp window = new StlListingApp();
        Stage stage = onFx(() -> {
            Stage s = new Stage();
            try {
                window.start(s);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return s;
        });
        long shown = System.nanoTime();
        probe.start();
        @SuppressWarnings("unchecked")
        TableView<Object> table = onFx(() -> (TableView<Object>) stage.getScene().lookup("#queue"));
        waitFor(() -> table.getItems().size() == jobs, 300);
        long populated = System.nanoTime();
        long answered = roundTrip();
        // usable: the rows are there, the thread answers, and Start can be pressed (it waits for the launch's
        // check of the last session)
        Button start = onFx(() -> (Button) stage.getScene().lookup("#start"));
        waitFor(() -> !start.isDisabled(), 300);
        long usable = System.nanoTime();
        onFx(() -> {
            start.fire();
            return null;
        });
        waitFor(start::isDisabled, 60);
        // the user looks about the queue while two jobs run
        long end = System.currentTimeMillis() + WATCH_MS;
        java.util.Random random = new java.util.Random(1);
        while (System.currentTimeMillis() < end) {
            int to = random.nextInt(jobs);
            Platform.runLater(() -> table.scrollTo(to));
            Thread.sleep(250);
        }
        probe.stop();
        long watched = System.nanoTime();
        List<String> stacks = probe.stacks();
        stacks.add(0, String.format(Locale.ROOT, "  Start pressed at %.2f s of uptime", probe.uptime(usable)));
        long rssKb = status("VmRSS");
        long hwmKb = status("VmHWM");
        // two phases: the window filling its table (covered by "usable"), then the queue running while the
        // user scrolls, which the busy-stretch targets are about
        long[] filling = probe.waits(shown, usable);
        long[] waits = probe.waits(usable, watched);
        System.gc();
        long heapMb = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        onFx(() -> {
            stage.close();
            return null;
        });
        window.stop();

        return new Result(shown - t0, populated - shown, usable - shown, answered, rssKb, hwmKb, heapMb, filling,
                waits, stacks);
    }

    /** Nanoseconds until a task posted now runs on the UI thread. */
    private static long roundTrip() throws Exception {
        long t = System.nanoTime();
        onFx(() -> null);
        return System.nanoTime() - t;
    }

    private static <T> T onFx(Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(s.get());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }

    private static void waitFor(Supplier<Boolean> condition, int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!onFx(condition)) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("the window did not get there in " + seconds + " s");
            }
            Thread.sleep(5);
        }
    }

    /** A field of /proc/self/status in KB, or -1 where there is none. */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    /**
     * Posts a task to the UI thread every 2 ms, the next once the last has run, and keeps how long each waited.
     * With {@code -Dstl.bench.window.stacks=true} it also samples the UI thread's stack every 5 ms while a task
     * has waited more than 16 ms, to say what the thread does in its long stretches.
     */
    private static final class Probe {
        private final AtomicBoolean on = new AtomicBoolean();
        /** Each answer: when it was posted (nanoTime) and how long it waited. */
        private final List<long[]> waits = new ArrayList<>();
        private final Thread ui;
        /** When the task now waiting was posted (nanoTime), or 0. */
        private volatile long waitingSince;
        private final java.util.Map<String, Integer> stacks = new java.util.HashMap<>();
        private final List<String> longWaits = new ArrayList<>();
        /** The JVM's start on the nanoTime scale, so that long waits can be set beside a GC log's uptimes. */
        private final long origin = System.nanoTime()
                - java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        private Thread thread;
        private Thread sampler;

        private final boolean sampleStacks;

        Probe(Thread ui, boolean sampleStacks) {
            this.ui = ui;
            this.sampleStacks = sampleStacks;
        }

        void start() {
            on.set(true);
            thread = new Thread(() -> {
                while (on.get()) {
                    long posted = System.nanoTime();
                    waitingSince = posted;
                    CompletableFuture<Long> ran = new CompletableFuture<>();
                    Platform.runLater(() -> ran.complete(System.nanoTime() - posted));
                    try {
                        long w = ran.get(120, TimeUnit.SECONDS);
                        waitingSince = 0;
                        synchronized (waits) {
                            waits.add(new long[] {posted, w});
                            if (w > 33_000_000L) {
                                longWaits.add(String.format(Locale.ROOT, "%.0f ms at %.2f s of uptime (%tT.%<tL)",
                                        w / 1e6, (posted - origin) / 1e9,
                                        System.currentTimeMillis() - (System.nanoTime() - posted) / 1_000_000));
                            }
                        }
                        Thread.sleep(2);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "bench-ui-probe");
            thread.setDaemon(true);
            thread.start();
            if (sampleStacks) {
                sampler = new Thread(this::sample, "bench-ui-sampler");
                sampler.setDaemon(true);
                sampler.start();
            }
        }

        private void sample() {
            while (on.get()) {
                long since = waitingSince;
                if (since != 0 && System.nanoTime() - since > 16_000_000L) {
                    StringBuilder sb = new StringBuilder();
                    int n = 0;
                    for (StackTraceElement f : ui.getStackTrace()) {
                        if (n++ == 14) {
                            break;
                        }
                        sb.append("\n      ").append(f);
                    }
                    synchronized (stacks) {
                        stacks.merge(sb.toString(), 1, Integer::sum);
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Seconds of the JVM's uptime at {@code nanoTime}. */
        double uptime(long nanoTime) {
            return (nanoTime - origin) / 1e9;
        }

        /** The long waits, then the UI thread's most sampled stacks during them, as lines to print. */
        List<String> stacks() {
            List<String> lines = new ArrayList<>();
            synchronized (waits) {
                lines.add("  waits over 33 ms: " + longWaits);
            }
            synchronized (stacks) {
                stacks.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                        .forEach(e -> lines.add("  " + e.getValue() + " samples:" + e.getKey()));
            }
            return lines;
        }

        void stop() throws InterruptedException {
            on.set(false);
            thread.join(130_000);
            if (sampler != null) {
                sampler.join(1_000);
            }
        }

        /** The waits of the tasks posted from {@code from} (nanoTime) on, before {@code to}, sorted. */
        long[] waits(long from, long to) {
            synchronized (waits) {
                long[] a = waits.stream().filter(w -> w[0] >= from && w[0] < to).mapToLong(w -> w[1]).toArray();
                Arrays.sort(a);
                return a.length == 0 ? new long[] {0} : a;
            }
        }
    }
}
