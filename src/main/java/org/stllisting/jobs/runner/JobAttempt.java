package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepContext;
import org.stllisting.jobs.steps.StepFailedException;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.template.JobSettings;
import org.stllisting.jobs.template.SettingsResolver;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.output.ModelOutputs;
import org.stllisting.output.OutputFiles;
import org.stllisting.output.OutputLayout;
import org.stllisting.output.RunReports;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;

/**
 * One attempt at one job, on a worker thread (docs/ARCHITECTURE.md, Durability): the job is already durably
 * running when it starts. Each step's files are staged, committed, checkpointed and then listed in the queue
 * state; before each step the attempt waits while the queue is paused and checks the disk. It ends in a
 * final state, a scheduled retry or (stopped) back in the queue.
 */
final class JobAttempt implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JobAttempt.class);

    private final RunnerCore core;
    private final DiskGate disk;
    private final HistoryRecorder history;
    private final Running r;
    private final JobDto started;
    private final RunReports.JobLog log;

    JobAttempt(RunnerCore core, DiskGate disk, HistoryRecorder history, Running r, JobDto started) {
        this.core = core;
        this.disk = disk;
        this.history = history;
        this.r = r;
        this.started = started;
        this.log = new RunReports.JobLog(core.home.jobCacheDir(r.id));
    }

    @Override
    public void run() {
        StepContext ctx = null;
        JobDto job = started;
        log.line("attempt " + job.attempts + " started");
        core.processingLog(job, "started" + (job.attempts > 1 ? " (attempt " + job.attempts + ")" : ""));
        try {
            Template template = core.templateOf(job);
            List<StepKind> plan = planOf(template);
            ctx = context(job, template, plan);
            r.progressAtStart = QueueProgress.of(plan, ctx.state());
            for (int i = 0; i < plan.size(); i++) {
                if (ctx.state().isDone(plan.get(i))) {
                    continue;
                }
                Running.Abort gate = awaitGate(job);
                if (gate != null) {
                    aborted(job, gate, ctx);
                    return;
                }
                job = runStep(job, plan, i, ctx);
                if (job == null) {
                    return;
                }
            }
            log.line("completed");
            finish(job, JobState.COMPLETED, null, ctx);
        } catch (Exception e) {
            // failures of the runner's own bookkeeping (disk full while checkpointing, a bad template …)
            LOG.error("job {} failed outside a step", r.id, e);
            if (ctx != null) {
                discardStaged(ctx);
            }
            try {
                failed(core.states.get(r.id), null, e, ctx);
            } catch (RuntimeException e2) {
                LOG.error("job {}: could not record the failure", r.id, e2);
            }
        } finally {
            release(ctx);
        }
    }

    private void release(StepContext ctx) {
        if (ctx != null) {
            try {
                core.steps.release(ctx);
            } catch (RuntimeException e) {
                LOG.warn("releasing job {} failed", r.id, e);
            }
        }
        core.lock.run(() -> {
            core.running.remove(r.id);
            core.lock.signal();
        });
    }

    /** The steps a template runs, in processing order; load and finalize always. */
    static List<StepKind> planOf(Template t) {
        Set<StepKind> wanted = new HashSet<>();
        for (String s : t.steps) {
            wanted.add(StepKind.parse(s));
        }
        List<StepKind> plan = new ArrayList<>();
        for (StepKind k : StepKind.values()) {
            if (k == StepKind.LOAD || k == StepKind.FINALIZE || wanted.contains(k)) {
                plan.add(k);
            }
        }
        return plan;
    }

    /** The context the steps see: options, outputs, and the checkpoint to resume from. */
    private StepContext context(JobDto job, Template template, List<StepKind> plan)
            throws IOException, TemplateException {
        OutputLayout layout = core.layoutFor(template);
        ModelOutputs outputs = layout.model(RunnerCore.modelName(job), job.createdAt);
        Path cacheDir = core.home.jobCacheDir(job.id);
        Files.createDirectories(cacheDir);
        ProcessingState state = Checkpoints.read(cacheDir);
        if (state == null) {
            state = new ProcessingState();
            state.jobId = job.id;
        }
        state.source = job.stlPath;
        state.modelName = outputs.name();
        state.plan = plan.stream().map(StepKind::id).toList();
        QueueStateDto head = core.head();
        JobSettings settings = SettingsResolver.resolve(template, head.globalRenderOptions,
                head.globalValidationOptions, job.renderOptions, job.validationOptions);
        return new StepContext(job, template, settings, Path.of(job.stlPath), outputs, cacheDir, state,
                renderThreads(), (step, fraction, message) -> core.progress.step(r, plan, step, fraction, message),
                log::line);
    }

    private int renderThreads() {
        return core.lock.get(() -> Math.max(1, core.config.cores() / Math.max(1, core.running.size())));
    }

    /** Blocks while the queue is paused; returns why the job must stop, or null to go on. */
    private Running.Abort awaitGate(JobDto job) throws InterruptedException, IOException {
        while (true) {
            Running.Abort a = waitWhilePaused();
            if (a != null) {
                return a;
            }
            if (disk.roomFor(job)) {
                return null;
            }
        }
    }

    private Running.Abort waitWhilePaused() throws InterruptedException {
        core.lock.awaitUntil(() -> r.aborted() != null || core.stopping != null || core.paused == null);
        return core.lock.get(() -> r.aborted() != null ? r.aborted()
                : core.stopping != null ? Running.Abort.STOP : null);
    }

    /** Runs step {@code index}; returns the job after it, or null when the attempt ended in it. */
    private JobDto runStep(JobDto job, List<StepKind> plan, int index, StepContext ctx) throws IOException {
        StepKind step = plan.get(index);
        ctx.begin(step);
        core.post(new RunnerEvent.StepStarted(Instant.now(), r.id, step, index, plan.size()));
        core.progress.step(r, plan, step, 0, step.doing());
        long t0 = System.nanoTime();
        r.enterStep();
        try {
            core.steps.step(step).run(ctx);
        } catch (Exception e) {
            r.leaveStep();
            discardStaged(ctx);
            Running.Abort why = r.aborted();
            if (why != null) {
                aborted(job, why, ctx);
            } else {
                failed(job, step, e, ctx);
            }
            return null;
        } catch (OutOfMemoryError e) {
            r.leaveStep();
            discardStaged(ctx);
            failed(job, step, new StepFailedException("not enough memory for this model ("
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB heap); raise -Xmx in JAVA_OPTS", true, e),
                    ctx);
            return null;
        } finally {
            r.leaveStep();
        }
        return completeStep(job, plan, index, ctx, (System.nanoTime() - t0) / 1e9);
    }

    /** Commits the step's staged files, then its checkpoint, then the queue state (in that order). */
    private JobDto completeStep(JobDto job, List<StepKind> plan, int index, StepContext ctx, double seconds)
            throws IOException {
        StepKind step = plan.get(index);
        OutputLayout layout = ctx.layout();
        List<String> files = commitStaged(ctx, layout);
        ProcessingState state = ctx.state();
        ProcessingState.StepRecord old = state.record(step);
        ProcessingState.StepRecord rec = new ProcessingState.StepRecord();
        rec.runCount = old == null ? 1 : old.runCount + 1;
        rec.completedAt = Instant.now();
        rec.seconds = seconds;
        rec.outputs = files;
        rec.warnings = new ArrayList<>(ctx.warnings());
        rec.results = new LinkedHashMap<>(ctx.results());
        state.completedSteps.put(step.id(), rec);
        state.lastCompletedStep = step.id();
        state.updatedAt = rec.completedAt;
        // the log line before the checkpoint: a step the checkpoint calls done has its line, even after a crash
        log.line(String.format(Locale.ROOT, "%s done in %.2f s%s", step.id(), seconds,
                files.isEmpty() ? "" : ": " + String.join(", ", files)));
        Checkpoints.write(ctx.cacheDir(), state);
        double pct = QueueProgress.of(plan, state) * 100;
        String next = index + 1 < plan.size() ? plan.get(index + 1).id() : null;
        JobDto updated = core.states.apply(job.id, Transition.stepDone(step.id(), next, pct,
                step.doing() + " — done", layout.root(), rec));
        r.progress = pct;
        for (String w : rec.warnings) {
            core.post(new RunnerEvent.Warning(Instant.now(), job.id, RunnerCore.fileName(job), w));
        }
        core.post(new RunnerEvent.StepCompleted(Instant.now(), job.id, step, seconds, List.copyOf(files)));
        core.post(new RunnerEvent.JobProgress(Instant.now(), job.id, pct, updated.progressMessage, updated.etaSeconds));
        core.progress.postQueue(false);
        return updated;
    }

    /** Moves the step's staged files into place and makes the renames durable; returns them, relative. */
    private static List<String> commitStaged(StepContext ctx, OutputLayout layout) throws IOException {
        List<String> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (Path[] pair : ctx.staged()) {
            if (Files.exists(pair[0], LinkOption.NOFOLLOW_LINKS)) {
                OutputFiles.commit(pair[0], pair[1]);
                folders.add(pair[1].getParent());
                files.add(layout.root().relativize(pair[1]).toString().replace('\\', '/'));
            }
        }
        // the renames must be on disk before the checkpoint says the step is done
        OutputFiles.syncFolders(folders);
        return files;
    }

    private void failed(JobDto job, StepKind step, Exception e, StepContext ctx) {
        String message = JobErrors.describe(e, step, RunnerCore.fileName(job));
        if (!(e instanceof StepFailedException)) {
            LOG.warn("job {} ({}) failed in {}", job.id, job.stlPath, step, e);
        }
        log.line("failed" + (step != null ? " in " + step.id() : "") + ": " + message);
        // a denied permission or a missing file does not heal by waiting: no automatic retry
        RetryPolicy policy = RetryPolicy.of(core.settings());
        RetryPolicy.Plan retry = policy.after(job.attempts, JobErrors.permanent(e));
        if (retry != null) {
            try {
                JobDto next = core.states.apply(job.id, Transition.retryLater(retry.failedAt(), retry.at(), retry.delaySeconds(),
                        message));
                core.rescan();
                core.processingLog(next, "failed (" + message + "); retry " + next.attempts + " of "
                        + policy.maxRetries() + " in " + Math.round(retry.delaySeconds()) + " s");
                core.post(new RunnerEvent.RetryScheduled(retry.failedAt(), job.id, RunnerCore.fileName(job),
                        next.attempts + 1, retry.at(), message));
                return;
            } catch (IOException | RuntimeException e2) {
                LOG.error("could not schedule a retry of {}", job.id, e2);
            }
        }
        try {
            finish(job, JobState.FAILED, message, ctx);
        } catch (IOException | RuntimeException e2) {
            LOG.error("could not record the failure of {}", job.id, e2);
        }
    }

    private void aborted(JobDto job, Running.Abort why, StepContext ctx) throws IOException {
        switch (why) {
            case CANCEL -> {
                log.line("cancelled");
                finish(job, JobState.CANCELLED, "Cancelled by the user", ctx);
            }
            case TIMEOUT -> {
                String msg = "timed out after " + core.settings().jobTimeoutSeconds + " s (the per-job limit; raise"
                        + " job_timeout_seconds for very large models)";
                log.line(msg);
                finish(job, JobState.FAILED, msg, ctx);
            }
            case STOP -> {
                String next = ctx == null ? null : nextStep(ctx);
                core.states.apply(job.id, Transition.stopped(next));
                core.rescan();
                log.line("stopped" + (next != null ? "; resumes with " + next : ""));
            }
        }
    }

    private static String nextStep(StepContext ctx) {
        for (String s : ctx.state().plan) {
            if (!ctx.state().completedSteps.containsKey(s)) {
                return s;
            }
        }
        return null;
    }

    private void finish(JobDto job, JobState state, String error, StepContext ctx) throws IOException {
        Endings.finish(core, history, job.id, JobState.RUNNING, state, error, ctx, log, null);
    }

    private static void discardStaged(StepContext ctx) {
        for (Path[] pair : ctx.staged()) {
            try {
                Files.deleteIfExists(pair[0]);
            } catch (IOException e) {
                LOG.warn("could not remove partial file {}", pair[0], e);
            }
        }
    }

    /** What a finished job's logs list: its errors (error log) and every step's warnings (warnings log). */
    static RunReports.Problems problems(JobDto job, StepContext ctx) {
        Set<String> warnings = new LinkedHashSet<>();
        if (ctx != null) {
            for (ProcessingState.StepRecord rec : ctx.state().completedSteps.values()) {
                warnings.addAll(rec.warnings);
            }
        }
        return new RunReports.Problems(job.results.errors, new ArrayList<>(warnings));
    }

}
