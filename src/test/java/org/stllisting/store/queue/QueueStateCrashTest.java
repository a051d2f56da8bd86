package org.stllisting.store.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;

/**
 * Kills a real child JVM with SIGKILL at random moments while it changes the queue, and checks after every
 * kill that the store loads a complete state containing every change the child acknowledged: never torn,
 * never empty, never older — and never something the child did not do.
 */
class QueueStateCrashTest {
    private static final int KILLS = 52;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedChangeSurvivesKillDashNine() throws Exception {
        Home home = Home.at(dir.resolve("home"));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int next = 0;
        int lastMatched = -1;
        int acknowledgedTotal = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            // the child's output goes to a file: killing it closes our end of a pipe, and unread
            // acknowledgements would be lost
            Path out = dir.resolve("child-" + kill + ".out");
            Process p = child(home, next, out);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("READY") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(Files.readString(out)).as("child start (seed %d)", seed).contains("READY");
            Thread.sleep(10 + random.nextInt(150));
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int lastAck = next - 1;
            for (String line : Files.readAllLines(out)) {
                if (line.startsWith("ACK ")) {
                    lastAck = Integer.parseInt(line.substring(4).trim());
                }
            }
            Files.delete(out);
            acknowledgedTotal += lastAck - (next - 1);

            LoadResult r = QueueStateStore.read(home);
            assertThat(r.source()).as("kill %d (seed %d): %s", kill, seed, r.message())
                    .isIn(LoadResult.Source.SNAPSHOT, lastAck < 0 ? LoadResult.Source.NEW : LoadResult.Source.SNAPSHOT);
            assertThat(r.fellBack()).as("kill %d (seed %d): %s", kill, seed, r.message()).isFalse();
            assertThat(r.problems()).as("kill %d (seed %d)", kill, seed).isEmpty();
            int matched;
            if (CrashScript.matches(r.state(), lastAck)) {
                matched = lastAck;
            } else if (CrashScript.matches(r.state(), lastAck + 1)) {
                matched = lastAck + 1; // durable, killed before it could print the acknowledgement
            } else {
                throw new AssertionError("kill " + kill + " (seed " + seed + "): loaded state " + CrashScript.of(r.state())
                        + " is neither the state after change " + lastAck + " " + CrashScript.expected(lastAck)
                        + " nor after " + (lastAck + 1));
            }
            assertThat(matched).isGreaterThanOrEqualTo(lastMatched);
            lastMatched = matched;
            next = matched + 1;
        }
        assertThat(acknowledgedTotal).as("the children made progress").isGreaterThan(KILLS);
    }

    private static Process child(Home home, int start, Path out) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xshare:auto");
        cmd.add("-XX:-UsePerfData");
        // start fast: no logging backend to configure, no verification of the product's own classes
        cmd.add("-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider");
        cmd.add("-XX:+UnlockDiagnosticVMOptions");
        cmd.add("-XX:-BytecodeVerificationRemote");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(QueueCrashChild.class.getName());
        cmd.add(home.root().toString());
        cmd.add(Integer.toString(start));
        Files.createFile(out);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(out.toFile()).start();
    }
}
