package org.stllisting.store.queue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The states of a job (README, Processing a folder) and the transitions between them. Anything not in the table is a bug
 * in the caller: {@link #check} throws {@link IllegalTransitionException}, and the queue state store
 * refuses to write it.
 *
 * <pre>
 * pending   → running, cancelled, skipped
 * running   → completed, failed, cancelled, skipped, pending (stopped now / interrupted: resume later)
 * failed    → pending (retry)
 * cancelled → pending (retry)
 * skipped   → pending (retry)
 * completed → pending (process again)
 * </pre>
 * Staying in the same state is always allowed (a step or progress update).
 */
public enum JobState {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, SKIPPED;

    private static final Map<JobState, Set<JobState>> NEXT = Map.of(
            PENDING, EnumSet.of(RUNNING, CANCELLED, SKIPPED),
            RUNNING, EnumSet.of(COMPLETED, FAILED, CANCELLED, SKIPPED, PENDING),
            FAILED, EnumSet.of(PENDING),
            CANCELLED, EnumSet.of(PENDING),
            SKIPPED, EnumSet.of(PENDING),
            COMPLETED, EnumSet.of(PENDING));

    /** True for completed, failed, cancelled and skipped: the job needs nothing more unless retried. */
    public boolean isFinal() {
        return this != PENDING && this != RUNNING;
    }

    public boolean canMoveTo(JobState next) {
        return next == this || NEXT.get(this).contains(next);
    }

    /** Throws when {@code from → to} is not a legal transition. */
    public static void check(String jobId, JobState from, JobState to) {
        if (from == null || to == null) {
            throw new IllegalTransitionException(jobId, from, to);
        }
        if (!from.canMoveTo(to)) {
            throw new IllegalTransitionException(jobId, from, to);
        }
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JobState parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
