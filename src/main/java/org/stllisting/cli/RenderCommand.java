package org.stllisting.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stl-listing render} (DESIGN §10). */
@Command(name = "render", mixinStandardHelpOptions = true, description = "Render one image, size chart or turntable video.")
public final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: 'render' is not available in this build yet.");
        return ExitCodes.USAGE;
    }
}
