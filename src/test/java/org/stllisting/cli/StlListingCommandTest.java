package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
        String[] all = {"help", "gui", "run", "resume", "status", "history", "templates", "queue", "cleanup",
            "inspect", "render", "bench", "soak"};
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
        assertThat(parsedFor("--version", "--help").getSubcommands()).hasSize(13);
        assertThat(parsedFor("--version", "inspekt").getSubcommands()).hasSize(13);
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
}
