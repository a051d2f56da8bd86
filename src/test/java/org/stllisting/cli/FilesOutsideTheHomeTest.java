package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run in a child JVM whose user home and temporary folder are empty folders of the test: the packaged
 * ffmpeg, the font cache and SQLite's native library all stay in the application home, and a
 * {@code kill -9} leaves nothing in the temporary folder.
 */
class FilesOutsideTheHomeTest {
    @TempDir
    Path tmp;

    private Process start(Path user, Path temp, Path home, Path log, String... args) throws IOException {
        List<String> cmd = TinyRuns.command("-Xmx384m", home, args);
        cmd.addAll(1, List.of("-Duser.home=" + user, "-Djava.io.tmpdir=" + temp));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<Path> everything(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).toList();
        }
    }

    @Test
    void aRunWithVideoAndChartsWritesNothingOutsideTheHomeAndAKillLeavesNothingInTmp() throws Exception {
        Path user = Files.createDirectories(tmp.resolve("user"));
        Path temp = Files.createDirectories(tmp.resolve("tmp"));
        Path home = tmp.resolve("home");
        TinyRuns.installTinyTemplate(home, true);
        TinyRuns.models(tmp.resolve("in"), 2);
        Path log = tmp.resolve("run.log");
        Process run = start(user, temp, home, log, "run", tmp.resolve("in").toString(), "--out",
                tmp.resolve("out").toString(), "--template", "tiny");
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(log)).isZero();
        assertThat(everything(user)).as("nothing in the user's home").isEmpty();
        assertThat(everything(temp)).as("nothing in the temporary folder").isEmpty();
        assertThat(home.resolve("cache/javacpp")).as("the packaged ffmpeg is unpacked in the home").isDirectory();

        // killed in the middle of a run: nothing left in the temporary folder, before or after the next start
        TinyRuns.models(tmp.resolve("in2"), 4);
        Process killed = start(user, temp, home, tmp.resolve("killed.log"), "run", tmp.resolve("in2").toString(),
                "--out", tmp.resolve("out2").toString(), "--template", "tiny");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(home.resolve("job_history.db")) || everything(home.resolve("cache/job_cache")).size() < 3) {
            assertThat(System.nanoTime()).as("the run got going").isLessThan(deadline);
            Thread.sleep(50);
        }
        killed.destroyForcibly(); // SIGKILL
        killed.waitFor(20, TimeUnit.SECONDS);
        assertThat(everything(temp)).as("nothing in the temporary folder after kill -9").isEmpty();
        Process resumed = start(user, temp, home, tmp.resolve("resumed.log"), "resume");
        assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(everything(temp)).isEmpty();
        assertThat(everything(user)).isEmpty();
    }
}
