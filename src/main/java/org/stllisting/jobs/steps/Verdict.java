package org.stllisting.jobs.steps;

import java.util.Locale;

/** A model's verdict against its template's validation level, as the job keeps it ({@code passed} …). */
public enum Verdict {
    /** Valid as it came. */
    PASSED,
    /** Not valid as it came; the repair made it valid. */
    REPAIRED,
    /** Still not valid: after the repair, or validation failed and the template has no repair. */
    PROBLEMS;

    /** The word the job's results, the summaries and the command line use: {@code passed}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verdict of that word, or null (none yet, or a word this version does not know). */
    public static Verdict of(String id) {
        for (Verdict v : values()) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        return null;
    }
}
