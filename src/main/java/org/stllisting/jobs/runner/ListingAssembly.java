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
import org.stllisting.jobs.steps.JobFigures;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.template.Template;
import org.stllisting.output.ErrorWords;
import org.stllisting.output.ListingReport;
import org.stllisting.output.OutputLayout;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;

/**
 * The run's {@code report.html} and {@code listing.csv} from the store's jobs: each job's verdict, files and
 * warnings from the queue state, its measures and media from its checkpoint (the analyze step's figures, the
 * render steps' files), and the files its ending wrote. A finished job whose cache is gone (removed by the run
 * that finished it, the cache cap or a cleanup) has them read from what it wrote into its output folder
 * ({@link JobFigures}); a measured model whose figures are nowhere says so. A job's checkpoint and files are
 * looked at again only when the job has moved on, so a write costs no file reads for jobs that did not change.
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
            List<String> problems, List<String> warnings, String error, List<String> files, String historyId) {

        static Row of(JobDto j) {
            return new Row(j.id, RunnerCore.modelName(j), j.stlPath, j.state, j.template, j.createdAt, j.completedAt,
                    j.attempts, j.lastCompletedStep, j.results.validationPassed, j.results.verdict,
                    List.copyOf(j.results.problems), List.copyOf(j.results.warnings), j.errorMessage,
                    List.copyOf(j.results.filesGenerated), HistoryIds.of(j));
        }

        String key() {
            return state + "|" + attempts + "|" + lastStep + "|" + completedAt;
        }
    }

    /**
     * A job's figures, media, ending files and (when the queue state lists none) its history row's files, all
     * absolute, as read at {@code key}; {@code unavailable} says why a measured model shows no figures.
     */
    private record Found(String key, double[] sizeMm, Double volumeMm3, Double grams, String render,
            String sizeChart, String video, List<String> colors, List<String> endingFiles, boolean repairedWatertight,
            List<String> historyFiles, String unavailable) {
        static Found none(String key) {
            return new Found(key, null, null, null, null, null, null, List.of(), List.of(), false, List.of(), null);
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
        for (String p : r.files().isEmpty() ? f.historyFiles() : r.files()) {
            files.add(relative(root, p));
        }
        for (String p : f.endingFiles()) {
            files.add(relative(root, p));
        }
        List<String> warnings = new ArrayList<>(r.problems());
        warnings.addAll(r.warnings());
        if (f.unavailable() != null) {
            warnings.add(f.unavailable());
        }
        ListingReport.Media media = new ListingReport.Media(relative(root, f.render()), relative(root, f.sizeChart()),
                relative(root, f.video()), f.colors().stream().map(c -> relative(root, c)).toList());
        return new ListingReport.Model(r.name(), r.source(), verdict(r, f.repairedWatertight()), f.sizeMm(), f.volumeMm3(), f.grams(),
                List.copyOf(new LinkedHashSet<>(warnings)), r.error(), media, List.copyOf(files),
                r.error() == null ? null : ErrorWords.split(r.error(), StepKind::doingOf));
    }

    /**
     * Reads what the job's checkpoint and ending left; without a checkpoint (its cache was removed), what it
     * wrote into its output folder, as the queue state's file list or else its history row's names it. Nothing
     * for a job that never ran.
     */
    private Found read(Row r) {
        if (r.attempts() == 0 && r.lastStep() == null) {
            return Found.none(r.key());
        }
        try {
            JobDto shell = new JobDto();
            shell.id = r.id();
            shell.template = r.template();
            shell.stlPath = r.source();
            Template template = core.templateOrNull(shell);
            OutputLayout layout = core.layoutFor(template);
            Path jobRoot = layout.root();
            ProcessingState cp = Checkpoints.read(core.home.jobCacheDir(r.id()));
            List<String> history = cp == null && r.files().isEmpty() ? historyFiles(r) : List.of();
            List<String> files = r.files().isEmpty() ? history : r.files();
            JobFigures.Measures m = JobFigures.measures(cp, r.name(), files);
            JobFigures.Media media = JobFigures.media(cp, jobRoot, r.name(), files);
            String unavailable = cp == null && m == null && r.state() == JobState.COMPLETED
                    ? unavailable(template, r.name(), files, jobRoot) : null;
            List<String> ending = List.of();
            if (r.state().isFinal()) {
                ending = ListingReport.endingFiles(layout, r.name(), r.createdAt(), Path.of(r.source())).stream()
                        .map(Path::toString).toList();
            }
            return new Found(r.key(), m == null || m.sizeMm().size() != 3 ? null
                    : m.sizeMm().stream().mapToDouble(Double::doubleValue).toArray(),
                    m == null ? null : m.volumeMm3(), m == null ? null : m.grams(), text(media.render()),
                    text(media.sizeChart()), text(media.video()), media.colors().stream().map(Path::toString).toList(),
                    ending, JobFigures.repairedWatertight(cp, r.name(), files), history, unavailable);
        } catch (IOException | RuntimeException e) {
            LOG.debug("no report figures for job {}: {}", r.id(), e.toString());
            return Found.none(r.key());
        }
    }

    /** The files of the job's history row, for a finished job whose queue entry lists none. */
    private List<String> historyFiles(Row r) {
        if (!r.state().isFinal() || core.history == null) {
            return List.of();
        }
        try {
            return core.history.show(r.historyId()).map(HistoryRecord::filesGenerated).orElse(List.of());
        } catch (IOException e) {
            LOG.debug("no history row for job {}: {}", r.id(), e.toString());
            return List.of();
        }
    }

    /**
     * Why a completed model shows no figures when its template measures it (its working files are gone, and
     * so is the figures file its analysis wrote), or null when it was not to be measured.
     */
    private static String unavailable(Template template, String model, List<String> files, Path root) {
        Path figures = JobFigures.figuresFile(model, files);
        if (figures == null && (template == null || !JobAttempt.planOf(template).contains(StepKind.ANALYZE))) {
            return null;
        }
        return "figures unavailable: this model's working files are gone and "
                + (figures != null ? "its output folder no longer has " + relative(root, figures.toString())
                        : "the queue lists no figures file for it");
    }

    private static String text(Path p) {
        return p == null ? null : p.toString();
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
