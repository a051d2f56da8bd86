package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandSequenceTest {
    @Test
    void splitsAtTheSeparatorAndSkipsEmptyCommandLines() {
        assertThat(CommandSequence.split("inspect", "a.stl", ";", ";", "--version", ";"))
                .containsExactly(new String[] {"inspect", "a.stl"}, new String[] {"--version"});
        assertThat(CommandSequence.split()).isEmpty();
        assertThat(CommandSequence.split(";")).isEmpty();
    }

    @Test
    void runsEveryCommandAndReturnsTheFirstFailure(@TempDir Path dir) {
        Path sample = Path.of(System.getProperty("stl.project", ".")).resolve("app/samples/wall_bracket.stl");
        Path png = dir.resolve("a.png");
        int code = CommandSequence.run("render", "no-such.stl", "--out", dir.resolve("x.png").toString(),
                "--home", dir.resolve("home").toString(), ";",
                "render", sample.toString(), "--out", png.toString(), "--width", "32", "--height", "32",
                "--home", dir.resolve("home").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.isRegularFile(png)).as("the command after the failure ran").isTrue();
        assertThat(CommandSequence.run("--version", ";", "--version")).isZero();
    }
}
