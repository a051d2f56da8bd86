package org.stllisting.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/** The runner's cache cap: oldest removable first, never a protected job's cache nor a discarded session's. */
class CacheCapTest {
    private static final long MB = 1024 * 1024;

    @TempDir
    Path tmp;

    private Home home;

    /** A 1 MB file at {@code rel} in the home, everything of it last changed {@code days} ago. */
    private void item(String rel, int days) throws Exception {
        Path p = home.root().resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[(int) MB]);
        FileTime t = FileTime.from(Instant.now().minus(Duration.ofDays(days)));
        Files.setLastModifiedTime(p, t);
        if (rel.startsWith("cache/job_cache/")) {
            Files.setLastModifiedTime(p.getParent(), t);
        }
    }

    private static QueueStateDto queue(String session, JobDto... jobs) {
        QueueStateDto q = QueueStateDto.empty();
        q.queueSessionId = session;
        q.createdAt = Instant.now().minus(Duration.ofDays(40));
        q.jobs = new ArrayList<>(List.of(jobs));
        return q;
    }

    private static JobDto job(String id, JobState state) {
        JobDto j = JobDto.pending(id, "/models/" + id + ".stl");
        j.state = state;
        if (state.isFinal()) {
            j.completedAt = Instant.now().minus(Duration.ofDays(9));
        }
        return j;
    }

    private Set<String> left() throws Exception {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(home.cacheDir())) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(home.cacheDir().relativize(p).toString()));
        }
        return out;
    }

    @Test
    void removesTheOldestRemovableUntilUnderTheCapAndNeverAProtectedOrDiscardedJobsCache() throws Exception {
        home = Home.at(tmp.resolve("home"));
        home.ensureCreated();
        HistoryStore history = HistoryStore.open(home.historyDb());
        SessionArchive archive = new SessionArchive(home, history);
        archive.archive(queue("discarded-1", job("disc1", JobState.COMPLETED), job("disc2", JobState.PENDING)),
                "discarded", Instant.now().plus(Duration.ofDays(7)));
        archive.archive(queue("finished-1", job("fin1", JobState.COMPLETED)), "finished",
                Instant.now().plus(Duration.ofDays(90)));
        item("cache/job_cache/disc1/render.png", 30);
        item("cache/job_cache/run1/render.png", 20);
        item("cache/thumbnails/t1_96.png", 10);
        item("cache/job_cache/fin1/render.png", 9);
        item("cache/job_cache/done1/render.png", 8);
        item("cache/job_cache/stale1/render.png", 6);
        item("cache/thumbnails/t2_96.png", 5);

        CacheCap.Result r = CacheCap.enforce(home, history, null, 3 * MB + MB / 2, Set.of("run1"));

        assertThat(r.problems()).isEmpty();
        assertThat(r.removed()).isEqualTo(4);
        assertThat(r.beforeBytes()).isEqualTo(7 * MB);
        assertThat(r.afterBytes()).isEqualTo(3 * MB);
        assertThat(left()).containsExactly("job_cache/disc1/render.png", "job_cache/run1/render.png",
                "thumbnails/t2_96.png");
        assertThat(home.jobCacheDir("done1")).doesNotExist();
    }

    /**
     * The runner takes the jobs to keep, then the cap runs on a worker thread while the queue goes on: a failed
     * job retried meanwhile (pending, with its completed steps in its checkpoint) or started meanwhile
     * (running) keeps its cache, as does one that finished and waits for its history row. Only the caches of
     * final, recorded jobs go.
     */
    @Test
    void aJobThatTheQueueHasPendingOrRunningNowKeepsItsCacheThoughTheKeepSetWasTakenBefore() throws Exception {
        home = Home.at(tmp.resolve("home"));
        home.ensureCreated();
        JobDto retried = job("retried", JobState.PENDING);
        retried.lastCompletedStep = "render";
        JobDto started = job("started", JobState.RUNNING);
        started.lastCompletedStep = "load";
        JobDto waiting = job("waiting", JobState.COMPLETED);
        waiting.results.details.put(org.stllisting.jobs.runner.JobFields.HISTORY_PENDING, true);
        try (QueueStateStore queue = QueueStateStore.open(home)) {
            queue.replaceState(queue("active", retried, started, waiting, job("done", JobState.COMPLETED),
                    job("failed", JobState.FAILED)));
            for (String id : List.of("retried", "started", "waiting", "done", "failed")) {
                item("cache/job_cache/" + id + "/processing_state.json", 3);
            }

            // the keep set of a moment when "retried" had failed and "started" was pending without steps
            CacheCap.Result r = CacheCap.enforce(home, null, queue, 0, Set.of());

            assertThat(r.problems()).isEmpty();
            assertThat(left()).containsExactly("job_cache/retried/processing_state.json",
                    "job_cache/started/processing_state.json", "job_cache/waiting/processing_state.json");
        }
    }

    /**
     * Failed and cancelled jobs keep their caches so that a retry continues from the last completed step: the
     * cap removes thumbnails and the caches of completed and skipped jobs first (oldest first, in the live queue
     * and in finished archived sessions), and a failed or cancelled job's cache, oldest first, only while the
     * folder is still over the cap.
     */
    @Test
    void failedAndCancelledJobsCachesGoOnlyAfterEveryCompletedOrSkippedOneAndOldestFirst() throws Exception {
        home = Home.at(tmp.resolve("home"));
        home.ensureCreated();
        HistoryStore history = HistoryStore.open(home.historyDb());
        new SessionArchive(home, history).archive(queue("finished-1", job("arch_done", JobState.COMPLETED),
                job("arch_failed", JobState.FAILED)), "finished", Instant.now().plus(Duration.ofDays(90)));
        try (QueueStateStore queue = QueueStateStore.open(home)) {
            queue.replaceState(queue("active", job("failed_old", JobState.FAILED),
                    job("cancelled_old", JobState.CANCELLED), job("done_new", JobState.COMPLETED),
                    job("skipped_new", JobState.SKIPPED)));
            item("cache/job_cache/arch_failed/processing_state.json", 40);
            item("cache/job_cache/arch_done/processing_state.json", 35);
            item("cache/job_cache/failed_old/processing_state.json", 30);
            item("cache/job_cache/cancelled_old/processing_state.json", 25);
            item("cache/thumbnails/t1_96.png", 3);
            item("cache/job_cache/done_new/processing_state.json", 2);
            item("cache/job_cache/skipped_new/processing_state.json", 1);

            CacheCap.Result r = CacheCap.enforce(home, history, queue, 2 * MB + MB / 2, Set.of());

            assertThat(r.problems()).isEmpty();
            assertThat(r.removed()).as("four of the first kind, then the oldest failed one").isEqualTo(5);
            assertThat(left()).containsExactly("job_cache/cancelled_old/processing_state.json",
                    "job_cache/failed_old/processing_state.json");

            CacheCap.Result again = CacheCap.enforce(home, history, queue, MB + MB / 2, Set.of());
            assertThat(again.removed()).isEqualTo(1);
            assertThat(left()).containsExactly("job_cache/cancelled_old/processing_state.json");
        }
    }

    @Test
    void underTheCapNothingIsRemoved() throws Exception {
        home = Home.at(tmp.resolve("home"));
        home.ensureCreated();
        item("cache/thumbnails/t1_96.png", 10);
        item("cache/job_cache/done1/render.png", 8);

        CacheCap.Result r = CacheCap.enforce(home, 2 * MB, Set.of());

        assertThat(r.removed()).isZero();
        assertThat(r.removedBytes()).isZero();
        assertThat(left()).hasSize(2);
    }
}
