package org.stllisting.store.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history and another program writing to the same database at the same time. */
class HistoryLockTest {
    @TempDir
    Path dir;

    @Test
    void aRecordWaitsForAnotherWriterThatHoldsTheDatabaseForElevenSeconds() throws Exception {
        Path db = dir.resolve("job_history.db");
        HistoryStore h = HistoryStore.open(db);
        CountDownLatch locked = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                st.execute("DELETE FROM job_history WHERE id = 'none'");
                locked.countDown();
                Thread.sleep(11_000);
                st.execute("COMMIT");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "other-writer");
        other.start();
        locked.await();
        long t0 = System.nanoTime();
        assertThat(h.record(row("job_1"))).as("written once the other writer is done").isTrue();
        double waited = (System.nanoTime() - t0) / 1e9;
        other.join();
        assertThat(waited).as("it waited for the lock").isGreaterThan(9.0);
        assertThat(h.list(10)).extracting(HistoryRecord::id).containsExactly("job_1");
    }

    @Test
    void checkWritablePassesWhileAnotherWriterHoldsTheLockAndWritesNothing() throws Exception {
        Path db = dir.resolve("job_history.db");
        HistoryStore h = HistoryStore.open(db);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            h.checkWritable();
            st.execute("ROLLBACK");
        }
        h.checkWritable();
        assertThat(h.count()).isZero();
    }

    private static HistoryRecord row(String id) {
        Instant now = Instant.now();
        return new HistoryRecord(id, "/m/a.stl", "a.stl", 10, "abc", "/out/a", "s1", "{}", "{}", "completed", now,
                now, now, null, 1.0, true, List.of("/out/a/a_render.png"), null, List.of(), "test", "cli", "t", 1);
    }
}
