package org.stllisting.jobs.runner;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stllisting.store.queue.JobDto;

/**
 * The id of a job's history row: the job's own id, with {@code -r<n>} after it once the job has been queued
 * again by hand n times (retry, run again), so that each outcome is recorded once; and back from a row's id to
 * its job and attempt.
 */
public final class HistoryIds {
    private static final Pattern AGAIN = Pattern.compile("(.+)-r([1-9][0-9]{0,8})");

    private HistoryIds() {
    }

    /** The id of the history row of the job's current attempt. */
    public static String of(JobDto j) {
        Object gen = j.results == null ? null : j.results.details.get(JobFields.GENERATION);
        return gen instanceof Number n && n.intValue() > 0 ? j.id + "-r" + n.intValue() : j.id;
    }

    /** The id of the job a history row belongs to ({@code job_x} for {@code job_x-r2}). */
    public static String jobId(String historyId) {
        Matcher m = AGAIN.matcher(historyId);
        return m.matches() ? m.group(1) : historyId;
    }

    /** How many times the job had been queued again when its row was written: 0 for its first row. */
    public static int generation(String historyId) {
        Matcher m = AGAIN.matcher(historyId);
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }
}
