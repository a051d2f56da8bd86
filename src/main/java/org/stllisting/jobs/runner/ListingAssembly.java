package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.output.ListingReport;
import org.stllisting.output.OutputLayout;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;

/**
 * The run's {@code report.html} and {@code listing.csv} from the store's jobs: each job's verdict, files and
 * warnings from the queue state, its measures and media from its checkpoint (the analyze step's figures, the
 * render steps' files), and the files its ending wrote. A job's checkpoint and files are looked at again only
 * when the job has moved on, so a write costs no file reads for jobs that did not change.
 *
 * <p>{@link SummaryWriter} hands over a copy of the jobs with the runner's lock held; the page of a large run
 * takes long to make (about half a second for 10,000 models), so the writes while the run goes on are made
 * on a thread of their own, the newest copy only, and spaced to at least four times their own duration; the
 * last write of a run is made at once. A copy never replaces the files of a newer one.
 */
final class ListingAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(ListingAssembly.class);

    private final RunnerCore core;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<Snapshot> pending = new AtomicReference<>();
    private final ThreadPoolExecutor background;
    private final Object writeLock = new Object();
    /** When the next write in the background may start (spacing after a slow write). */
    private volatile long nextNanos;
    // guarded by writeLock
    /** What was read from disk per job, with the key of the job's state it was read at. */
    private Map<String, Found> found = new HashMap<>();
    // guarded by writeLock
    private long written;

    ListingAssembly(RunnerCore core) {
        this.core = core;
        this.background = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "report-writer");
            t.setDaemon(true);
            return t;
        });
        background.allowCoreThreadTimeOut(true);
    }

    /** The jobs of one moment, and where and how the run stood. */
    record Snapshot(long sequence, OutputLayout top, String template, Instant started, boolean finished,
            List<Row> rows) {
    }

    /**
     * Writes the report of {@code rows} ({@code now}: at once, on the caller's thread; else soon, in the
     * background, unless a newer copy comes first).
     */
    void offer(OutputLayout top, String template, Instant started, boolean finished, List<Row> rows, boolean now) {
        Snapshot s = new Snapshot(sequence.incrementAndGet(), top, template, started, finished, rows);
        if (now) {
            write(s);
        } else if (pending.getAndSet(s) == null) {
            try {
                background.execute(this::drain);
            } catch (RejectedExecutionException e) {
                pending.set(null);
            }
        }
    }

    /**
     * Waits (up to {@code timeoutMillis}) for a write in the background to end and takes no more: the run's
     * files are complete when the runner has closed.
     */
    void close(long timeoutMillis) {
        background.shutdown();
        try {
            if (!background.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("report.html was still being written when the runner closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        long wait = nextNanos - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Snapshot s = pending.getAndSet(null);
        if (s != null) {
            write(s);
        }
    }

    private void write(Snapshot s) {
        synchronized (writeLock) {
            if (s.sequence() <= written) {
                return;
            }
            long t0 = System.nanoTime();
            ListingReport.write(s.top(), report(s.template(), s.top().root(), s.started(), s.finished(), s.rows()));
            written = s.sequence();
            long t1 = System.nanoTime();
            nextNanos = t1 + 4 * (t1 - t0);
        }
    }

    /** One job as the report needs it, copied inside the store's read. */
    record Row(String id, String name, String source, JobState state, String template, Instant createdAt,
            Instant completedAt, int attempts, String lastStep, Boolean validationPassed, String verdict,
            List<String> problems, List<String> warnings, String error, List<String> files) {

        static Row of(JobDto j) {
            return new Row(j.id, RunnerCore.modelName(j), j.stlPath, j.state, j.template, j.createdAt, j.completedAt,
                    j.attempts, j.lastCompletedStep, j.results.validationPassed, j.results.verdict,
                    List.copyOf(j.results.problems), List.copyOf(j.results.warnings), j.errorMessage,
                    List.copyOf(j.results.filesGenerated));
        }

        String key() {
            return state + "|" + attempts + "|" + lastStep + "|" + completedAt;
        }
    }

    /** A job's figures, media and ending files (absolute), as read at {@code key}. */
    private record Found(String key, double[] sizeMm, Double volumeMm3, Double grams, String render,
            String sizeChart, String video, List<String> colors, List<String> endingFiles, boolean repairedWatertight) {
        static Found none(String key) {
            return new Found(key, null, null, null, null, null, null, List.of(), List.of(), false);
        }
    }

    /** The report of the queue whose output folder is {@code root}; with {@link #writeLock} held. */
    private ListingReport report(String template, Path root, Instant started, boolean finished, List<Row> rows) {
        Map<String, Found> next = new HashMap<>(rows.size() * 2);
        List<ListingReport.Model> models = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Found f = found.get(r.id());
            if (f == null || !f.key().equals(r.key())) {
                f = read(r);
            }
            next.put(r.id(), f);
            models.add(model(r, f, root));
        }
        found = next;
        return new ListingReport(template, root.toString(), started, Instant.now(), finished, models);
    }

    /**
     * The verdict shown for a job: its own once validated; else what its state and validation say (a model
     * that failed validation and that repair changed into a watertight one counts as repaired).
     */
    static String verdict(Row r, boolean repairedWatertight) {
        return switch (r.state()) {
            case FAILED -> "failed";
            case SKIPPED -> "skipped";
            case CANCELLED -> "cancelled";
            case PENDING -> "pending";
            case RUNNING -> "running";
            case COMPLETED -> r.verdict() != null ? r.verdict()
                    : r.validationPassed() == null ? null : r.validationPassed() ? "passed"
                    : repairedWatertight ? "repaired" : "problems";
        };
    }

    private static ListingReport.Model model(Row r, Found f, Path root) {
        Set<String> files = new LinkedHashSet<>();
        for (String p : r.files()) {
            files.add(relative(root, p));
        }
        for (String p : f.endingFiles()) {
            files.add(relative(root, p));
        }
        List<String> warnings = new ArrayList<>(r.problems());
        warnings.addAll(r.warnings());
        ListingReport.Media media = new ListingReport.Media(relative(root, f.render()), relative(root, f.sizeChart()),
                relative(root, f.video()), f.colors().stream().map(c -> relative(root, c)).toList());
        return new ListingReport.Model(r.name(), r.source(), verdict(r, f.repairedWatertight()), f.sizeMm(), f.volumeMm3(), f.grams(),
                List.copyOf(new LinkedHashSet<>(warnings)), r.error(), media, List.copyOf(files));
    }

    /** Reads what the job's checkpoint and ending left; nothing for a job that never ran. */
    private Found read(Row r) {
        if (r.attempts() == 0 && r.lastStep() == null) {
            return Found.none(r.key());
        }
        try {
            JobDto shell = new JobDto();
            shell.id = r.id();
            shell.template = r.template();
            shell.stlPath = r.source();
            OutputLayout layout = core.layoutFor(core.templateOrNull(shell));
            Path jobRoot = layout.root();
            ProcessingState cp = Checkpoints.read(core.home.jobCacheDir(r.id()));
            double[] size = null;
            Double volume = null;
            Double grams = null;
            String render = null;
            String chart = null;
            String video = null;
            List<String> colors = List.of();
            boolean repaired = false;
            if (cp != null) {
                ProcessingState.StepRecord fix = cp.record(StepKind.REPAIR);
                repaired = fix != null && Boolean.TRUE.equals(fix.results.get("changed"))
                        && Boolean.TRUE.equals(fix.results.get("watertight"));
                ProcessingState.StepRecord a = cp.record(StepKind.ANALYZE);
                if (a != null) {
                    size = size(a.results.get("size_mm"));
                    volume = number(a.results.get("volume_mm3"));
                    grams = number(a.results.get("material_grams"));
                }
                render = first(cp, StepKind.RENDER, jobRoot);
                chart = first(cp, StepKind.SIZE_CHART, jobRoot);
                video = first(cp, StepKind.VIDEO, jobRoot);
                ProcessingState.StepRecord c = cp.record(StepKind.COLOR_VARIATIONS);
                if (c != null) {
                    colors = c.outputs.stream().map(o -> jobRoot.resolve(o).toString()).toList();
                }
            }
            List<String> ending = List.of();
            if (r.state().isFinal()) {
                ending = ListingReport.endingFiles(layout, r.name(), r.createdAt(), Path.of(r.source())).stream()
                        .map(Path::toString).toList();
            }
            return new Found(r.key(), size, volume, grams, render, chart, video, colors, ending, repaired);
        } catch (IOException | RuntimeException e) {
            LOG.debug("no report figures for job {}: {}", r.id(), e.toString());
            return Found.none(r.key());
        }
    }

    private static String first(ProcessingState cp, StepKind step, Path jobRoot) {
        ProcessingState.StepRecord rec = cp.record(step);
        return rec == null || rec.outputs.isEmpty() ? null : jobRoot.resolve(rec.outputs.get(0)).toString();
    }

    private static double[] size(Object v) {
        if (v instanceof List<?> l && l.size() == 3 && l.stream().allMatch(Number.class::isInstance)) {
            return new double[] {((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue(),
                ((Number) l.get(2)).doubleValue()};
        }
        return null;
    }

    private static Double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    /** {@code path} relative to the output folder, with {@code /}; null stays null. */
    private static String relative(Path root, String path) {
        if (path == null) {
            return null;
        }
        Path p = Path.of(path);
        return (p.isAbsolute() ? root.relativize(p) : p).toString().replace('\\', '/');
    }
}
