package org.stllisting.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.LoadResult;
import org.stllisting.store.queue.QueueStateStore;

/**
 * Queue-state durability (docs/ARCHITECTURE.md, The queue state files; README, Benchmarks): for queues of 10 to 10,000 jobs, the cost of one durable job
 * transition (journal append + force), of folding the journal into a fresh snapshot, their amortized sum
 * (a fold happens once per {@code threshold / record size} transitions), enqueueing, and loading the queue
 * on launch (snapshot + journal replay). The amortized cost per transition must not grow with the queue.
 */
public final class QueueStateBench implements BenchSuite {
    @Override
    public String name() {
        return "queue";
    }

    @Override
    public String title() {
        return "Queue state durability";
    }

    private record Row(int jobs, double enqueueMs, double transitionUs, double recordBytes, double foldMs,
            long snapshotBytes, double perFold, double amortizedUs, double amortizedBytes, double loadMs,
            int transitions) {
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int[] sizes = ctx.quick() ? new int[] {10, 100, 1000} : new int[] {10, 100, 1_000, 10_000};
        int transitions = ctx.quick() ? 300 : 2000;
        QueueStateStore.Options product = QueueStateStore.Options.defaults();
        List<Row> rows = new ArrayList<>();
        // an untimed pass first, so that the smallest queue does not pay for class loading and the JIT
        measure(ctx, 10, Math.min(transitions, 500), product);
        for (int n : sizes) {
            rows.add(measure(ctx, n, transitions, product));
            Row r = rows.get(rows.size() - 1);
            ctx.say(String.format(Locale.ROOT, "  %,d jobs: transition %.0f µs, amortized %.0f µs, %.0f B",
                    n, r.transitionUs(), r.amortizedUs(), r.amortizedBytes()));
        }
        BenchTable t = new BenchTable("One durable job transition, enqueue and load, by queue size ("
                + transitions + " transitions each; every figure is on disk with force() before it counts)",
                "jobs", "enqueue (all jobs, one durable write)", "transition: journal append + force",
                "journal bytes / transition", "snapshot fold (with backup rotation)", "snapshot size",
                "transitions per fold", "amortized time / transition", "amortized bytes / transition",
                "load on launch (snapshot + journal replay)");
        for (Row r : rows) {
            t.row(String.format(Locale.ROOT, "%,d", r.jobs()), ms(r.enqueueMs()), us(r.transitionUs()),
                    BenchContext.fmt(r.recordBytes()), ms(r.foldMs()), kb(r.snapshotBytes()),
                    String.format(Locale.ROOT, "%,.0f", r.perFold()), us(r.amortizedUs()),
                    BenchContext.fmt(r.amortizedBytes()), ms(r.loadMs()));
        }
        ctx.table(t);
        Row small = rows.get(0);
        Row large = rows.get(rows.size() - 1);
        ctx.note(String.format(Locale.ROOT,
                "Ratio %,d jobs / %,d jobs per transition: time %.2f× (amortized; journal append alone %.2f×), "
                        + "bytes %.2f× (target: within 2×).",
                large.jobs(), small.jobs(), large.amortizedUs() / small.amortizedUs(),
                large.transitionUs() / small.transitionUs(), large.amortizedBytes() / small.amortizedBytes()));
    }

    private static Row measure(BenchContext ctx, int n, int transitions, QueueStateStore.Options product)
            throws Exception {
        Home home = Home.at(ctx.workDir().resolve("queue-" + n));
        Random random = new Random(42);
        // measure appends alone (no fold inside the timed loop), folds separately
        QueueStateStore.Options noFold = new QueueStateStore.Options(product.keepBackups(), Long.MAX_VALUE,
                product.foldFactor(), product.progressEvents(), product.progressDelay());
        List<JobDto> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            jobs.add(job(i, random));
        }
        double enqueueMs;
        double transitionUs;
        double recordBytes;
        double foldMs;
        long snapshotBytes;
        try (QueueStateStore s = QueueStateStore.open(home, noFold)) {
            long t0 = System.nanoTime();
            s.addJobs(jobs);
            enqueueMs = (System.nanoTime() - t0) / 1e6;
            s.checkpoint();

            int[] phase = new int[n];
            // warm up the code paths, then measure
            for (int i = 0; i < Math.min(200, transitions); i++) {
                step(s, random.nextInt(n), phase);
            }
            s.checkpoint();
            long bytes0 = s.stats().bytesWritten();
            long t1 = System.nanoTime();
            for (int i = 0; i < transitions; i++) {
                step(s, random.nextInt(n), phase);
            }
            transitionUs = (System.nanoTime() - t1) / 1e3 / transitions;
            recordBytes = (double) (s.stats().bytesWritten() - bytes0) / transitions;

            // a crash image here is a snapshot plus a journal of `transitions` changes
            Path image = ctx.workDir().resolve("queue-" + n + "-image");
            org.apache.commons.io.file.PathUtils.copyDirectory(home.root(), image);

            long folds = 3;
            long t2 = System.nanoTime();
            for (int i = 0; i < folds; i++) {
                s.checkpoint();
            }
            foldMs = (System.nanoTime() - t2) / 1e6 / folds;
            snapshotBytes = s.stats().snapshotBytes();

            double loadMs = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t3 = System.nanoTime();
                LoadResult r = QueueStateStore.read(Home.at(image));
                loadMs = Math.min(loadMs, (System.nanoTime() - t3) / 1e6);
                if (r.state().jobs.size() != n || r.journalRecords() != transitions) {
                    throw new IllegalStateException("bench: recovered " + r.state().jobs.size() + " jobs and "
                            + r.journalRecords() + " changes, expected " + n + " and " + transitions);
                }
            }
            double perFold = product.foldThreshold(snapshotBytes) / recordBytes;
            double amortizedUs = transitionUs + foldMs * 1e3 / perFold;
            double amortizedBytes = recordBytes + snapshotBytes / perFold;
            org.apache.commons.io.file.PathUtils.deleteDirectory(image);
            return new Row(n, enqueueMs, transitionUs, recordBytes, foldMs, snapshotBytes, perFold, amortizedUs,
                    amortizedBytes, loadMs, transitions);
        } finally {
            if (Files.exists(home.root())) {
                org.apache.commons.io.file.PathUtils.deleteDirectory(home.root());
            }
        }
    }

    /** A job as the runner would queue it: source identity, output folder, a per-job override. */
    private static JobDto job(int i, Random random) {
        JobDto j = JobDto.pending(String.format(Locale.ROOT, "job_%06d", i),
                String.format(Locale.ROOT, "/home/seller/models/collection_%02d/model_%06d.stl", i % 37, i));
        j.outputFolder = String.format(Locale.ROOT, "/home/seller/listings/model_%06d", i);
        j.template = "complete_processing";
        j.sourceSize = 1_000_000L + random.nextInt(50_000_000);
        j.sourceMtime = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofSeconds(random.nextInt(10_000_000)));
        byte[] sha = new byte[32];
        random.nextBytes(sha);
        j.sourceSha256 = HexFormat.of().formatHex(sha);
        if (i % 5 == 0) {
            j.renderOptions.put("color", "#D32F2F");
        }
        return j;
    }

    /** The next transition of job {@code i}: start, checkpoint a step, complete with results, queue again. */
    private static void step(QueueStateStore s, int i, int[] phase) throws Exception {
        String id = String.format(Locale.ROOT, "job_%06d", i);
        int p = phase[i]++ % 4;
        s.updateJob(id, j -> {
            switch (p) {
                case 0 -> {
                    j.state = JobState.RUNNING;
                    j.attempts++;
                    j.startedAt = Instant.now();
                    j.currentStep = "validate";
                }
                case 1 -> {
                    j.lastCompletedStep = "validate";
                    j.currentStep = "render";
                    j.progress = 45;
                }
                case 2 -> {
                    j.state = JobState.COMPLETED;
                    j.lastCompletedStep = "finalize";
                    j.currentStep = null;
                    j.progress = 100;
                    j.completedAt = Instant.now();
                    j.results.validationPassed = true;
                    j.results.filesGenerated = List.of(j.outputFolder + "/renders/model_render.png",
                            j.outputFolder + "/analysis/model_analysis.json");
                }
                default -> {
                    j.state = JobState.PENDING;
                    j.progress = 0;
                    j.results.filesGenerated = new ArrayList<>();
                }
            }
            return j;
        });
    }

    private static String ms(double v) {
        return BenchContext.fmt(v) + " ms";
    }

    private static String us(double v) {
        return String.format(Locale.ROOT, "%,.0f µs", v);
    }

    private static String kb(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
