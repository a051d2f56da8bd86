package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.Json;

/** Two real processes contend for one home: exactly one wins, the other exits 3 naming the winner's pid. */
class InstanceLockProcessTest {
    @TempDir
    Path dir;

    @Test
    void secondProcessExitsThreeNamingTheHolderAndReadOnlyCommandsStillWork() throws Exception {
        Path home = dir.resolve("home");
        Path release = dir.resolve("release");
        Process a = contender(home, release, dir.resolve("a"));
        Process b = contender(home, release, dir.resolve("b"));
        // the loser exits on its own; the winner waits for the release file
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (a.isAlive() && b.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Process loser = a.isAlive() ? b : a;
        Process winner = loser == a ? b : a;
        Path loserDir = loser == a ? dir.resolve("a") : dir.resolve("b");
        Path winnerDir = winner == a ? dir.resolve("a") : dir.resolve("b");
        assertThat(loser.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(loser.exitValue()).isEqualTo(ExitCodes.LOCKED);
        assertThat(winner.isAlive()).isTrue();
        while (!Files.readString(winnerDir.resolve("out")).contains("HOLDING") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(winnerDir.resolve("out"))).contains("HOLDING " + winner.pid());
        String err = Files.readString(loserDir.resolve("err")).strip();
        assertThat(err).isEqualTo("stl-listing: another instance (pid " + winner.pid() + ") is using the home "
                + home + "; wait for it to finish or stop it");

        // read-only commands work while the home is held, and name the holder
        StringWriter out = new StringWriter();
        int rc = StlListingCommand.execute(new PrintWriter(out), new PrintWriter(new StringWriter()),
                "--home", home.toString(), "status", "--json");
        assertThat(rc).isZero();
        JsonNode status = Json.mapper().readTree(out.toString());
        assertThat(status.path("lock").path("held").asBoolean()).isTrue();
        assertThat(status.path("lock").path("pid").asLong()).isEqualTo(winner.pid());
        assertThat(StlListingCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "--home", home.toString(), "templates", "list")).isZero();
        assertThat(StlListingCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "--home", home.toString(), "history", "list")).isZero();

        // the lock dies with its process: no cleanup after kill -9
        winner.destroyForcibly();
        assertThat(winner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(InstanceLock.holder(Home.at(home))).isEmpty();
        try (InstanceLock lock = InstanceLock.acquire(Home.at(home))) {
            assertThat(lock.isHeld()).isTrue();
        }
    }

    /** A child process that takes {@code home} exclusively and holds it until {@code release} appears. */
    static Process contender(Path home, Path release, Path io) throws Exception {
        Files.createDirectories(io);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx64m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        // start fast: no verification of the product's own classes
        cmd.add("-XX:+UnlockDiagnosticVMOptions");
        cmd.add("-XX:-BytecodeVerificationRemote");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LockContenderMain.class.getName());
        cmd.add("--home");
        cmd.add(home.toString());
        cmd.add("hold-lock");
        cmd.add(release.toString());
        return new ProcessBuilder(cmd).redirectOutput(io.resolve("out").toFile())
                .redirectError(io.resolve("err").toFile()).start();
    }
}
