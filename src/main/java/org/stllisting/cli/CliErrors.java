package org.stllisting.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an unexpected exception into one line on stderr; the stack trace goes to the log only. */
public final class CliErrors {
    private static final Logger LOG = LoggerFactory.getLogger(CliErrors.class);

    private CliErrors() {
    }

    public static int report(PrintWriter err, Exception ex) {
        LOG.error("command failed", ex);
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println("stl-listing: " + msg.lines().findFirst().orElse(msg));
        return ExitCodes.FAILED;
    }
}
