package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.history.HistoryStore;

/**
 * {@code stl-listing cleanup} in real processes: the looking modes change nothing at all in the home (every path,
 * size, modification time in nanoseconds and content compared), and a session held by a second live process is
 * left alone even with {@code --force} while the rest is cleaned.
 */
class CleanupProcessTest {
    @TempDir
    Path tmp;

    private static String run(Path home, Path log, String... args) throws Exception {
        Process p = TinyRuns.child("-Xmx128m", home, log, args);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("cleanup ended").isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("nothing but the command's own output").doesNotContain("logback", "Exception", "\tat ");
        return out;
    }

    @Test
    void dryRunStatsAndListLeaveEveryPathSizeTimeAndByteOfTheHomeAsItWas() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        // what a process that logs or prepares the libraries' caches would make again
        Files.delete(f.home.logsDir().resolve("stl-listing.log"));
        for (String made : List.of("cache/javacpp", "cache/native/sqlite-fallback")) {
            Files.deleteIfExists(f.root.resolve(made));
        }
        Map<String, String> home = CleanupFixture.fullListing(f.root);
        Map<String, String> out = CleanupFixture.fullListing(f.out);
        assertThat(home).containsKey("cache/job_cache/f1/hard.stl").doesNotContainKey("job_history.db-wal");

        String dry = run(f.root, tmp.resolve("dry.log"), "cleanup", "--dry-run", "--verbose");
        assertThat(dry).contains("would remove " + f.home.jobCacheDir("f1")).contains("A cleanup would remove:")
                .contains("Nothing was changed");
        assertThat(CleanupFixture.fullListing(f.root)).isEqualTo(home);

        String forced = run(f.root, tmp.resolve("forced.log"), "cleanup", "--dry-run", "--force", "--outputs",
                "--hours", "0");
        assertThat(forced).contains("Generated output files");
        String stats = run(f.root, tmp.resolve("stats.log"), "cleanup", "--stats");
        assertThat(stats).contains("Thumbnails").contains("History rows");
        String list = run(f.root, tmp.resolve("list.log"), "cleanup", "--list", "--json");
        assertThat(list).contains(CleanupFixture.DISC);

        assertThat(CleanupFixture.fullListing(f.root)).isEqualTo(home);
        assertThat(CleanupFixture.fullListing(f.out)).isEqualTo(out);
    }

    @Test
    void aSessionRunningInAnotherProcessIsLeftAloneEvenWithForceAndTheRestIsCleaned() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        Path release = tmp.resolve("release");
        Process holder = contender(f.root, release, Files.createDirectories(tmp.resolve("holder")));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(tmp.resolve("holder/out")).contains("HOLDING")) {
                assertThat(holder.isAlive()).as(Files.readString(tmp.resolve("holder/err"))).isTrue();
                assertThat(System.nanoTime()).as("the second process took the home").isLessThan(deadline);
                Thread.sleep(20);
            }
            Map<String, String> kept = running(f);

            TinyRuns.Outcome r = TinyRuns.cli("--home", f.root.toString(), "cleanup", "--force", "--hours", "0");

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("Session " + CleanupFixture.ACTIVE.substring(0, 8) + " is running (pid "
                    + holder.pid() + "): its caches, the queue files and the backups are left alone.");
            assertThat(running(f)).isEqualTo(kept);
            assertThat(f.home.jobCacheDir("a1")).isDirectory();
            assertThat(f.home.jobCacheDir("a2")).isDirectory();
            // the rest is cleaned: finished and forced archived sessions, the old stale cache, thumbnails, rows
            for (String gone : List.of("f1", "f2", "x1", "x2", "d1", "d2", "o1", "stale_old")) {
                assertThat(f.home.jobCacheDir(gone)).as(gone).doesNotExist();
            }
            assertThat(f.root.resolve("sessions").resolve(CleanupFixture.DISC)).doesNotExist();
            // a stale cache younger than an hour may be a job the running session just started
            assertThat(f.home.jobCacheDir("stale_new")).isDirectory();
            assertThat(f.home.thumbnailsDir().resolve("t1_96.png")).doesNotExist();
            assertThat(HistoryStore.openReadOnly(f.home.historyDb()).countOlderThan(90)).isZero();
        } finally {
            Files.writeString(release, "go");
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The running session's caches, the queue files and everything in backups/, listed in full. */
    private static Map<String, String> running(CleanupFixture f) throws Exception {
        Map<String, String> m = new TreeMap<>();
        m.putAll(prefixed("backups/", CleanupFixture.fullListing(f.home.backupsDir())));
        for (String job : List.of("a1", "a2", "a3")) {
            m.putAll(prefixed("cache/job_cache/" + job + "/", CleanupFixture.fullListing(f.home.jobCacheDir(job))));
        }
        for (Path file : List.of(f.home.queueStateFile(), f.home.queueJournalFile())) {
            m.put(file.getFileName().toString(), Files.readString(file) + Files.getLastModifiedTime(file));
        }
        return m;
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    /** A second JVM that takes the home the way {@code run} does and holds it until {@code release} appears. */
    private static Process contender(Path home, Path release, Path io) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LockContenderMain.class.getName(), "--home", home.toString(), "hold-lock", release.toString()));
        return new ProcessBuilder(cmd).redirectOutput(io.resolve("out").toFile()).redirectError(io.resolve("err").toFile())
                .start();
    }
}
