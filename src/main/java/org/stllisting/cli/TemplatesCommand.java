package org.stllisting.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stl-listing templates} (DESIGN §10). */
@Command(name = "templates", mixinStandardHelpOptions = true, description = "Processing templates: list, show, export, import.")
public final class TemplatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: 'templates' is not available in this build yet.");
        return ExitCodes.USAGE;
    }
}
