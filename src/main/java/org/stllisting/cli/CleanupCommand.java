package org.stllisting.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stl-listing cleanup} (README, Command line). */
@Command(name = "cleanup", mixinStandardHelpOptions = true, description = "Clean caches, old sessions, backups and history.")
public final class CleanupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: 'cleanup' is not available in this build yet.");
        return ExitCodes.USAGE;
    }
}
