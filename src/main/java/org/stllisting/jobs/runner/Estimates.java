package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.template.JobSettings;
import org.stllisting.jobs.template.MediaSettings;
import org.stllisting.jobs.template.SettingsResolver;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;

/**
 * How long a job should take ({@code estimated_duration}), and the queue's time left before any job of the run
 * has finished.
 *
 * <p>A job is estimated from the history when it can be: the completed jobs of its template whose sources are
 * closest in size (the facet count follows the file size), each one's duration scaled by the size difference
 * as the first-run model scales it, and the median taken. Without such jobs, the first-run model: a cost per
 * facet for reading, validating, repairing and measuring, and for each picture and video frame a cost per
 * pixel (by anti-aliasing samples) and per facet, shared among the render threads. Its figures are this
 * program's on one core of an ordinary laptop (docs/PERFORMANCE.md); they are a starting point that the
 * history replaces after the first runs of a template.
 */
final class Estimates {
    private static final Logger LOG = LoggerFactory.getLogger(Estimates.class);
    /** Completed jobs of a template read from the history (the newest). */
    static final int HISTORY_ROWS = 500;
    /** How many of those, nearest in size, make an estimate. */
    static final int NEIGHBOURS = 5;
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Rows(List<HistoryStore.Timing> timings, long readNanos) {
    }

    private final HistoryStore history;
    private final Function<JobDto, Template> templateOf;
    private final int cores;
    private final Map<String, Rows> byTemplate = new ConcurrentHashMap<>();

    /**
     * @param history null: first-run model only
     * @param templateOf the template a job runs with, or null when it cannot be found
     */
    Estimates(HistoryStore history, Function<JobDto, Template> templateOf, int cores) {
        this.history = history;
        this.templateOf = templateOf;
        this.cores = Math.max(1, cores);
    }

    /** Seconds {@code job} should take in {@code queue}, or null when its template cannot be found. */
    Double seconds(JobDto job, QueueStateDto queue) {
        Template t = templateOf.apply(job);
        if (t == null) {
            return null;
        }
        JobSettings render;
        try {
            render = SettingsResolver.resolve(t, queue.globalRenderOptions, queue.globalValidationOptions,
                    job.renderOptions, job.validationOptions);
        } catch (TemplateException e) {
            return null; // options the job cannot run with: it fails before its first step, with the reason
        }
        int threads = Math.max(1, cores / Math.max(1, queue.queueSettings.maxConcurrentJobs));
        long size = job.sourceSize != null ? job.sourceSize : 0;
        List<HistoryStore.Timing> rows = size > 0 ? timings(t.name) : List.of();
        if (!rows.isEmpty()) {
            double model = firstRun(t, render, facetsOfSize(size), threads);
            List<HistoryStore.Timing> near = new ArrayList<>(rows);
            near.sort(Comparator.comparingDouble(r -> Math.abs(Math.log(Math.max(1, r.stlSize()) / (double) size))));
            List<Double> scaled = new ArrayList<>();
            for (HistoryStore.Timing r : near.subList(0, Math.min(NEIGHBOURS, near.size()))) {
                double then = firstRun(t, render, facetsOfSize(r.stlSize()), threads);
                scaled.add(r.seconds() * (then > 0 ? model / then : 1));
            }
            return median(scaled);
        }
        return firstRun(t, render, facets(Path.of(job.stlPath), size), threads);
    }

    /**
     * The share (0–1) of {@code j} still to do by its stored progress: a waiting job resumed after an
     * interruption has the steps of its checkpoint done, as its row shows.
     */
    static double leftShare(JobDto j) {
        return Math.max(0, Math.min(1, 1 - j.progress / 100.0));
    }

    /**
     * The queue's seconds left while no job of the run has finished: the unfinished share of the pending and
     * running jobs' estimates, over the lanes that run them. A job without an estimate counts as the mean of
     * those with one; null when none has one.
     */
    static Double queueEta(Collection<JobDto> jobs, int lanes) {
        double left = 0;
        double sum = 0;
        int known = 0;
        double unknownShare = 0;
        for (JobDto j : jobs) {
            if (j.state != JobState.PENDING && j.state != JobState.RUNNING) {
                continue;
            }
            double share = leftShare(j);
            if (j.estimatedDuration != null) {
                left += j.estimatedDuration * share;
                sum += j.estimatedDuration;
                known++;
            } else {
                unknownShare += share;
            }
        }
        if (known == 0) {
            return null;
        }
        return (left + unknownShare * sum / known) / Math.max(1, lanes);
    }

    private List<HistoryStore.Timing> timings(String template) {
        if (history == null || template == null) {
            return List.of();
        }
        long now = System.nanoTime();
        Rows cached = byTemplate.get(template);
        if (cached != null && now - cached.readNanos() < REFRESH_NANOS) {
            return cached.timings();
        }
        List<HistoryStore.Timing> rows;
        try {
            rows = history.timings(template, HISTORY_ROWS);
        } catch (IOException e) {
            // the history cannot be read now: the first-run model answers
            LOG.debug("no durations from the history for template {}", template, e);
            rows = List.of();
        }
        byTemplate.put(template, new Rows(rows, now));
        return rows;
    }

    /** The first-run model: seconds for a model of {@code facets} facets with these steps and options. */
    static double firstRun(Template t, JobSettings settings, long facets, int threads) {
        double f = Math.max(0, facets);
        double s = 0.2; // the job's own bookkeeping: checkpoints, logs, queue state
        int w = settings.render().width();
        int h = settings.render().height();
        int samples = settings.render().quality().samplesPerSide() * settings.render().quality().samplesPerSide();
        MediaSettings media = settings.media();
        for (StepKind k : QueueRunner.planOf(t)) {
            s += switch (k) {
                case LOAD -> 0.02 + 1.5e-6 * f;
                case VALIDATE -> 0.01 + 1.0e-6 * f;
                case REPAIR -> 0.02 + 2.0e-6 * f;
                case ANALYZE -> 0.01 + 0.5e-6 * f;
                case RENDER -> media.image() ? 0.05 + frame(w, h, samples, f, threads) : 0;
                case SIZE_CHART -> media.sizeChart() ? 0.1 + frame(w, h, samples, f, threads) : 0;
                case COLOR_VARIATIONS -> media.colorVariations()
                        ? media.colors().size() * (0.05 + frame(w, h, samples, f, threads)) : 0;
                case VIDEO -> {
                    if (!media.video()) {
                        yield 0;
                    }
                    int size = media.videoSize();
                    double frames = Math.max(1, media.videoSeconds() * media.videoFps());
                    yield frames * (0.003 + frame(size, size, samples == 1 ? 1 : 4, f, threads));
                }
                case FINALIZE -> 0.02;
            };
        }
        return s;
    }

    /** One picture: a cost per pixel by anti-aliasing samples (≈ 36 ns draft, 50 ns standard) and per facet. */
    private static double frame(int w, int h, int samples, double facets, int threads) {
        return ((double) w * h * (32 + 4.5 * samples) * 1e-9 + facets * 0.2e-6) / threads;
    }

    /** Facets of a binary STL of this size (the history keeps sizes, not facet counts). */
    static long facetsOfSize(long size) {
        return Math.max(0, (size - 84) / 50);
    }

    /**
     * The facet count a binary STL's header states when it matches the file's size; else (an ASCII file, whose
     * facets take about 250 bytes each) an estimate from the size.
     */
    static long facets(Path file, long size) {
        if (size >= 84) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                ch.read(b, 80);
                if (!b.hasRemaining()) {
                    long n = Integer.toUnsignedLong(b.getInt(0));
                    if (84 + 50 * n == size) {
                        return n;
                    }
                }
            } catch (IOException e) {
                // unreadable now: its load step will say why
            }
        }
        return size / 250;
    }

    private static double median(Collection<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
