package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StlListingCommandTest {
    private static CommandLine parsedFor(String... args) {
        return StlListingCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                args);
    }

    @Test
    void aNamedCommandRegistersOnlyThatCommand() {
        assertThat(parsedFor("inspect", "a.stl").getSubcommands()).containsOnlyKeys("inspect");
        assertThat(parsedFor("--home", "/tmp/h", "render", "a.stl").getSubcommands()).containsOnlyKeys("render");
        assertThat(parsedFor("--home=/tmp/h", "status").getSubcommands()).containsOnlyKeys("status");
    }

    @Test
    void helpNoCommandOrAnUnknownOneRegistersEveryCommand() {
        String[] all = {"help", "gui", "run", "resume", "status", "history", "templates", "queue", "sessions", "cleanup",
            "settings", "inspect", "render", "bench", "soak"};
        assertThat(parsedFor().getSubcommands()).containsOnlyKeys(all);
        assertThat(parsedFor("help", "inspect").getSubcommands()).containsOnlyKeys(all);
        assertThat(parsedFor("inspekt").getSubcommands()).containsOnlyKeys(all);
        assertThat(parsedFor("--home", "inspect").getSubcommands()).containsOnlyKeys(all);
    }

    @Test
    void askingOnlyForTheVersionRegistersNoCommand() {
        assertThat(parsedFor("--version").getSubcommands()).isEmpty();
        assertThat(parsedFor("-V").getSubcommands()).isEmpty();
        assertThat(parsedFor("--home", "/tmp/h", "--version").getSubcommands()).isEmpty();
        assertThat(parsedFor("--version", "--help").getSubcommands()).hasSameSizeAs(parsedFor().getSubcommands());
        assertThat(parsedFor("--version", "inspekt").getSubcommands()).hasSameSizeAs(parsedFor().getSubcommands());
        assertThat(parsedFor("--version", "render").getSubcommands()).containsOnlyKeys("render");

        StringWriter out = new StringWriter();
        assertThat(StlListingCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "--version")).isZero();
        assertThat(out.toString()).startsWith("stl-listing ");
    }

    @Test
    void rootHelpListsEveryCommandAndAnUnknownCommandIsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(StlListingCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "--help"))
                .isZero();
        assertThat(out.toString()).contains("inspect", "render", "cleanup", "history", "bench", "soak");

        StringWriter err2 = new StringWriter();
        int code = StlListingCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true),
                "inspekt", "a.stl");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err2.toString()).contains("inspekt");
    }

    /** A command that fails with whatever it is given. */
    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final Throwable failure;

        Boom(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        }
    }

    private static String[] failWith(Throwable failure, Path home) {
        StringWriter err = new StringWriter();
        CommandLine cl = StlListingCommand.commandLine(new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        cl.addSubcommand("boom", new Boom(failure));
        int code = cl.execute("--home", home.toString(), "boom");
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void anErrorInACommandEndsAsOneLineOnStderrNeverAStackTrace(@TempDir Path home) {
        String[] oom = failWith(new OutOfMemoryError("Java heap space"), home);
        assertThat(oom[0]).isEqualTo(Integer.toString(ExitCodes.FAILED));
        assertThat(oom[1].lines().toList()).hasSize(1);
        assertThat(oom[1]).startsWith("stl-listing: out of memory (Java heap space)").contains("JAVA_OPTS=-Xmx")
                .contains("stl-listing.log");

        String[] overflow = failWith(new StackOverflowError(), home);
        assertThat(overflow[0]).isEqualTo(Integer.toString(ExitCodes.FAILED));
        assertThat(overflow[1].lines().toList()).hasSize(1);
        assertThat(overflow[1]).startsWith("stl-listing: internal error (StackOverflowError)")
                .contains("stl-listing.log");

        String[] plain = failWith(new IllegalStateException(), home);
        assertThat(plain[0]).isEqualTo(Integer.toString(ExitCodes.FAILED));
        assertThat(plain[1].strip()).isEqualTo("stl-listing: IllegalStateException");
    }

    @Test
    void aThreadThatDiesOnAnUncaughtErrorLeavesOneLineNamingIt() throws Exception {
        StringWriter err = new StringWriter();
        Thread t = new Thread(() -> {
            throw new IllegalStateException("the frame queue closed\nsecond line");
        }, "turntable-encoder");
        t.setUncaughtExceptionHandler(CliErrors.uncaughtHandler(new PrintWriter(err, true)));
        t.start();
        t.join();
        assertThat(err.toString().lines().toList()).hasSize(1);
        assertThat(err.toString()).startsWith("stl-listing: internal error in thread turntable-encoder "
                + "(IllegalStateException: the frame queue closed); details in ");
    }
}
