package org.stllisting.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.sessions.SessionInfo;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;

/** A launch removes the archived sessions past their expiry, caches first, and nothing else. */
class ExpiredSessionsTest {
    @TempDir
    Path tmp;

    private static QueueStateDto discarded(Home home, String id, String prefix) throws Exception {
        QueueStateDto q = QueueStateDto.empty();
        q.queueSessionId = id;
        for (int i = 0; i < 2; i++) {
            JobDto j = JobDto.pending(prefix + "_" + i, "/models/" + prefix + i + ".stl");
            j.state = i == 0 ? JobState.COMPLETED : JobState.PENDING;
            q.jobs.add(j);
            Files.createDirectories(home.jobCacheDir(j.id));
            Files.writeString(home.jobCacheDir(j.id).resolve("processing_state.json"), "{}");
        }
        return q;
    }

    @Test
    void theRecoveryOfALaunchRemovesExpiredSessionsWithTheirCachesAndKeepsTheOthers() throws Exception {
        Home home = Home.at(tmp.resolve("home")).ensureCreated();
        String old = "0ld00000-0000-0000-0000-000000000001";
        String kept = "4e770000-0000-0000-0000-000000000002";
        SessionArchive before = new SessionArchive(home, HistoryStore.open(home.historyDb()));
        before.archive(discarded(home, old, "old"), "discarded", Instant.now().minus(Duration.ofHours(1)));
        before.archive(discarded(home, kept, "new"), "discarded", Instant.now().plus(Duration.ofDays(7)));
        Path stale = Files.createDirectories(home.jobCacheDir("job_nobody"));
        try (AppContext ctx = AppContext.exclusive(home)) {
            ctx.session("cli").recover();
            SessionArchive archive = new SessionArchive(home, ctx.history());
            assertThat(archive.list()).extracting(SessionInfo::id).containsExactly(kept);
        }
        assertThat(home.jobCacheDir("old_0")).doesNotExist();
        assertThat(home.jobCacheDir("old_1")).doesNotExist();
        assertThat(SessionArchive.queueFile(home, old)).doesNotExist();
        assertThat(home.jobCacheDir("new_0").resolve("processing_state.json")).exists();
        assertThat(home.jobCacheDir("new_1").resolve("processing_state.json")).exists();
        assertThat(SessionArchive.queueFile(home, kept)).exists();
        assertThat(stale).as("a launch removes only expired sessions; the rest waits for a cleanup").exists();
    }
}
