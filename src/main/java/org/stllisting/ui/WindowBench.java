package org.stllisting.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.stllisting.app.AppContext;
import org.stllisting.bench.BenchContext;
import org.stllisting.bench.BenchSuite;
import org.stllisting.bench.BenchTable;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.Json;

/**
 * The window with a queue of 10,000 jobs (tiny real models, the Quick Preview template), two of them
 * running: the time from the window shown to its table populated and answering, the window process's
 * resident memory, and how long the UI thread is ever busy in one stretch (a probe posts a task to the UI
 * thread every 2 ms and records how long it waited). The bench fills the queue; the window is measured in a
 * process of its own ({@link WindowBenchProcess}) started with the window's JVM options. Needs a display
 * (DISPLAY, or Monocle); skipped without one.
 */
public final class WindowBench implements BenchSuite {
    private static final int JOBS = 10_000;

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
        ctx.say(String.format(Locale.ROOT, "  %,d jobs queued; opening the window in a process of its own", jobs));
        List<String> options = windowOptions();
        WindowBenchProcess.Result r = measureInOwnProcess(dir, home, jobs, options);
        r.stacks().forEach(ctx::say);
        long[] filling = r.filling();
        long[] waits = r.running();

        BenchTable t = new BenchTable(String.format(Locale.ROOT, "The window with %,d jobs queued, two running"
                + " (Quick Preview on small boxes), the table scrolled to a random row every 250 ms for %d s", jobs,
                WindowBenchProcess.WATCH_MS / 1000), "measure", "figure", "target");
        t.row("launch → window shown (home opened, window built)", ms(r.launchNs()), "");
        t.row("window shown → table populated", ms(r.populatedNs()), "");
        t.row("window shown → table populated and answering", ms(r.usableNs()), "≤ 3,000 ms");
        t.row("UI thread's answer once populated", ms(r.answeredNs()), "");
        t.row("resident memory at the end (VmRSS of the window's process)", r.rssKb() / 1024 + " MB",
                "< 1,024 MB");
        t.row("peak resident memory (VmHWM of the window's process)", r.hwmKb() / 1024 + " MB", "");
        t.row("Java heap in use after a full collection (window, engine and 10,000 rows)", r.heapMb() + " MB", "");
        t.row("while the table fills (shown → usable): UI thread's longest busy stretch",
                ms(filling[filling.length - 1]), "");
        t.row("while two jobs run and the table scrolls: UI thread's longest busy stretch (probe wait)",
                ms(waits[waits.length - 1]), "≤ 50 ms");
        t.row("  … 99th percentile", ms(percentile(waits, 0.99)), "≤ 16 ms");
        t.row("  … median", ms(percentile(waits, 0.5)), "");
        t.row("  … stretches over 33 ms (two frames missed)", Long.toString(Arrays.stream(waits)
                .filter(w -> w > 33_000_000L).count()), "");
        t.row("probe samples (filling / running)", String.format(Locale.ROOT, "%,d / %,d", filling.length,
                waits.length), "");
        ctx.table(t);
        ctx.say(String.format(Locale.ROOT, "  usable %.0f ms after shown; %d MB resident; UI thread busy at most %.1f"
                + " ms (p99 %.1f ms)", r.usableNs() / 1e6, r.rssKb() / 1024, waits[waits.length - 1] / 1e6,
                percentile(waits, 0.99) / 1e6));
        ctx.note("The window runs in a process of its own, started with the JVM options the launcher gives the"
                + " window (" + (options.isEmpty() ? "none: the bench was not started by app/stl-listing"
                : String.join(" ", options)) + "); the queue was filled before, by the bench. A probe posts a task"
                + " to the UI thread every 2 ms (the next one once the last has run) and records how long each"
                + " waited: the longest wait is the longest stretch the thread was busy (a layout, a pulse, a"
                + " batch of runner events, a collection). The heap after a full collection is what the window"
                + " and its engine keep.");
    }

    /**
     * The JVM options the launcher gives the window (it passes them on, one a line, in
     * STL_LISTING_WINDOW_JVM_OPTS), then JAVA_OPTS, as the launcher orders them; then those of the system property
     * {@code stl.bench.window.jvm}, separated by '|', for the window's process only.
     */
    static List<String> windowOptions() {
        List<String> options = new ArrayList<>();
        String launcher = System.getenv("STL_LISTING_WINDOW_JVM_OPTS");
        if (launcher != null) {
            launcher.lines().filter(l -> !l.isBlank()).forEach(options::add);
        }
        String javaOpts = System.getenv("JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            options.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        // options for the window's process only (a profiler, say), separated by '|'
        String own = System.getProperty("stl.bench.window.jvm");
        if (own != null && !own.isBlank()) {
            options.addAll(Arrays.asList(own.split("\\|")));
        }
        return options;
    }

    /** Starts {@link WindowBenchProcess} on the filled home and returns what it measured. */
    private static WindowBenchProcess.Result measureInOwnProcess(Path dir, Home home, int jobs, List<String> options)
            throws Exception {
        Path result = dir.resolve("window-result.json");
        Files.deleteIfExists(result);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        for (String p : List.of("glass.platform", "monocle.platform", "prism.order", "prism.forceGPU",
                "stl.lowPriorityJobs")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WindowBenchProcess.class.getName(),
                home.root().toString(), Integer.toString(jobs), result.toString(),
                Boolean.getBoolean("stl.bench.window.stacks") ? "stacks" : "-"));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the window's process did not finish in 15 minutes");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(result)) {
            throw new IllegalStateException("the window's process failed (exit " + p.exitValue() + ")");
        }
        return Json.mapper().readValue(result.toFile(), WindowBenchProcess.Result.class);
    }

    private static String ms(long nanos) {
        return BenchContext.fmt(nanos / 1e6) + " ms";
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

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

}
