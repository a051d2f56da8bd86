package org.stllisting.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stl-listing status} (DESIGN §10). */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the queue, its jobs and the lock holder.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: 'status' is not available in this build yet.");
        return ExitCodes.USAGE;
    }
}
