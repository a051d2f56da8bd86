package org.stllisting.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stl-listing run} (DESIGN §10). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Queue STL files and folders and process them headless.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: 'run' is not available in this build yet.");
        return ExitCodes.USAGE;
    }
}
