package org.stllisting.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.stllisting.jobs.runner.HistoryIds;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.JobFigures;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.template.Template;
import org.stllisting.output.ErrorWords;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateStore;

/**
 * Everything the window's detail pane says about one job, read from where it is kept: the job's checkpoint
 * in {@code cache/job_cache/<id>/} (its steps with their times, warnings and figures), the queue state (its
 * state, error and files) and the history (its row, and earlier jobs for the same file). A completed job's
 * cache is removed when its run finishes; then the steps, files and figures come from the queue state, the
 * output folder and the history row, and {@link Detail#stepsNote()} says so.
 *
 * <p>Reads files and the database: never call it on the window's UI thread. Thread-safe.
 */
public final class JobDetails {
    /** Only the end of a longer log is shown. */
    static final int LOG_TAIL_BYTES = 512 * 1024;

    /** Where one step of a job stands. */
    public enum StepStatus {
        DONE, RUNNING, TO_DO, FAILED, NOT_RUN;

        /** "done", "running", "to do", "failed", "not run". */
        public String words() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One step of the job's plan.
     *
     * @param seconds how long it took, or null when not done or no longer known
     * @param note "skipped" when the step had nothing to do, or null
     */
    public record Step(String id, String label, StepStatus status, Double seconds, String note) {
    }

    /**
     * An error or a warning: what went wrong in plain words first, then the file it concerns.
     *
     * @param path the file or folder it names, or null
     */
    public record Note(String reason, String path) {
    }

    /** The analysis step's figures; a field is null when not measured. */
    public record Measures(List<Double> sizeMm, Double volumeMm3, Double grams) {
        public Measures {
            sizeMm = sizeMm == null ? List.of() : List.copyOf(sizeMm);
        }
    }

    /** An earlier job for the same file (by path or content). */
    public record Previous(String jobId, Instant when, String template, String state, String outputFolder) {
    }

    /**
     * One job as the detail pane shows it.
     *
     * @param verdict {@code passed}, {@code repaired} or {@code problems} (the model against its template's
     *     validation level), or null before validation ran
     * @param stepsNote why the steps or figures come from elsewhere than the checkpoint, or null
     * @param images the pictures it produced that are still on disk
     * @param measures null when the job was not measured
     * @param log its processing log (the cache's, else the output folder's), or null when there is none
     * @param previous the newest earlier job for the same file, or null
     */
    public record Detail(String jobId, String source, String modelName, JobState state, String template,
            String outputFolder, Double durationSeconds, String verdict, List<Step> steps, String stepsNote, List<Note> errors,
            List<Note> warnings, List<Path> images, Measures measures, Path log, Previous previous) {
        public Detail {
            steps = List.copyOf(steps);
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
            images = List.copyOf(images);
        }
    }

    private final Home home;
    private final QueueStateStore queue;
    private final HistoryStore history;
    private final Function<String, Template> templates;

    /**
     * @param queue the queue state, or null (read-only: the history's row alone)
     * @param templates a template by name, or null when unknown
     */
    public JobDetails(Home home, QueueStateStore queue, HistoryStore history, Function<String, Template> templates) {
        this.home = home;
        this.queue = queue;
        this.history = history;
        this.templates = templates;
    }

    /** The job's details; empty when neither the queue nor the history knows it. */
    public Optional<Detail> of(String jobId) throws IOException {
        JobDto job = queue == null ? null : queue.job(jobId);
        // the row of the job's current attempt: a job queued again has its attempt in its row's id
        String rowId = job != null ? HistoryIds.of(job) : jobId;
        HistoryRecord row = history.show(rowId).orElse(null);
        if (job == null && row == null) {
            return Optional.empty();
        }
        ProcessingState cp = Checkpoints.read(home.jobCacheDir(jobId));
        String source = job != null ? job.stlPath : row.stlPath();
        String templateName = job != null && job.template != null ? job.template
                : row != null ? row.template() : queue == null ? null : queue.snapshot().template;
        JobState state = job != null ? job.state : JobState.parse(row.state());

        List<Path> files = generated(job, row);
        List<Step> steps = steps(job, state, cp, templateName);
        String note = null;
        if (cp == null && state != JobState.PENDING && !Files.isDirectory(home.jobCacheDir(jobId))) {
            note = state == JobState.COMPLETED || state == JobState.SKIPPED
                    ? "The run removed this job's working files when it finished, so the time of each step is no "
                            + "longer known; its files, figures and log come from its output folder"
                            + (row != null ? " and the history." : ".")
                    : "This job's working files are gone; what is shown comes from the queue"
                            + (row != null ? " and the history." : ".");
        }
        List<Note> errors = new ArrayList<>();
        String error = job != null ? job.errorMessage : row.errorMessage();
        if (error != null && !error.isBlank()) {
            errors.add(plain(error));
        }
        if (job != null && job.results != null) {
            for (String e : job.results.errors) {
                Note n = plain(e);
                if (!errors.contains(n)) {
                    errors.add(n);
                }
            }
        }
        List<Note> warnings = new ArrayList<>();
        for (String w : warnings(job, row, cp)) {
            warnings.add(plain(w));
        }
        Double duration = job != null ? job.actualDuration : row.actualDuration();
        if (duration == null && row != null) {
            duration = row.actualDuration();
        }
        String model = modelName(job, cp, source);
        String output = job != null && job.outputFolder != null ? job.outputFolder
                : row != null && !row.outputFolder().isEmpty() ? row.outputFolder() : null;
        List<Path> images = files.stream().filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(".png") && Files.isRegularFile(p)).toList();
        // a history row alone tells "still has problems" apart, not "repaired" from "passed"
        String verdict = job != null && job.results != null ? job.results.verdict
                : row.warnings().stream().anyMatch(w -> w.startsWith(HistoryRecord.PROBLEM_PREFIX)) ? "problems"
                        : null;
        return Optional.of(new Detail(jobId, source, model, state, templateName, output, duration, verdict, steps, note,
                errors, warnings, images, measures(cp, model, files), log(jobId, files, model), previous(rowId, job, row)));
    }

    // ------------------------------------------------------------------------------------------- steps

    private List<Step> steps(JobDto job, JobState state, ProcessingState cp, String templateName) {
        List<String> plan = new ArrayList<>();
        if (cp != null && !cp.plan.isEmpty()) {
            plan.addAll(cp.plan);
        } else {
            Template t = templateName == null ? null : templates.apply(templateName);
            if (t != null) {
                QueueRunner.planOf(t).forEach(k -> plan.add(k.id()));
            }
        }
        if (cp != null) {
            for (String done : cp.completedSteps.keySet()) {
                if (!plan.contains(done)) {
                    plan.add(done);
                }
            }
        }
        String current = job == null ? null : job.currentStep;
        String lastDone = job == null ? null : job.lastCompletedStep;
        int lastDoneIndex = lastDone == null ? -1 : plan.indexOf(lastDone);
        boolean failedMarked = false;
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            String id = plan.get(i);
            ProcessingState.StepRecord rec = cp == null ? null : cp.completedSteps.get(id);
            StepStatus status;
            Double seconds = null;
            String note = null;
            if (rec != null) {
                status = StepStatus.DONE;
                seconds = rec.seconds;
                if (Boolean.TRUE.equals(rec.results.get("skipped"))) {
                    note = "skipped";
                }
            } else if (state == JobState.COMPLETED || i <= lastDoneIndex) {
                status = StepStatus.DONE;
            } else if (state == JobState.RUNNING && (id.equals(current) || current == null && !runningMarked(out))) {
                status = StepStatus.RUNNING;
            } else if (state == JobState.FAILED && !failedMarked) {
                status = StepStatus.FAILED;
                failedMarked = true;
            } else if (state == JobState.CANCELLED || state == JobState.SKIPPED || state == JobState.FAILED) {
                status = StepStatus.NOT_RUN;
            } else {
                status = StepStatus.TO_DO;
            }
            out.add(new Step(id, label(id), status, seconds, note));
        }
        return out;
    }

    private static boolean runningMarked(List<Step> steps) {
        return steps.stream().anyMatch(s -> s.status() == StepStatus.RUNNING);
    }

    /** "Size chart" for {@code size_chart}: a step as the window names it. */
    public static String label(String stepId) {
        String s = stepId.replace('_', ' ');
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ------------------------------------------------------------------------------------- notes

    /**
     * An error or warning line in plain words, the reason first and the path second: {@code load (part.stl):
     * /models/part.stl: Permission denied} becomes "Permission denied (while reading the STL file)" about
     * {@code /models/part.stl}.
     */
    public static Note plain(String line) {
        ErrorWords.Split s = ErrorWords.split(line, StepKind::doingOf);
        return new Note(s.reason(), s.path());
    }

    /** What the model still has wrong first (it decides whether the listing can go out), then the steps' notes. */
    private static List<String> warnings(JobDto job, HistoryRecord row, ProcessingState cp) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (job != null && job.results != null && "problems".equals(job.results.verdict)) {
            job.results.problems.forEach(p -> out.add(HistoryRecord.PROBLEM_PREFIX + p));
        }
        if (cp != null) {
            cp.completedSteps.values().forEach(r -> out.addAll(r.warnings));
        }
        if (job != null && job.results != null) {
            out.addAll(job.results.warnings);
        } else if (row != null) {
            row.warnings().stream().filter(w -> w.startsWith(HistoryRecord.PROBLEM_PREFIX)).forEach(out::add);
            out.addAll(row.warnings());
        }
        return new ArrayList<>(out);
    }

    // ------------------------------------------------------------------------------- files and figures

    private static List<Path> generated(JobDto job, HistoryRecord row) {
        List<String> names = job != null && job.results != null && !job.results.filesGenerated.isEmpty()
                ? job.results.filesGenerated : row != null ? row.filesGenerated() : List.of();
        return names.stream().map(Path::of).toList();
    }

    private static String modelName(JobDto job, ProcessingState cp, String source) {
        if (cp != null && cp.modelName != null) {
            return cp.modelName;
        }
        Object m = job == null || job.results == null ? null : job.results.details.get(org.stllisting.jobs.runner.JobFields.MODEL_NAME);
        if (m != null) {
            return m.toString();
        }
        Path name = Path.of(source).getFileName();
        String file = name == null ? source : name.toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** The analysis step's figures from the checkpoint, else from the figures file it wrote (as the report reads them). */
    private static Measures measures(ProcessingState cp, String model, List<Path> files) {
        JobFigures.Measures m = JobFigures.measures(cp, model, files.stream().map(Path::toString).toList());
        return m == null ? null : new Measures(m.sizeMm(), m.volumeMm3(), m.grams());
    }

    // ------------------------------------------------------------------------------------------- log

    /** The cache's processing log while the job has one; else the one its ending wrote beside its files. */
    private Path log(String jobId, List<Path> files, String model) {
        Path cached = home.jobCacheDir(jobId).resolve("processing.log");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        String wanted = model + "_processing.log";
        LinkedHashSet<Path> folders = new LinkedHashSet<>();
        for (Path f : files) {
            // per model <model>/renders[/color_variations]/x.png beside <model>/logs/; grouped <out>/logs/; flat <out>/
            Path p = f.getParent();
            for (int up = 0; up < 3 && p != null; up++, p = p.getParent()) {
                folders.add(p.resolve("logs"));
                folders.add(p);
            }
        }
        for (Path folder : folders) {
            Path candidate = folder.resolve(wanted);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The log's text; only its last {@value #LOG_TAIL_BYTES} bytes when it is longer, said on its first line. */
    public static String readLog(Path log) throws IOException {
        long size = Files.size(log);
        if (size <= LOG_TAIL_BYTES) {
            return Files.readString(log);
        }
        try (var ch = Files.newByteChannel(log)) {
            ch.position(size - LOG_TAIL_BYTES);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(LOG_TAIL_BYTES);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read to the end
            }
            String tail = new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8);
            int nl = tail.indexOf('\n');
            return "(the last " + LOG_TAIL_BYTES / 1024 + " KiB of " + size / 1024 + " KiB)\n"
                    + (nl >= 0 ? tail.substring(nl + 1) : tail);
        }
    }

    // ---------------------------------------------------------------------------------------- history

    /**
     * The newest history row of the same file (path or checksum) before the attempt whose row id is
     * {@code rowId}: an earlier attempt of the same job (its rows share the job's queue time), or a job queued
     * before it.
     */
    private Previous previous(String rowId, JobDto job, HistoryRecord row) throws IOException {
        String path = job != null ? job.stlPath : row.stlPath();
        String sha = job != null ? job.sourceSha256 : row.stlChecksum();
        Instant before = job != null && job.createdAt != null ? job.createdAt
                : row != null ? row.createdAt() : null;
        String sameJob = HistoryIds.jobId(rowId);
        int attempt = HistoryIds.generation(rowId);
        List<HistoryRecord> earlier = new ArrayList<>(history.similar(Path.of(path)));
        if (sha != null && !sha.isEmpty()) {
            earlier.addAll(history.similarByChecksum(sha));
        }
        return earlier.stream()
                .filter(r -> HistoryIds.jobId(r.id()).equals(sameJob) ? HistoryIds.generation(r.id()) < attempt
                        : before == null || r.createdAt() == null || r.createdAt().isBefore(before))
                .sorted((a, b) -> when(b).compareTo(when(a)))
                .findFirst()
                .map(r -> new Previous(r.id(), when(r), r.template(), r.state(), r.outputFolder()))
                .orElse(null);
    }

    private static Instant when(HistoryRecord r) {
        return Stream.of(r.completedAt(), r.createdAt()).filter(java.util.Objects::nonNull).findFirst()
                .orElse(Instant.EPOCH);
    }
}
