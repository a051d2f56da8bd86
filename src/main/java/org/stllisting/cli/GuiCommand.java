package org.stllisting.cli;

import java.util.concurrent.Callable;
import org.stllisting.ui.GuiLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stl-listing gui} (README, The window): opens the queue window. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the queue window.")
public final class GuiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return GuiLauncher.launch(HomeAccess.home(spec), spec.commandLine().getErr());
    }
}
