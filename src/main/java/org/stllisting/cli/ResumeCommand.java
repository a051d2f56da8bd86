package org.stllisting.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stl-listing resume} (DESIGN §10). */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Recover and finish an interrupted queue.")
public final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: 'resume' is not available in this build yet.");
        return ExitCodes.USAGE;
    }
}
