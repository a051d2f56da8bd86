package org.stllisting.jobs.steps;

/**
 * A step that failed for a reason worth telling the user in one sentence. {@code permanent} failures (a
 * corrupt STL, a missing or changed source) are not retried automatically: retrying cannot help.
 */
public final class StepFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    public StepFailedException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public StepFailedException(String message, boolean permanent) {
        this(message, permanent, null);
    }

    public boolean permanent() {
        return permanent;
    }
}
