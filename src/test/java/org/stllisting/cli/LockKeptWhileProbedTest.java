package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;

/**
 * The process that holds a home keeps holding it while it looks at the lock itself: who holds it (the storage
 * panel, {@code status}), a second attempt to take it. An operating-system file lock is the process's, and
 * closing any other handle the process has on the lock file gives it up; a real second process then must
 * still be refused.
 */
class LockKeptWhileProbedTest {
    @TempDir
    Path dir;

    @Test
    void lookingAtTheLockFromTheHoldingProcessNeverGivesItUp() throws Exception {
        Home home = Home.at(dir.resolve("home"));
        long me = ProcessHandle.current().pid();
        try (InstanceLock lock = InstanceLock.acquire(home)) {
            assertThat(InstanceLock.holder(home)).hasValue(me);
            assertThatThrownBy(() -> InstanceLock.acquire(home)).isInstanceOf(InstanceLock.LockedException.class)
                    .satisfies(e -> assertThat(((InstanceLock.LockedException) e).holderPid()).hasValue(me));
            assertThat(StlListingCommand.execute(new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()), "--home", home.root().toString(), "status", "--json"))
                    .isZero();
            assertThat(InstanceLock.holder(home)).hasValue(me);

            Process other = InstanceLockProcessTest.contender(home.root(), dir.resolve("release"), dir.resolve("b"));
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).as("a second process must be refused at once").isTrue();
            assertThat(other.exitValue()).as(() -> "its err: " + read(dir.resolve("b/err")))
                    .isEqualTo(ExitCodes.LOCKED);
            assertThat(lock.isHeld()).isTrue();
        }
        assertThat(InstanceLock.holder(home)).isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
