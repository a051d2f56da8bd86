package org.stllisting.app.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.app.SessionService;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * Keeping, discarding and restoring sessions through the session service, on a real home (queue files, SQLite
 * history, job caches) in a temporary folder; before the runner is made (the command line) and under an idle
 * runner that ran recovery (the window).
 */
class SessionLifecycleTest {
    @TempDir
    Path tmp;

    private Home home() throws Exception {
        return Home.at(tmp.resolve("home")).ensureCreated();
    }

    /** Writes {@code q} as the home's queue, as an earlier process left it. */
    private static void seed(Home home, QueueStateDto q) throws Exception {
        try (QueueStateStore store = QueueStateStore.open(home)) {
            store.replaceState(q);
        }
    }

    private static QueueStateDto onDisk(Home home) {
        return QueueStateStore.read(home).state();
    }

    /** A queue of real STL files in {@code tmp/models}, one job per state, with a cache each. */
    private QueueStateDto queue(Home home, String id, JobState... states) throws Exception {
        QueueStateDto q = SessionArchiveTest.queue(home, id, id.substring(0, 4), states);
        Path models = Files.createDirectories(tmp.resolve("models"));
        for (JobDto j : q.jobs) {
            Path f = models.resolve(j.id + ".stl");
            StlWriter.writeBinary(MeshGenerators.box(10, 8, 6), f);
            j.stlPath = f.toString();
        }
        q.queueSettings.outputBaseFolder = tmp.resolve("out-" + id).toString();
        q.queueSettings.maxConcurrentJobs = 3;
        return q;
    }

    @Test
    void aNewSessionArchivesTheFinishedQueueBeforeReplacingIt() throws Exception {
        Home home = home();
        QueueStateDto first = queue(home, "1111aaaa", JobState.COMPLETED, JobState.FAILED);
        seed(home, first);
        try (AppContext ctx = AppContext.exclusive(home)) {
            SessionService.Started s = ctx.session("cli").start(new SessionService.Start(
                    ctx.templates().defaultTemplate(), tmp.resolve("out2"), null, null));
            assertThat(s.continued()).isFalse();
            List<SessionInfo> all = new Sessions(ctx, "cli").list();
            // the new session has no jobs yet: only the archived one is listed
            assertThat(all).extracting(SessionInfo::id).containsExactly("1111aaaa");
            SessionInfo archived = all.get(0);
            assertThat(archived.status()).isEqualTo(SessionStatus.FAILED);
            assertThat(archived.reason()).isEqualTo("finished");
            // kept as long as the history rows: ended + 90 days
            assertThat(archived.expiresAt()).isEqualTo(archived.endedAt().plus(Duration.ofDays(90)));
            assertThat(ctx.session("cli").archive().queue("1111aaaa").jobs).hasSize(2);
        }
    }

    @Test
    void whenTheArchiveCannotBeWrittenNothingIsReplacedAndTheErrorNamesTheFile() throws Exception {
        Home home = home();
        seed(home, queue(home, "2222bbbb", JobState.COMPLETED));
        Files.writeString(SessionArchive.root(home), "in the way");
        try (AppContext ctx = AppContext.exclusive(home)) {
            assertThatThrownBy(() -> ctx.session("cli").start(new SessionService.Start(
                    ctx.templates().defaultTemplate(), tmp.resolve("out2"), null, null)))
                    .hasMessageContaining(SessionArchive.queueFile(home, "2222bbbb").toString())
                    .hasMessageContaining("Not a directory");
        }
        assertThat(onDisk(home).queueSessionId).isEqualTo("2222bbbb");
        assertThat(onDisk(home).jobs).hasSize(1);
    }

    @Test
    void discardArchivesForTheRetentionAndLeavesAnEmptySessionWithTheSameSettings() throws Exception {
        Home home = home();
        QueueStateDto q = queue(home, "3333cccc", JobState.COMPLETED, JobState.RUNNING, JobState.PENDING);
        seed(home, q);
        Files.writeString(home.configFile(), "{\"settings\": {\"archive_retention_days\": 3}}");
        Instant before = Instant.now();
        SessionService.Discarded d;
        try (AppContext ctx = AppContext.exclusive(home)) {
            d = new Sessions(ctx, "cli").discard();
        }
        assertThat(d.archived().id()).isEqualTo("3333cccc");
        assertThat(d.archived().status()).isEqualTo(SessionStatus.DISCARDED);
        assertThat(d.archived().expiresAt()).isBetween(before.plus(Duration.ofDays(3)).minusSeconds(1),
                Instant.now().plus(Duration.ofDays(3)));
        QueueStateDto now = onDisk(home);
        assertThat(now.queueSessionId).isEqualTo(d.sessionId()).isNotEqualTo("3333cccc");
        assertThat(now.jobs).isEmpty();
        assertThat(now.template).isEqualTo(q.template);
        assertThat(now.queueSettings.outputBaseFolder).isEqualTo(q.queueSettings.outputBaseFolder);
        assertThat(now.queueSettings.maxConcurrentJobs).isEqualTo(3);
        for (JobDto j : q.jobs) {
            assertThat(home.jobCacheDir(j.id).resolve("processing_state.json")).isRegularFile();
        }
        // the archived queue is the queue as it was, job by job
        try (AppContext ctx = AppContext.exclusive(home)) {
            QueueStateDto kept = ctx.session("cli").archive().queue("3333cccc");
            assertThat(kept.jobs).extracting(j -> j.state).containsExactly(JobState.COMPLETED, JobState.RUNNING,
                    JobState.PENDING);
        }
    }

    @Test
    void anImportReplacingAQueueWithoutOutputFolderPutsItsUnfinishedJobsAsideInsteadOfDroppingThem()
            throws Exception {
        Home home = home();
        QueueStateDto old = queue(home, "cdcd0001", JobState.COMPLETED, JobState.PENDING);
        old.queueSettings.outputBaseFolder = null;
        seed(home, old);
        QueueStateDto imported = queue(home, "efef0001", JobState.PENDING);
        try (AppContext ctx = AppContext.exclusive(home)) {
            ctx.session("cli").importQueue(imported, tmp.resolve("out-import"));
            SessionInfo kept = ctx.session("cli").archive().find("cdcd0001").orElseThrow();
            assertThat(kept.status()).isEqualTo(SessionStatus.DISCARDED);
            assertThat(kept.counts().unfinished()).isEqualTo(1);
        }
    }

    @Test
    void anEmptyQueueIsNotDiscarded() throws Exception {
        Home home = home();
        try (AppContext ctx = AppContext.exclusive(home)) {
            assertThatThrownBy(() -> new Sessions(ctx, "cli").discard())
                    .isInstanceOf(SessionService.RefusedException.class).hasMessageContaining("nothing to discard");
        }
    }

    @Test
    void discardUnderTheWindowsIdleRunnerAfterRecoverySwapsTheQueueAndTellsTheListeners() throws Exception {
        Home home = home();
        QueueStateDto q = queue(home, "4444dddd", JobState.COMPLETED, JobState.RUNNING, JobState.PENDING);
        seed(home, q);
        try (AppContext ctx = AppContext.exclusive(home)) {
            SessionService session = ctx.session("gui");
            QueueRunner runner = session.runner();
            List<RunnerEvent> events = new CopyOnWriteArrayList<>();
            runner.addListener(events::add);
            assertThat(session.recover().report().unfinished()).isEqualTo(2);

            SessionService.Discarded d = session.discard();

            assertThat(runner.view().jobs()).isEmpty();
            assertThat(runner.view().sessionId()).isEqualTo(d.sessionId());
            runner.drainEvents(Duration.ofSeconds(5));
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(RunnerEvent.JobsRemoved.class,
                    r -> assertThat(r.ids()).containsExactlyElementsOf(q.jobs.stream().map(j -> j.id).toList())));
            // recovery had set the running job back to pending: that is what was archived
            assertThat(session.archive().queue("4444dddd").jobs).extracting(j -> j.state)
                    .containsExactly(JobState.COMPLETED, JobState.PENDING, JobState.PENDING);

            // and the same runner takes the session back
            SessionService.Restored r = session.restore("4444");
            assertThat(r.restored().id()).isEqualTo("4444dddd");
            assertThat(runner.view().jobs()).hasSize(3);
            assertThat(session.archive().list()).isEmpty();
        }
    }

    @Test
    void theRunnerRefusesToSwapTheQueueWhileItIsProcessing() throws Exception {
        Home home = home();
        seed(home, queue(home, "5555eeee", JobState.PENDING));
        try (AppContext ctx = AppContext.exclusive(home)) {
            SessionService session = ctx.session("gui");
            QueueRunner runner = session.runner();
            session.recover();
            runner.pause(); // started but paused: processing, yet no job starts
            runner.start();
            assertThat(runner.isProcessing()).isTrue();
            assertThatThrownBy(session::discard).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("processing");
            assertThat(runner.view().jobs()).hasSize(1);
            assertThat(session.archive().list()).isEmpty();
        }
    }

    @Test
    void restoreIsRefusedWhileTheQueueHasWorkLeftAndArchivesAFinishedOneFirst() throws Exception {
        Home home = home();
        QueueStateDto discarded = queue(home, "6666ffff", JobState.COMPLETED, JobState.PENDING);
        seed(home, discarded);
        try (AppContext ctx = AppContext.exclusive(home)) {
            new Sessions(ctx, "cli").discard();
        }
        QueueStateDto unfinished = queue(home, "7777aaaa", JobState.PENDING);
        seed(home, unfinished);
        try (AppContext ctx = AppContext.exclusive(home)) {
            assertThatThrownBy(() -> new Sessions(ctx, "cli").restore("6666"))
                    .isInstanceOf(SessionService.RefusedException.class)
                    .hasMessageContaining("finish it (stl-listing resume) or discard it (stl-listing sessions discard)"
                            + " first");
        }
        assertThat(onDisk(home).queueSessionId).isEqualTo("7777aaaa");

        QueueStateDto finished = queue(home, "8888bbbb", JobState.COMPLETED);
        seed(home, finished);
        try (AppContext ctx = AppContext.exclusive(home)) {
            Sessions sessions = new Sessions(ctx, "cli");
            assertThatThrownBy(() -> sessions.restore("9999")).isInstanceOf(SessionService.RefusedException.class)
                    .hasMessageContaining("no archived session 9999");
            SessionService.Restored r = sessions.restore("6666ffff");
            assertThat(r.archivedFirst().id()).isEqualTo("8888bbbb");
            assertThat(sessions.list()).extracting(SessionInfo::id, SessionInfo::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("6666ffff", SessionStatus.INTERRUPTED),
                    org.assertj.core.groups.Tuple.tuple("8888bbbb", SessionStatus.FINISHED));
            assertThatThrownBy(() -> sessions.restore("6666ffff")).isInstanceOf(SessionService.RefusedException.class)
                    .hasMessageContaining("is the active queue already");
        }
        assertThat(SessionArchive.folder(home, "6666ffff")).doesNotExist();
        assertThat(onDisk(home).jobs).extracting(j -> j.id).containsExactlyElementsOf(
                discarded.jobs.stream().map(j -> j.id).toList());
    }

    /**
     * A crash after the archive was written and before the queue was replaced (or after a restore replaced the
     * queue and before it removed the archive entry) leaves the same session active and archived: the active
     * one wins everywhere, and the next archive of it simply rewrites the entry.
     */
    @Test
    void aSessionBothActiveAndArchivedCountsAsActiveOnly() throws Exception {
        Home home = home();
        QueueStateDto q = queue(home, "abab0001", JobState.COMPLETED, JobState.PENDING);
        seed(home, q);
        try (AppContext ctx = AppContext.exclusive(home)) {
            ctx.session("cli").archive().archive(ctx.queue().snapshot(), "discarded", null); // then the crash
        }
        try (AppContext ctx = AppContext.readOnly(home)) {
            Sessions sessions = new Sessions(ctx, "cli");
            assertThat(sessions.list()).extracting(SessionInfo::id, SessionInfo::active)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("abab0001", true));
            assertThat(sessions.show("abab").orElseThrow().info().active()).isTrue();
            assertThat(new SessionArchive(home, ctx.history()).jobOwners()).isEmpty();
            assertThat(new SessionArchive(home, ctx.history()).find("abab0001")).isEmpty();
        }
        try (AppContext ctx = AppContext.exclusive(home)) {
            Sessions sessions = new Sessions(ctx, "cli");
            assertThatThrownBy(() -> sessions.restore("abab0001"))
                    .hasMessageContaining("is the active queue already");
            // discarding it now (the user tries again) rewrites the one entry
            sessions.discard();
            assertThat(sessions.list()).extracting(SessionInfo::id).containsExactly("abab0001");
            assertThat(ctx.session("cli").archive().jobOwners()).containsOnlyKeys(
                    q.jobs.stream().map(j -> j.id).toArray(String[]::new));
        }
    }

    @Test
    void discardingTenThousandJobsTakesSeconds() throws Exception {
        Home home = home();
        QueueStateDto q = QueueStateDto.empty();
        q.queueSettings.outputBaseFolder = tmp.resolve("out").toString();
        List<JobDto> jobs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            JobDto j = JobDto.pending(String.format("job_%012d", i), "/models/m" + i + ".stl");
            j.state = i % 2 == 0 ? JobState.COMPLETED : JobState.PENDING;
            j.lastCompletedStep = "render";
            jobs.add(j);
        }
        q.jobs = jobs;
        seed(home, q);
        try (AppContext ctx = AppContext.exclusive(home)) {
            long t0 = System.nanoTime();
            SessionService.Discarded d = ctx.session("cli").discard();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(seconds).as("discard of 10,000 jobs took %.2f s", seconds).isLessThan(10);
            assertThat(d.archived().counts()).isEqualTo(new JobCounts(10_000, 5_000, 0, 0, 0, 5_000));
            Map<String, String> owners = ctx.session("cli").archive().jobOwners();
            assertThat(owners).hasSize(10_000);
            System.out.printf("discard of 10,000 jobs: %.2f s%n", seconds);
        }
    }
}
