package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar as a user sees it on a terminal: a real run in a child JVM whose output is a
 * pseudo-terminal ({@code script} from util-linux).
 */
class ConsoleBarTerminalTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

    @TempDir
    Path tmp;

    @Test
    void theBarCountsModelsNotThousandthsAndShowsAtMostOneTime() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux script is needed for a pseudo-terminal");
        Path home = TinyRuns.tinyHome(tmp);
        TinyRuns.models(tmp.resolve("src"), 3);
        List<String> cmd = TinyRuns.command("-Xmx384m", home, "run", tmp.resolve("src").toString(), "--out",
                tmp.resolve("out").toString(), "--template", "tiny");
        String line = cmd.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-qec", line, "/dev/null")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("tty.txt").toFile());
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String tty = ANSI.matcher(Files.readString(tmp.resolve("tty.txt"), StandardCharsets.UTF_8)).replaceAll("");
        assertThat(p.exitValue()).as(tty).isZero();
        List<String> frames = Arrays.stream(tty.split("[\r\n]+|(?=Processing +\\d+%)"))
                .filter(f -> f.matches("Processing +\\d+%.*")).toList();
        assertThat(frames).as(tty).isNotEmpty();
        for (String f : frames) {
            assertThat(f).as(tty).doesNotContain("/1000").containsPattern("\\d/3 models");
            assertThat(ConsoleCountsTest.CLOCK.matcher(f).results().count()).as(f).isLessThanOrEqualTo(1);
        }
        assertThat(frames.get(frames.size() - 1)).contains("100%").contains("3/3 models");
    }
}
