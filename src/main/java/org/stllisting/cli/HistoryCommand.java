package org.stllisting.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stl-listing history} (DESIGN §10). */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Job history: list, show, similar, stats.")
public final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: 'history' is not available in this build yet.");
        return ExitCodes.USAGE;
    }
}
