package org.stllisting.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stl-listing queue} (DESIGN §10). */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Export or import the queue.")
public final class QueueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: 'queue' is not available in this build yet.");
        return ExitCodes.USAGE;
    }
}
