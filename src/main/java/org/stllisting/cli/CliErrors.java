package org.stllisting.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an unexpected exception into one line on stderr; the stack trace goes to the log only. */
public final class CliErrors {
    /**
     * Looked up when something is logged, not when the class loads: the first logger fixes where the log
     * goes, and the home (whose logs/ folder it is) is only known once the command line is parsed.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(CliErrors.class);
    }

    private CliErrors() {
    }

    public static int report(PrintWriter err, Exception ex) {
        log().error("command failed", ex);
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println("stl-listing: " + msg.lines().findFirst().orElse(msg));
        return ExitCodes.FAILED;
    }

    /**
     * An error of the program or the JVM (out of memory, stack overflow) that ended a command: one line naming
     * it, what to do and where the details are; the stack trace goes to the log.
     */
    public static int report(PrintWriter err, Error error) {
        String log = logFile();
        try {
            log().error("command failed", error);
        } catch (Throwable ignored) {
            // the line below still tells the user; the log is a best effort when memory is gone
        }
        String why = error.getMessage() == null || error.getMessage().isBlank() ? ""
                : ": " + error.getMessage().lines().findFirst().orElse("");
        if (error instanceof OutOfMemoryError) {
            err.println("stl-listing: out of memory (" + (why.isEmpty() ? "OutOfMemoryError" : why.substring(2))
                    + "); start the program with more (JAVA_OPTS=-Xmx" + Math.max(2,
                    2 * ((Runtime.getRuntime().maxMemory() + (1L << 30) - 1) >> 30)) + "g) or give it smaller files;"
                    + " details in " + log);
        } else {
            err.println("stl-listing: internal error (" + error.getClass().getSimpleName() + why + "); details in "
                    + log);
        }
        err.flush();
        return ExitCodes.FAILED;
    }

    /**
     * For a thread that ends on an exception nobody caught (a worker, a timer): one line on {@code err} naming the
     * thread and the error, the stack trace in the log, instead of the JVM's trace on the terminal.
     */
    public static Thread.UncaughtExceptionHandler uncaughtHandler(PrintWriter err) {
        return (thread, failure) -> {
            try {
                log().error("uncaught in thread {}", thread.getName(), failure);
            } catch (Throwable ignored) {
                // the line below still tells the user
            }
            String why = failure.getMessage() == null || failure.getMessage().isBlank() ? ""
                    : ": " + failure.getMessage().lines().findFirst().orElse("");
            err.println("stl-listing: internal error in thread " + thread.getName() + " ("
                    + failure.getClass().getSimpleName() + why + "); details in " + logFile());
            err.flush();
        };
    }

    /** The log file the stack traces go to. */
    private static String logFile() {
        String dir = System.getProperty(StlListingCommand.LOG_DIR_PROPERTY);
        return dir == null ? "the log" : java.nio.file.Path.of(dir, "stl-listing.log").toString();
    }
}
