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
import org.stllisting.bench.BenchContext;
import org.stllisting.bench.BenchSuite;
import org.stllisting.bench.BenchTable;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;

/**
 * The window with a queue of 10,000 jobs (tiny real models, the Quick Preview template), two of them
 * running: the time from the window shown to its table populated and answering, the process's resident
 * memory, and how long the UI thread is ever busy in one stretch (a probe posts a task to the UI thread every
 * 2 ms and records how long it waited). Needs a display (DISPLAY, or Monocle); skipped without one.
 */
public final class WindowBench implements BenchSuite {
    private static final int JOBS = 10_000;
    /** How long the probe watches the running queue (while the table is scrolled about). */
    private static final long WATCH_MS = 20_000;

    @Override
    public String name() {
        return "window";
    }

    @Override
    public String title() {
        return "The window at 10,000 jobs";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        if (!GuiLauncher.hasDisplay()) {
            ctx.say("  skipped: no display (set DISPLAY, e.g. under Xvfb, or run with -Dglass.platform=Monocle)");
            ctx.note("Skipped: no display to open the window on.");
            return;
        }
        int jobs = ctx.quick() ? 1_000 : JOBS;
        Path dir = Files.createDirectories(ctx.workDir().resolve("window"));
        Home home = Home.at(dir.resolve("home")).ensureCreated();
        fill(home, dir, jobs);
        ctx.say(String.format(Locale.ROOT, "  %,d jobs queued; opening the window", jobs));

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

        Probe probe = new Probe(onFx(Thread::currentThread));
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
        if (Boolean.getBoolean("stl.bench.window.stacks")) {
            probe.printStacks(ctx);
        }
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

        double toPopulated = (populated - shown) / 1e6;
        BenchTable t = new BenchTable(String.format(Locale.ROOT, "The window with %,d jobs queued, two running"
                + " (Quick Preview on small boxes), the table scrolled to a random row every 250 ms for %d s", jobs,
                WATCH_MS / 1000), "measure", "figure", "target");
        t.row("launch → window shown (home opened, window built)", BenchContext.fmt((shown - t0) / 1e6) + " ms", "");
        t.row("window shown → table populated", BenchContext.fmt(toPopulated) + " ms", "");
        t.row("window shown → table populated and answering", BenchContext.fmt((usable - shown) / 1e6) + " ms",
                "≤ 3,000 ms");
        t.row("UI thread's answer once populated", BenchContext.fmt(answered / 1e6) + " ms", "");
        t.row("resident memory at the end (VmRSS)", rssKb / 1024 + " MB", "< 1,024 MB");
        t.row("peak resident memory (VmHWM, the whole bench process)", hwmKb / 1024 + " MB", "");
        t.row("Java heap in use after a full collection (window, engine and 10,000 rows)", heapMb + " MB", "");
        t.row("while the table fills (shown → usable): UI thread's longest busy stretch",
                BenchContext.fmt(filling[filling.length - 1] / 1e6) + " ms", "");
        t.row("while two jobs run and the table scrolls: UI thread's longest busy stretch (probe wait)",
                BenchContext.fmt(waits[waits.length - 1] / 1e6) + " ms", "≤ 50 ms");
        t.row("  … 99th percentile", BenchContext.fmt(percentile(waits, 0.99) / 1e6) + " ms", "≤ 16 ms");
        t.row("  … median", BenchContext.fmt(percentile(waits, 0.5) / 1e6) + " ms", "");
        t.row("probe samples (filling / running)", String.format(Locale.ROOT, "%,d / %,d", filling.length,
                waits.length), "");
        ctx.table(t);
        ctx.say(String.format(Locale.ROOT, "  usable %.0f ms after shown; %d MB resident; UI thread busy at most %.1f"
                + " ms (p99 %.1f ms)", (usable - shown) / 1e6, rssKb / 1024, waits[waits.length - 1] / 1e6,
                percentile(waits, 0.99) / 1e6));
        ctx.note("The probe posts a task to the UI thread every 2 ms (the next one once the last has run) and"
                + " records how long each waited: the longest wait is the longest stretch the thread was busy"
                + " (a layout, a pulse, a batch of runner events). Resident memory is the bench process's own,"
                + " which also queued the 10,000 jobs before opening the window; the heap after a full collection is"
                + " what the window and its engine keep.");
    }

    /** A home with {@code jobs} small boxes queued under Quick Preview, two at a time. */
    private static void fill(Home home, Path dir, int jobs) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path first = models.resolve("box_00000.stl");
        StlWriter.writeBinary(MeshGenerators.box(20, 15, 10), first);
        List<Path> all = new ArrayList<>(List.of(first));
        for (int i = 1; i < jobs; i++) {
            Path p = models.resolve(String.format(Locale.ROOT, "box_%05d.stl", i));
            if (!Files.exists(p)) {
                Files.copy(first, p);
            }
            all.add(p);
        }
        try (AppContext app = AppContext.exclusive(home)) {
            app.templates().rememberLastUsed("quick_preview");
            QueueRunner runner = app.runner("gui");
            runner.updateSettings(runner.settings().withOutputFolder(dir.resolve("out")).withMaxConcurrentJobs(2));
            runner.add(all, "quick_preview", null, null);
        }
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

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
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
        private final long origin = System.nanoTime();
        private Thread thread;
        private Thread sampler;

        Probe(Thread ui) {
            this.ui = ui;
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
                            if (w > 50_000_000L) {
                                longWaits.add(String.format(Locale.ROOT, "%.0f ms at %.1f s", w / 1e6,
                                        (posted - origin) / 1e9));
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
            if (Boolean.getBoolean("stl.bench.window.stacks")) {
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

        void printStacks(BenchContext ctx) {
            synchronized (waits) {
                ctx.say("  waits over 50 ms: " + longWaits);
            }
            synchronized (stacks) {
                stacks.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                        .forEach(e -> ctx.say("  " + e.getValue() + " samples:" + e.getKey()));
            }
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
