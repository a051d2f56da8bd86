package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stllisting.jobs.recovery.Recovery;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.output.OutputFiles;
import org.stllisting.output.RunReports;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;

/**
 * Recovery steps 4–5 (docs/ARCHITECTURE.md, Recovery), run once before the first start: removes the partial
 * files of interrupted steps, sets every unfinished job to resume from the step after its checkpoint, and
 * skips (with the reason, filed under {@code failed/}) jobs whose source is gone or changed, never
 * reprocessing a changed file silently. Every change is a named {@link Transition} written to the store.
 */
final class RunRecovery {
    private final RunnerCore core;
    private final HistoryRecorder history;

    RunRecovery(RunnerCore core, HistoryRecorder history) {
        this.core = core;
        this.history = history;
    }

    /**
     * With the runner's lock held and the queue not started; {@code progress} hears the share of the jobs
     * assessed (their sources and checkpoints, the slow part).
     */
    RecoveryReport runLocked(String stateMessage, List<String> stateProblems, java.util.function.DoubleConsumer progress)
            throws IOException {
        QueueStateDto q = core.store.snapshot();
        RecoveryReport pre = Recovery.assess(q, stateMessage, stateProblems, core.home, List.of(), progress);
        List<String> removed = new ArrayList<>();
        if (pre.interrupted() || !pre.toResume().isEmpty()) {
            removed.addAll(removePartials(q));
        }
        for (RecoveryReport.JobItem item : pre.toResume()) {
            resume(item);
        }
        for (JobDto j : q.jobs) {
            JobDto now = core.states.find(j.id);
            if (now != null && now.state == JobState.RUNNING && !core.running.containsKey(j.id)) {
                core.states.apply(j.id, Transition.released());
            }
        }
        nameUnnamed();
        for (RecoveryReport.JobItem item : pre.missing()) {
            skip(item, "missing");
        }
        for (RecoveryReport.JobItem item : pre.changed()) {
            skip(item, "changed");
        }
        core.recovered = true;
        core.cursor = 0;
        // finished jobs of an earlier run that could not be recorded then
        history.recordEarlier();
        // a run cut short after its last job's final state and before its last report (the session still
        // running): nothing is left to process, so the report is written now, from the checkpoints that are
        // kept until it is, and the session finished
        if (pre.interrupted() && history.isEmptyLocked()
                && core.store.read(s -> s.size() > 0 && s.count(JobState.PENDING) + s.count(JobState.RUNNING) == 0)) {
            core.summary.writeLastLocked(true);
        }
        return new RecoveryReport(pre.sessionId(), pre.sessionCreated(), pre.lastUpdated(), pre.template(),
                pre.sessionState(), pre.interrupted(), pre.stateMessage(), pre.stateProblems(), pre.total(),
                pre.done(), pre.failed(), pre.cancelled(), pre.toResume(), pre.waiting(), pre.missing(), pre.changed(), removed);
    }

    /** Partial files of interrupted steps, in the jobs' cache folders and output folders. */
    private List<String> removePartials(QueueStateDto q) throws IOException {
        List<String> removed = new ArrayList<>();
        Set<Path> roots = new LinkedHashSet<>();
        Path base = q.queueSettings.outputBaseFolder == null ? null : Path.of(q.queueSettings.outputBaseFolder);
        for (JobDto j : q.jobs) {
            if (j.state.isFinal()) {
                continue;
            }
            try {
                roots.add(core.layoutFor(core.templateOf(j)).root());
            } catch (TemplateException | IOException e) {
                if (base != null) {
                    roots.add(base);
                }
            }
            for (Path p : OutputFiles.removePartials(core.home.jobCacheDir(j.id))) {
                removed.add(p.toString());
            }
        }
        if (base != null) {
            roots.add(base.toAbsolutePath().normalize());
        }
        for (Path root : roots) {
            for (Path p : OutputFiles.removePartials(root)) {
                removed.add(p.toString());
            }
        }
        return removed;
    }

    /** An interrupted job waits again, resuming after its checkpoint. */
    private void resume(RecoveryReport.JobItem item) throws IOException {
        ProcessingState cp = Checkpoints.read(core.home.jobCacheDir(item.jobId()));
        List<StepKind> plan = new ArrayList<>();
        if (cp != null) {
            for (String st : cp.plan) {
                plan.add(StepKind.parse(st));
            }
        }
        double pct = cp == null ? 0 : 100 * QueueProgress.of(plan, cp);
        JobDto j = core.states.get(item.jobId());
        core.states.apply(j.id, Transition.interrupted(j.state, cp, core.outputRoot(j), pct, item.nextStep()));
    }

    /**
     * Gives each unfinished job without a model name (a queue written by version 1.0 names none) its name and
     * output folder, as if it had been queued now. A job whose folder cannot be chosen keeps none: its run
     * says why.
     */
    private void nameUnnamed() throws IOException {
        Map<Path, Set<String>> taken = new HashMap<>();
        for (JobDto j : core.store.snapshot().jobs) {
            if (j.state.isFinal() || j.results.details.containsKey(JobFields.MODEL_NAME)) {
                continue;
            }
            try {
                core.assignOutput(j, taken);
            } catch (IOException e) {
                continue;
            }
            core.states.apply(j.id, Transition.named(j.state, RunnerCore.modelName(j), j.outputFolder));
        }
    }

    /** A job whose source is gone or changed is skipped with the reason, which the queue state keeps. */
    private void skip(RecoveryReport.JobItem item, String problem) throws IOException {
        JobDto j = core.states.get(item.jobId());
        if (core.running.containsKey(j.id) || j.state.isFinal()) {
            return;
        }
        Endings.finish(core, history, j.id, j.state, JobState.SKIPPED, item.problem(), null,
                new RunReports.JobLog(core.home.jobCacheDir(j.id)), Transition.sourceProblem(problem));
    }
}
