package org.stllisting.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stllisting.app.AppContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A child process for the lock test: the real command line with one extra mutating command,
 * {@code hold-lock RELEASE_FILE}, which takes the home exclusively the way {@code run} does and keeps it
 * until the release file appears.
 */
public final class LockContenderMain {
    private LockContenderMain() {
    }

    @Command(name = "hold-lock")
    static final class HoldLock implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0")
        Path release;

        @Override
        public Integer call() throws Exception {
            try (AppContext ctx = HomeAccess.exclusive(spec)) {
                spec.commandLine().getOut().println("HOLDING " + ProcessHandle.current().pid());
                spec.commandLine().getOut().flush();
                long end = System.currentTimeMillis() + 60_000;
                while (!Files.exists(release) && System.currentTimeMillis() < end) {
                    Thread.sleep(20);
                }
            }
            return ExitCodes.OK;
        }
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CommandLine cl = StlListingCommand.commandLine(out, err);
        cl.addSubcommand("hold-lock", new HoldLock());
        System.exit(cl.execute(args));
    }
}
