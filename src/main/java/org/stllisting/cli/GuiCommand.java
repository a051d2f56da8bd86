package org.stllisting.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stl-listing gui} (DESIGN §10). */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the queue window.")
public final class GuiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: 'gui' is not available in this build yet.");
        return ExitCodes.USAGE;
    }
}
