package org.stllisting.cli;

/** Process exit codes of the command line (README, Command line). */
public final class ExitCodes {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** Some jobs, or the one file, failed; or a model still has problems (unless accepted). */
    public static final int FAILED = 1;
    /** Bad usage or unreadable input. */
    public static final int USAGE = 2;
    /** Another instance holds the application home. */
    public static final int LOCKED = 3;

    private ExitCodes() {
    }
}
