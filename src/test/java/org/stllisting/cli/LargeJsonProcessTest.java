package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Huge JSON files given to the command line in a real process with a 256 MB heap: each is refused with one line
 * on stderr that names the file and the limit, never an OutOfMemoryError or a stack trace on the terminal.
 */
class LargeJsonProcessTest {
    @TempDir
    Path dir;

    @Test
    void aHundredMegabyteTemplateIsRefusedInOneLineAt256Megabytes() throws Exception {
        // a 15-million-entry array: 105 MB of text, several times the heap once parsed
        Path big = dir.resolve("big_template.json");
        write(big, "{\"version\":2,\"name\":\"big\",\"display_name\":\"Big\",\"steps\":[", "\"load\"", 15_000_000, "]}");

        Result r = run("templates", "import", big.toString());

        assertThat(r.exit).as("exit code; stderr:%n%s", r.err).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err.lines().toList()).hasSize(1);
        assertThat(r.err).startsWith("stl-listing: " + big).contains("100.1 MB").contains("1 MB")
                .doesNotContain("Exception").doesNotContain("OutOfMemory");
        assertThat(r.out).isEmpty();
        assertThat(dir.resolve("home/templates")).doesNotExist();
    }

    @Test
    void aQueueFileOfFifteenMillionJobsIsRefusedInOneLineAt256Megabytes() throws Exception {
        // 45 MB of "{}": every entry would become a job of several hundred bytes
        Path big = dir.resolve("big_queue.json");
        write(big, "{\"version\":\"2.0\",\"jobs\":[", "{}", 15_000_000, "]}");

        Result r = run("queue", "import", big.toString());

        assertThat(r.exit).as("exit code; stderr:%n%s", r.err).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err.lines().toList()).hasSize(1);
        assertThat(r.err).startsWith("stl-listing: " + big).contains("JAVA_OPTS=-Xmx")
                .doesNotContain("Exception").doesNotContain("OutOfMemory");
        assertThat(r.out).isEmpty();
    }

    private record Result(int exit, String out, String err) {
    }

    private static void write(Path file, String head, String entry, int count, String tail) throws IOException {
        byte[] e = entry.getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(e);
            }
            out.write(tail.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private Result run(String... args) throws Exception {
        List<String> cmd = TinyRuns.command("-Xmx256m", dir.resolve("home"), args);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the command did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
