package org.stllisting.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.stllisting.app.AppVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code stl-listing} root command; without a subcommand it opens the window. */
@Command(name = "stl-listing", mixinStandardHelpOptions = true, versionProvider = StlListingCommand.Version.class,
        description = "Validate, repair, measure and render STL files into marketplace listings.",
        subcommands = {
            CommandLine.HelpCommand.class,
            GuiCommand.class,
            RunCommand.class,
            ResumeCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            TemplatesCommand.class,
            QueueCommand.class,
            CleanupCommand.class,
            InspectCommand.class,
            RenderCommand.class,
            BenchCommand.class,
        })
public final class StlListingCommand implements Callable<Integer> {
    @Mixin
    HomeOption home;

    @Override
    public Integer call() {
        return new CommandLine(this).execute("--help");
    }

    /** Runs the command line and returns the process exit code; never throws. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new StlListingCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(t -> ExitCodes.USAGE);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("stl-listing: " + ex.getMessage());
            err.println("Try 'stl-listing --help'.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> CliErrors.report(err, ex));
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"stl-listing " + AppVersion.get()};
        }
    }
}
