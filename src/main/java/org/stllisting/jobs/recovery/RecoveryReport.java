package org.stllisting.jobs.recovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stllisting.store.queue.SessionState;

/**
 * What recovery found in an interrupted (or any) queue (docs/ARCHITECTURE.md, Recovery): the session, which file the queue
 * state came from, and each unfinished job's situation. The CLI prints {@link #describe()}; the window's
 * recovery dialog shows the same facts.
 *
 * @param interrupted true when the session did not end cleanly (it was running or paused, or jobs were
 *     running): the case the recovery dialog is for
 * @param stateMessage which queue file was used and why (a backup after a corrupt snapshot, for one)
 * @param done jobs completed
 * @param failed jobs that failed
 * @param cancelled jobs cancelled or skipped
 * @param toResume started jobs that continue from their next step
 * @param waiting jobs not started yet
 * @param missing jobs whose source file is gone
 * @param changed jobs whose source file changed since it was queued (not reprocessed silently)
 * @param partialsRemoved partial files of interrupted steps that were (or would be) removed
 */
public record RecoveryReport(String sessionId, Instant sessionCreated, Instant lastUpdated, String template,
        SessionState sessionState, boolean interrupted, String stateMessage, List<String> stateProblems, int total,
        int done, int failed, int cancelled, List<JobItem> toResume, List<JobItem> waiting, List<JobItem> missing, List<JobItem> changed,
        List<String> partialsRemoved) {

    /**
     * One job.
     *
     * @param nextStep the step it continues with (null when not known)
     * @param stepsDone completed steps (from its checkpoint)
     */
    public record JobItem(String jobId, String source, String model, String lastCompletedStep, String nextStep,
            int stepsDone, int stepsTotal, String problem) {
    }

    public RecoveryReport {
        stateProblems = List.copyOf(stateProblems);
        toResume = List.copyOf(toResume);
        waiting = List.copyOf(waiting);
        missing = List.copyOf(missing);
        changed = List.copyOf(changed);
        partialsRemoved = List.copyOf(partialsRemoved);
    }

    public int unfinished() {
        return toResume.size() + waiting.size();
    }

    /** Jobs in a final state: done, failed, cancelled or skipped. */
    public int finished() {
        return done + failed + cancelled;
    }

    /**
     * The jobs by where they stand, e.g. "5 done, 2 failed, 3 to resume, 0 not started, 0 missing, 0 changed"
     * (cancelled and skipped jobs when there are any): failed jobs are not done.
     */
    public String counts() {
        return String.format(Locale.ROOT, "%d done, %d failed, %s%d to resume, %d not started, %d missing, %d changed",
                done, failed, cancelled > 0 ? cancelled + " cancelled or skipped, " : "", toResume.size(),
                waiting.size(), missing.size(), changed.size());
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** A few lines for a terminal. */
    public String describe() {
        List<String> l = new ArrayList<>();
        if (isEmpty()) {
            l.add("No queue.");
            return String.join(System.lineSeparator(), l);
        }
        l.add(String.format(Locale.ROOT, "%s session %s (template %s), started %s, last saved %s",
                interrupted ? "Interrupted" : "Queue", shortId(sessionId), template == null ? "-" : template,
                sessionCreated, lastUpdated));
        if (stateMessage != null && !stateMessage.isBlank()) {
            l.add("  Queue state: " + stateMessage);
        }
        for (String p : stateProblems) {
            l.add("  Problem: " + p);
        }
        l.add("  " + total + " jobs: " + counts());
        for (JobItem j : toResume) {
            l.add(String.format(Locale.ROOT, "  resume   %s: %d of %d steps done, next %s", j.model(), j.stepsDone(),
                    j.stepsTotal(), j.nextStep() == null ? "-" : j.nextStep()));
        }
        for (JobItem j : missing) {
            l.add("  missing  " + j.model() + ": " + j.problem());
        }
        for (JobItem j : changed) {
            l.add("  changed  " + j.model() + ": " + j.problem());
        }
        if (!partialsRemoved.isEmpty()) {
            l.add("  " + partialsRemoved.size() + " partial file(s) of interrupted steps removed");
        }
        return String.join(System.lineSeparator(), l);
    }

    private static String shortId(String id) {
        return id == null ? "-" : id.length() > 8 ? id.substring(0, 8) : id;
    }
}
