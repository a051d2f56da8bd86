package org.stllisting;

import org.stllisting.cli.CliErrors;
import org.stllisting.cli.StlListingCommand;

/**
 * Entry point of the jar. Deliberately not a JavaFX {@code Application}: the command line runs without a
 * toolkit, and only the {@code gui} subcommand starts one.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler(
                CliErrors.uncaughtHandler(new java.io.PrintWriter(System.err, true)));
        System.exit(StlListingCommand.execute(args));
    }
}
