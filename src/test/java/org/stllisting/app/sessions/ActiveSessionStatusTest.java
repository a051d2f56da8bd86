package org.stllisting.app.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.cli.LockContenderMain;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;

/** The active queue's status: running only when another live process holds the home, else from its jobs. */
class ActiveSessionStatusTest {
    @TempDir
    Path dir;

    @Test
    void statusFollowsTheJobsWhenNobodyElseHoldsTheHome() throws Exception {
        Home home = Home.at(dir.resolve("home")).ensureCreated();
        assertThat(Sessions.active(home, QueueStateDto.empty())).isEmpty();
        assertThat(status(home, JobState.COMPLETED, JobState.PENDING)).isEqualTo(SessionStatus.INTERRUPTED);
        assertThat(status(home, JobState.COMPLETED, JobState.RUNNING)).isEqualTo(SessionStatus.INTERRUPTED);
        assertThat(status(home, JobState.COMPLETED, JobState.FAILED)).isEqualTo(SessionStatus.FAILED);
        assertThat(status(home, JobState.COMPLETED, JobState.SKIPPED)).isEqualTo(SessionStatus.FINISHED);

        QueueStateDto waits = SessionArchiveTest.queue(home, "s-hist", "h", JobState.COMPLETED);
        waits.jobs.get(0).results.details.put("history_pending", true);
        assertThat(Sessions.active(home, waits).orElseThrow().status()).isEqualTo(SessionStatus.INTERRUPTED);

        // this process holding the home is not "another process"
        try (InstanceLock lock = InstanceLock.acquire(home)) {
            assertThat(status(home, JobState.PENDING)).isEqualTo(SessionStatus.INTERRUPTED);
        }
    }

    @Test
    void runningWhileARealSecondProcessHoldsTheHomeAndNotAfterItDies() throws Exception {
        Home home = Home.at(dir.resolve("home")).ensureCreated();
        Process holder = holdLock(home, dir.resolve("release"), dir.resolve("io"));
        try {
            assertThat(status(home, JobState.COMPLETED)).isEqualTo(SessionStatus.RUNNING);
            assertThat(Sessions.heldByAnother(home)).isTrue();
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(status(home, JobState.COMPLETED)).isEqualTo(SessionStatus.FINISHED);
    }

    private SessionStatus status(Home home, JobState... states) throws Exception {
        return Sessions.active(home, SessionArchiveTest.queue(home, "s", "j", states)).orElseThrow().status();
    }

    /** A real process holding the home's lock (the test's lock contender), once it says so. */
    static Process holdLock(Home home, Path release, Path io) throws Exception {
        Files.createDirectories(io);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LockContenderMain.class.getName(), "--home", home.root().toString(), "hold-lock", release.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(io.resolve("out").toFile())
                .redirectError(io.resolve("err").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline
                && !Files.readString(io.resolve("out")).contains("HOLDING")) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(io.resolve("out"))).contains("HOLDING " + p.pid());
        return p;
    }
}
