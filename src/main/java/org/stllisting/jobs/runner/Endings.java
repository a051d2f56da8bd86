package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.jobs.steps.StepContext;
import org.stllisting.jobs.template.Template;
import org.stllisting.output.OutputLayout;
import org.stllisting.output.RunReports;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;

/**
 * Takes a job to a final state, in the order that survives a crash at any point (docs/ARCHITECTURE.md,
 * Durability): its logs and (failed or skipped) its {@code failed/} entry; the run's log line; its history
 * row; then the final state in the queue state; then the event. A crash before the state is saved redoes
 * the ending from the checkpoint, writing the same files and a history row the history ignores.
 */
final class Endings {
    private static final Logger LOG = LoggerFactory.getLogger(Endings.class);

    private Endings() {
    }

    /**
     * Ends job {@code id}, which must be in {@code from}, in {@code to} with {@code error} (null when
     * completed); {@code extra} (may be null) sets more fields. {@code ctx} is null for a job that is not on a
     * worker.
     */
    static JobDto finish(RunnerCore core, HistoryRecorder history, String id, JobState from, JobState to,
            String error, StepContext ctx, RunReports.JobLog log, UnaryOperator<JobDto> extra) throws IOException {
        JobDto current = core.states.get(id);
        Instant now = Instant.now();
        // time spent working, not the time the program was closed in between
        double duration = WorkTime.seconds(current, now);
        Transition t = Transition.finish(from, to, error, now, duration);
        if (extra != null) {
            t = t.andThen(extra);
        }
        // outputs first: if we crash here, the job is redone from its checkpoint and writes them again
        writeLogs(core, current, to, error, ctx, log);
        JobDto fin = t.preview(current);
        // the run's log line before the final state is saved: a crash in between redoes the ending, and the
        // line is written again rather than lost
        core.processingLog(fin, to.json() + (error != null ? ": " + error : ""));
        // the job's work is kept whether or not its row can be written now; a row that cannot waits (and the
        // queue pauses) until the history can be written again
        boolean recorded = history.recordOrHold(fin);
        if (to == JobState.COMPLETED) {
            core.progress.jobCompleted(duration);
        }
        JobDto stored = core.states.apply(id, t.andThen(Transition.historyFlag(recorded)));
        core.lock.run(() -> {
            core.summary.writeLocked(false);
            if (id.equals(core.stopAfterJob)) {
                // finished before it started (cancelled): nothing new starts from now on
                core.stopAfterJob = null;
                core.draining = core.active;
            }
            core.lock.signal();
        });
        return stored;
    }

    private static void writeLogs(RunnerCore core, JobDto job, JobState state, String error, StepContext ctx,
            RunReports.JobLog log) {
        try {
            Template template = ctx != null ? ctx.template() : core.templateOrNull(job);
            OutputLayout layout = ctx != null ? ctx.layout() : core.layoutFor(template);
            RunReports.writeJobLogs(layout, RunnerCore.modelName(job), job.createdAt, Path.of(job.stlPath),
                    new RunReports.Ending(state.json(), error, state == JobState.FAILED || state == JobState.SKIPPED,
                            state == JobState.COMPLETED),
                    log.text(), JobAttempt.problems(job, ctx));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the logs of job {}", job.id, e);
            core.post(new RunnerEvent.Warning(Instant.now(), job.id, RunnerCore.fileName(job),
                    "could not write the job's logs: " + JobErrors.message(e)));
        }
    }
}
