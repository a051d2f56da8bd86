package org.stllisting.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stl-listing inspect} (DESIGN §10). */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Validate and analyze one STL file.")
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: 'inspect' is not available in this build yet.");
        return ExitCodes.USAGE;
    }
}
