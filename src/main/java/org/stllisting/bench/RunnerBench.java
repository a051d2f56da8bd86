package org.stllisting.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.steps.NoOpSteps;
import org.stllisting.jobs.template.Template;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * The runner's own overhead per job (README, Benchmarks): queues of 10 to 10,000 jobs whose nine steps do no mesh or
 * render work ({@link NoOpSteps}), so that what is timed is everything else — the durable state transitions,
 * a checkpoint after every step, events, the per-job and top-level logs, {@code queue_summary.json}, the
 * history row. The time per job must stay flat as the queue grows.
 */
public final class RunnerBench implements BenchSuite {
    @Override
    public String name() {
        return "runner";
    }

    @Override
    public String title() {
        return "Runner overhead";
    }

    private record Row(int jobs, int processed, double enqueueMs, double runSeconds, double perJobMs,
            double perStepMs, double jobsPerSecond, long events) {
    }

    /**
     * Jobs timed per queue: a queue larger than this is processed only this far (then stopped). What is
     * measured is what a job costs when the queue is that large, and that is the same for its first 300 jobs
     * as for the rest; processing all 10,000 would take the better part of an hour of forced writes.
     */
    private static final int WINDOW = 300;

    @Override
    public void run(BenchContext ctx) throws Exception {
        int[] sizes = ctx.quick() ? new int[] {10, 100, 1000} : new int[] {10, 100, 1_000, 10_000};
        measure(ctx, 10, "warm-up");
        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            Row r = measure(ctx, n, "n" + n);
            rows.add(r);
            ctx.say(String.format(Locale.ROOT, "  %,d jobs: %.2f ms per job (%.0f jobs/s)", n, r.perJobMs(),
                    r.jobsPerSecond()));
        }
        BenchTable t = new BenchTable("Runner overhead per job, by queue size (9 no-op steps per job, 2 jobs at a"
                + " time, every transition and checkpoint forced to disk; queues over " + WINDOW + " jobs timed over"
                + " their first " + WINDOW + ")",
                "jobs in queue", "enqueue (all jobs)", "jobs timed", "processing", "overhead per job", "per step",
                "jobs / s", "events delivered", "per job vs. 10 jobs");
        double base = rows.get(0).perJobMs();
        for (Row r : rows) {
            t.row(String.format(Locale.ROOT, "%,d", r.jobs()), BenchContext.fmt(r.enqueueMs()) + " ms",
                    String.format(Locale.ROOT, "%,d", r.processed()),
                    BenchContext.fmt(r.runSeconds()) + " s", BenchContext.fmt(r.perJobMs()) + " ms",
                    BenchContext.fmt(r.perStepMs()) + " ms", BenchContext.fmt(r.jobsPerSecond()),
                    String.format(Locale.ROOT, "%,d", r.events()), BenchContext.fmt(r.perJobMs() / base) + "×");
        }
        ctx.table(t);
        ctx.note("Per job the runner makes 11 durable queue-state changes (start, one per completed step, final"
                + " state), writes 9 atomic checkpoints, the job's log, its history row and about 25 events; the"
                + " figure is what a real job pays on top of its mesh and render work.");
    }

    private Row measure(BenchContext ctx, int n, String label) throws Exception {
        Path dir = Files.createDirectories(ctx.workDir().resolve(label));
        Home home = Home.at(dir.resolve("home")).ensureCreated();
        Path src = Files.createDirectories(dir.resolve("src"));
        List<Path> sources = new ArrayList<>(n);
        byte[] stl = new byte[84];
        for (int i = 0; i < n; i++) {
            sources.add(Files.write(src.resolve(String.format(Locale.ROOT, "m%05d.stl", i)), stl));
        }
        Template t = new Template();
        t.name = "bench";
        t.steps = new ArrayList<>(Template.ALL_STEPS);
        long[] events = new long[1];
        try (QueueStateStore store = QueueStateStore.open(home)) {
            QueueSettingsDto s = new QueueSettingsDto();
            s.outputBaseFolder = dir.resolve("out").toString();
            s.maxConcurrentJobs = 2;
            s.minFreeDiskMb = 1;
            s.jobTimeoutSeconds = 0;
            store.updateSettings(s);
            store.updateOptions("bench", Map.of(), Map.of());
            HistoryStore history = HistoryStore.open(home.historyDb());
            QueueRunner runner = new QueueRunner(home, store, history, name -> t, new NoOpSteps(),
                    QueueRunner.Config.defaults("cli", "bench"));
            int target = Math.min(n, WINDOW);
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(target);
            long[] reached = new long[1];
            runner.addListener(e -> {
                events[0]++;
                if (e instanceof org.stllisting.jobs.runner.RunnerEvent.JobStateChanged c
                        && c.to() == org.stllisting.store.queue.JobState.COMPLETED) {
                    done.countDown();
                    if (done.getCount() == 0 && reached[0] == 0) {
                        reached[0] = System.nanoTime();
                    }
                }
            });
            long t0 = System.nanoTime();
            runner.add(sources, null, null, null);
            long t1 = System.nanoTime();
            runner.start();
            if (!done.await(2, java.util.concurrent.TimeUnit.HOURS)) {
                throw new IllegalStateException("the queue did not get through " + target + " jobs");
            }
            runner.stop(org.stllisting.jobs.runner.StopMode.AFTER_CURRENT_STEPS);
            runner.awaitFinished(Duration.ofMinutes(5));
            long t2 = reached[0];
            runner.drainEvents(Duration.ofSeconds(30));
            runner.close();
            double run = (t2 - t1) / 1e9;
            return new Row(n, target, (t1 - t0) / 1e6, run, run * 1000 / target, run * 1000 / target / 9,
                    target / run, events[0]);
        }
    }
}
