package org.stllisting.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stllisting.app.AppContext;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.sessions.SessionInfo;
import org.stllisting.app.sessions.Sessions;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * {@code sessions list} over a home with many archived sessions (README, Sessions): the list as the command line
 * makes it (a read-only context, the active queue read from its files, the archive index in one query, the JSON
 * document), first call and repeated; and the whole command in a new process when the product's jar is built.
 * Target: under 0.5 s for 1,000 archived sessions.
 */
public final class SessionsBench implements BenchSuite {
    private static final double TARGET_SECONDS = 0.5;
    private static final int JOBS_PER_SESSION = 10;

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public String title() {
        return "Sessions list";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int sessions = ctx.quick() ? 100 : 1_000;
        Home home = Home.at(ctx.workDir().resolve("home")).ensureCreated();
        long t0 = System.nanoTime();
        seed(home, sessions);
        ctx.say(String.format(Locale.ROOT, "  %,d archived sessions of %d jobs archived in %.1f s", sessions,
                JOBS_PER_SESSION, (System.nanoTime() - t0) / 1e9));

        double first = listOnce(home, sessions);
        double[] repeated = new double[5];
        for (int i = 0; i < repeated.length; i++) {
            repeated[i] = listOnce(home, sessions);
        }
        Arrays.sort(repeated);
        double median = repeated[repeated.length / 2];
        BenchTable t = new BenchTable("sessions list --json over " + String.format(Locale.ROOT, "%,d", sessions)
                + " archived sessions (" + JOBS_PER_SESSION + " jobs each) and an active queue; target < "
                + TARGET_SECONDS + " s", "what", "time", "target met");
        t.row("list, first call in this process", secs(first), first < TARGET_SECONDS ? "yes" : "no");
        t.row("list, median of 5", secs(median), median < TARGET_SECONDS ? "yes" : "no");
        Optional<List<String>> command = BenchContext.productCommand("--home", home.root().toString(), "sessions",
                "list", "--json");
        if (command.isPresent()) {
            BenchContext.ToolRun run = ctx.time(command.get(), 120);
            t.row("the whole command in a new process (with start-up)", secs(run.seconds()),
                    run.exitCode() == 0 ? (run.seconds() < TARGET_SECONDS ? "yes" : "no (start-up included)")
                            : "failed: exit " + run.exitCode());
        }
        ctx.table(t);
    }

    /** {@code n} archived sessions, newest last, and an active queue of a few unfinished jobs. */
    private static void seed(Home home, int n) throws IOException {
        HistoryStore history = HistoryStore.open(home.historyDb());
        SessionArchive archive = new SessionArchive(home, history, () -> SessionArchive.ActiveQueue.NONE);
        Instant start = Instant.now().minus(Duration.ofDays(60));
        for (int s = 0; s < n; s++) {
            QueueStateDto q = QueueStateDto.empty();
            q.template = "complete_processing";
            q.createdAt = start.plus(Duration.ofHours(s));
            q.queueSettings.outputBaseFolder = home.root().resolveSibling("out-" + s).toString();
            for (int j = 0; j < JOBS_PER_SESSION; j++) {
                JobDto job = JobDto.pending(String.format(Locale.ROOT, "job_%06d_%02d", s, j), "/models/m" + j + ".stl");
                job.state = j == 0 && s % 3 == 0 ? JobState.FAILED : JobState.COMPLETED;
                job.completedAt = q.createdAt.plusSeconds(60L * (j + 1));
                q.jobs.add(job);
            }
            archive.archive(q, s % 4 == 0 ? "discarded" : "finished", q.createdAt.plus(Duration.ofDays(90)));
        }
        QueueStateDto active = QueueStateDto.empty();
        active.template = "complete_processing";
        for (int j = 0; j < JOBS_PER_SESSION; j++) {
            active.jobs.add(JobDto.pending(String.format(Locale.ROOT, "job_active_%02d", j), "/models/a" + j + ".stl"));
        }
        try (QueueStateStore store = QueueStateStore.open(home)) {
            store.replaceState(active);
        }
    }

    /** One list as the command line makes it; returns seconds. */
    private static double listOnce(Home home, int expected) throws IOException {
        long t0 = System.nanoTime();
        List<SessionInfo> all;
        String json;
        try (AppContext ctx = AppContext.readOnly(home)) {
            all = new Sessions(ctx, "cli").list();
            json = Json.mapper().writeValueAsString(all);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (all.size() != expected + 1 || json.isEmpty()) {
            throw new IllegalStateException("listed " + all.size() + " sessions, expected " + (expected + 1));
        }
        return seconds;
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.3f s", s);
    }
}
