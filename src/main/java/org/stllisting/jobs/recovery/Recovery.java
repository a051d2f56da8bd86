package org.stllisting.jobs.recovery;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stllisting.jobs.queue.SourceIdentity;
import org.stllisting.jobs.runner.JobFields;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.output.FileNames;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.LoadResult;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.SessionState;

/**
 * Steps 1–3 of recovery (docs/ARCHITECTURE.md, Recovery), changing nothing: the queue state as loaded (with its fallback
 * message), each unfinished job's source checked by size, time and checksum, and its completed steps read
 * from its checkpoint. Steps 4–5 (removing partial files, setting each job to resume or, when its source is gone or changed, to skipped)
 * are {@link org.stllisting.jobs.runner.QueueRunner#recover()}. Usable read-only while another instance runs
 * ({@code status}). Stateless.
 */
public final class Recovery {
    private Recovery() {
    }

    public static RecoveryReport assess(LoadResult loaded, Home home) {
        return assess(loaded.state(), loaded.message(), loaded.problems(), home, List.of());
    }

    public static RecoveryReport assess(QueueStateDto q, String stateMessage, List<String> problems, Home home,
            List<String> partialsRemoved) {
        return assess(q, stateMessage, problems, home, partialsRemoved, f -> { });
    }

    /**
     * As {@link #assess(QueueStateDto, String, List, Home, List)}, telling {@code progress} the share of the
     * jobs looked at (0–1; at most once per hundredth, and 1 at the end).
     */
    public static RecoveryReport assess(QueueStateDto q, String stateMessage, List<String> problems, Home home,
            List<String> partialsRemoved, java.util.function.DoubleConsumer progress) {
        int every = Math.max(1, (q.jobs.size() + 99) / 100);
        int looked = 0;
        int done = 0;
        int failed = 0;
        int cancelled = 0;
        boolean anyRunning = false;
        List<RecoveryReport.JobItem> resume = new ArrayList<>();
        List<RecoveryReport.JobItem> waiting = new ArrayList<>();
        List<RecoveryReport.JobItem> missing = new ArrayList<>();
        List<RecoveryReport.JobItem> changed = new ArrayList<>();
        for (JobDto j : q.jobs) {
            anyRunning |= j.state == JobState.RUNNING;
        }
        boolean interrupted = anyRunning || q.sessionState == SessionState.RUNNING
                || q.sessionState == SessionState.PAUSED;
        for (JobDto j : q.jobs) {
            if (++looked % every == 0) {
                progress.accept((double) looked / q.jobs.size());
            }
            if (j.state.isFinal()) {
                switch (j.state) {
                    case COMPLETED -> done++;
                    case FAILED -> failed++;
                    default -> cancelled++;
                }
                continue;
            }
            String model = model(j);
            boolean started = j.attempts > 0 || j.lastCompletedStep != null || j.sourceSha256 != null;
            // a file edited before its job ever started is simply processed as it is now, unless the session
            // was interrupted: then everything that changed behind the user's back is reported
            SourceIdentity.Check check = SourceIdentity.check(j);
            if (check == SourceIdentity.Check.CHANGED && !started && !interrupted) {
                check = SourceIdentity.Check.UNCHANGED;
            }
            ProcessingState cp = null;
            try {
                cp = Checkpoints.read(home.jobCacheDir(j.id));
            } catch (IllegalArgumentException e) {
                cp = null;
            }
            int stepsDone = cp == null ? 0 : cp.completedSteps.size();
            int stepsTotal = cp == null ? 0 : cp.plan.size();
            String last = cp != null ? cp.lastCompletedStep : j.lastCompletedStep;
            String next = null;
            if (cp != null) {
                for (String s : cp.plan) {
                    if (!cp.completedSteps.containsKey(s)) {
                        next = s;
                        break;
                    }
                }
            }
            if (check == SourceIdentity.Check.MISSING) {
                missing.add(new RecoveryReport.JobItem(j.id, j.stlPath, model, last, next, stepsDone, stepsTotal,
                        "the source file " + j.stlPath + " no longer exists"));
            } else if (check == SourceIdentity.Check.CHANGED) {
                changed.add(new RecoveryReport.JobItem(j.id, j.stlPath, model, last, next, stepsDone, stepsTotal,
                        "the source file changed since it was queued; retry the job to process the new version"));
            } else if (cp != null && stepsDone > 0 || j.state == JobState.RUNNING) {
                resume.add(new RecoveryReport.JobItem(j.id, j.stlPath, model, last, next, stepsDone, stepsTotal, null));
            } else {
                waiting.add(new RecoveryReport.JobItem(j.id, j.stlPath, model, null, null, 0, 0, null));
            }
        }
        progress.accept(1);
        return new RecoveryReport(q.queueSessionId, q.createdAt, q.lastUpdated, q.template, q.sessionState,
                interrupted, stateMessage, problems, q.jobs.size(), done, failed, cancelled, resume, waiting, missing, changed,
                partialsRemoved);
    }

    static String model(JobDto j) {
        Object m = j.results == null ? null : j.results.details.get(JobFields.MODEL_NAME);
        return m != null ? m.toString() : FileNames.modelName(Path.of(j.stlPath).getFileName().toString());
    }
}
