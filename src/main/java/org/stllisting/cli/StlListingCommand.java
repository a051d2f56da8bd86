package org.stllisting.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.stllisting.app.AppVersion;
import org.stllisting.store.Home;
import org.stllisting.store.NativeCaches;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.Json;
import org.stllisting.ui.GuiLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code stl-listing} root command; without a subcommand it opens the window. */
@Command(name = "stl-listing", mixinStandardHelpOptions = true, versionProvider = StlListingCommand.Version.class,
        description = "Validate, repair, measure and render STL files into marketplace listings.")
public final class StlListingCommand implements Callable<Integer> {
    /**
     * The subcommands, in the order help lists them. Picocli inspects a command class by reflection when it is
     * registered, which for all of them costs about 0.2 s of start-up; a command line that names one registers
     * only that one (see {@link #commandLine(PrintWriter, PrintWriter, String...)}).
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(CommandLine.HelpCommand.class, GuiCommand.class,
            RunCommand.class, ResumeCommand.class, StatusCommand.class, HistoryCommand.class, TemplatesCommand.class,
            QueueCommand.class, SessionsCommand.class, CleanupCommand.class, SettingsCommand.class, InspectCommand.class,
            RenderCommand.class, BenchCommand.class, SoakCommand.class);

    /** A subcommand's name, as its {@code @Command} annotation gives it. */
    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** Where the log goes; logback.xml reads it when the first logger is created. */
    public static final String LOG_DIR_PROPERTY = "stl.log.dir";

    /** Inherited: every subcommand accepts it too ({@code stl-listing render --home DIR ...}). */
    @Option(names = "--home", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Application home (default: $STL_LISTING_HOME or ~/.local/stl_listing_tool).")
    Path home;

    private Home resolvedHome;

    /** The application home chosen by {@code --home}, {@code STL_LISTING_HOME} or the default. */
    public Home home() {
        if (resolvedHome == null) {
            resolvedHome = Home.resolve(home);
            NativeCaches.use(resolvedHome);
        }
        return resolvedHome;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: the window. */
    @Override
    public Integer call() {
        return GuiLauncher.launch(home(), spec.commandLine().getErr());
    }

    /** Runs the command line and returns the process exit code; never throws. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        if (Arrays.asList(args).contains("--json")) {
            Json.warmUpInBackground();
        }
        return commandLine(out, err, args).execute(args);
    }

    /** The command line with every subcommand registered (for help and for callers that parse later). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, (String[]) null);
    }

    /**
     * The subcommand {@code args} name: the first argument that is neither an option nor the value of the root's
     * {@code --home}; null when there is none or it is not a known subcommand (then all are registered, so help
     * and the "unknown command" message stay complete).
     */
    static String namedSubcommand(String... args) {
        if (args == null) {
            return null;
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--home")) {
                i++;
            } else if (!a.startsWith("-")) {
                if (!a.equals("help")) {
                    for (Class<?> c : SUBCOMMANDS) {
                        if (nameOf(c).equals(a)) {
                            return a;
                        }
                    }
                }
                return null;
            }
        }
        return null;
    }

    /**
     * True when {@code args} only ask for the version ({@code -V} or {@code --version}, perhaps with {@code --home}):
     * then no subcommand is registered, since printing the version needs none of them.
     */
    static boolean asksOnlyForVersion(String... args) {
        if (args == null || args.length == 0) {
            return false;
        }
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-V") || a.equals("--version")) {
                version = true;
            } else if (a.equals("--home")) {
                i++;
            } else if (!a.startsWith("--home=")) {
                return false;
            }
        }
        return version;
    }

    /**
     * The configured command line: the home is resolved and the log directory set after parsing and before
     * any command runs; a held home ends in exit code 3 naming the holder's pid; any other exception is one
     * line on stderr (the stack trace goes to the log).
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        StlListingCommand root = new StlListingCommand();
        CommandLine cl = new CommandLine(root);
        String only = namedSubcommand(args);
        boolean none = asksOnlyForVersion(args);
        for (Class<?> command : SUBCOMMANDS) {
            if (!none && (only == null || only.equals(nameOf(command)))) {
                cl.addSubcommand(command);
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        Handlers handlers = new Handlers(root, err);
        cl.setExitCodeExceptionMapper(handlers);
        cl.setParameterExceptionHandler(handlers);
        cl.setExecutionExceptionHandler(handlers);
        cl.setExecutionStrategy(handlers);
        return cl;
    }

    /**
     * What the command line does around a command. One named class rather than lambdas: picocli's interfaces are
     * compiled for an old class-file version, and a lambda implementing one keeps it out of the launcher's
     * class-data-sharing archive (and costs a call-site bootstrap at every start).
     */
    private static final class Handlers implements CommandLine.IExitCodeExceptionMapper,
            CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler,
            CommandLine.IExecutionStrategy {
        private final StlListingCommand root;
        private final PrintWriter err;

        Handlers(StlListingCommand root, PrintWriter err) {
            this.root = root;
            this.err = err;
        }

        @Override
        public int getExitCode(Throwable t) {
            return ExitCodes.USAGE;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            err.println("stl-listing: " + ex.getMessage());
            err.println("Try 'stl-listing --help'.");
            return ExitCodes.USAGE;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parsed) {
            if (ex instanceof InstanceLock.LockedException locked) {
                err.println("stl-listing: " + locked.getMessage());
                return ExitCodes.LOCKED;
            }
            return CliErrors.report(err, ex);
        }

        @Override
        public int execute(CommandLine.ParseResult parsed) {
            Path option = null;
            for (CommandLine.ParseResult pr = parsed; pr != null; pr = pr.subcommand()) {
                Path p = pr.matchedOptionValue("--home", null);
                if (p != null) {
                    option = p;
                }
            }
            root.resolvedHome = Home.resolve(option);
            CommandLine.ParseResult last = parsed;
            while (last.subcommand() != null) {
                last = last.subcommand();
            }
            if (last.commandSpec().userObject() instanceof LeavesHomeUntouched c && c.leavesHomeUntouched()) {
                // no log file (the logging library creates it when it starts) and no library cache made
                if (System.getProperty("logback.configurationFile") == null) {
                    System.setProperty("logback.configurationFile", "logback-silent.xml");
                }
                NativeCaches.useWithoutWriting(root.resolvedHome);
                return runLast(parsed);
            }
            if (System.getProperty(LOG_DIR_PROPERTY) == null) {
                System.setProperty(LOG_DIR_PROPERTY, root.resolvedHome.logsDir().toString());
            }
            NativeCaches.use(root.resolvedHome);
            return runLast(parsed);
        }

        private int runLast(CommandLine.ParseResult parsed) {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (Error e) {
                return CliErrors.report(err, e);
            }
        }
    }

    /** A command that, with the options it was given, must leave the home exactly as it is. */
    interface LeavesHomeUntouched {
        boolean leavesHomeUntouched();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"stl-listing " + AppVersion.get()};
        }
    }
}
