package org.stllisting.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.storage.CleanupOptions;
import org.stllisting.app.storage.Storage;
import org.stllisting.app.storage.StorageStats;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;

/**
 * {@code stl-listing cleanup --stats} on a large home (README, Benchmarks): 10,000 archived sessions, each with
 * one job cache of ten files (100,000 files), plus thumbnails and backups. Timed as the command line runs it, in
 * this process (the command's own work: reading the active queue, the archive index, and measuring every file),
 * and as a whole process through the launcher when the jar is built. Target: under 1 s.
 */
public final class CleanupBench implements BenchSuite {
    private static final int FILES_PER_CACHE = 10;

    @Override
    public String name() {
        return "cleanup";
    }

    @Override
    public String title() {
        return "Cleanup: storage figures of a large home";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int sessions = ctx.quick() ? 1_000 : 10_000;
        Home home = Home.at(ctx.workDir().resolve("home"));
        long t0 = System.nanoTime();
        build(home, sessions);
        ctx.say(String.format(Locale.ROOT, "  built a home of %,d sessions' caches (%,d files) in %.1f s", sessions,
                sessions * FILES_PER_CACHE, (System.nanoTime() - t0) / 1e9));
        String[] args = {"--home", home.root().toString(), "cleanup", "--stats"};
        double[] first = stats(home, sessions);
        double[] best = first;
        for (int i = 0; i < 4; i++) {
            double[] r = stats(home, sessions);
            best = r[0] < best[0] ? r : best;
        }
        String process = "";
        Optional<List<String>> cmd = BenchContext.productCommand(args);
        if (cmd.isPresent()) {
            double p = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                BenchContext.ToolRun run = ctx.time(cmd.get(), 120);
                if (run.exitCode() != 0) {
                    throw new IllegalStateException("cleanup --stats failed: " + run.output());
                }
                p = Math.min(p, run.seconds());
            }
            process = String.format(Locale.ROOT, "%.2f s", p);
        }
        // the same stat calls by a native tool: what the file system itself costs on this machine
        String find = "";
        Optional<Path> findTool = BenchContext.which("find");
        if (findTool.isPresent()) {
            double f = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                f = Math.min(f, ctx.time(List.of(findTool.get().toString(), home.root().toString(), "-printf",
                        "%s %T@\n"), 120).seconds());
            }
            find = String.format(Locale.ROOT, "%.2f s", f);
        }
        BenchTable t = new BenchTable("cleanup --stats on a home of " + String.format(Locale.ROOT, "%,d", sessions)
                + " archived sessions (one job cache of " + FILES_PER_CACHE + " files each)", "job caches", "files",
                "in process, first", "in process, best of 5", "its CPU time (both threads)",
                "whole process (launcher, best of 3)", "find -printf '%s %T@' over the home (best of 3)", "target");
        t.row(String.format(Locale.ROOT, "%,d", sessions), String.format(Locale.ROOT, "%,d", sessions * FILES_PER_CACHE),
                String.format(Locale.ROOT, "%.3f s", first[0]), String.format(Locale.ROOT, "%.3f s", best[0]),
                String.format(Locale.ROOT, "%.3f s", best[1]), process.isEmpty() ? "(no jar built)" : process, find.isEmpty() ? "(no find)" : find, "< 1 s");
        ctx.table(t);
    }

    /**
     * One {@code cleanup --stats} as the command runs it (read the home, measure, plan, figure): its seconds and
     * the process's CPU seconds meanwhile.
     */
    private static double[] stats(Home home, int sessions) throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long t = System.nanoTime();
        StorageStats stats = Storage.look(home).stats(CleanupOptions.defaults());
        double[] s = {(System.nanoTime() - t) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9};
        long caches = stats.categories().stream().filter(r -> r.category().equals("archived_caches"))
                .mapToLong(StorageStats.Row::count).sum();
        if (caches != sessions) {
            throw new IllegalStateException("cleanup --stats counted " + caches + " caches of archived sessions, not "
                    + sessions);
        }
        return s;
    }

    /**
     * Archived sessions of one completed job each, with their caches, thumbnails and a few backups. The first is
     * archived as the program does it; the others are copies of its folder and index rows (in one transaction:
     * archiving each on its own, with its two forced writes, would take most of the benchmark's time).
     */
    private static void build(Home home, int sessions) throws Exception {
        home.ensureCreated();
        byte[] small = new byte[600];
        Instant ended = Instant.now().minus(Duration.ofDays(3));
        HistoryStore history = HistoryStore.open(home.historyDb());
        SessionArchive archive = new SessionArchive(home, history, () -> SessionArchive.ActiveQueue.NONE);
        String first = sessionId(0);
        archive.archive(queue(first, jobId(0), ended), "finished", ended.plus(Duration.ofDays(90)));
        String folder = Files.readString(SessionArchive.queueFile(home, first));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.historyDb());
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("CREATE TEMP TABLE one_session AS SELECT * FROM sessions WHERE id = '" + first + "'");
            st.execute("CREATE TEMP TABLE one_job AS SELECT * FROM session_jobs WHERE session_id = '" + first + "'");
            try (PreparedStatement s1 = c.prepareStatement("UPDATE one_session SET id = ?");
                    PreparedStatement s2 = c.prepareStatement("UPDATE one_job SET session_id = ?, job_id = ?")) {
                for (int i = 1; i < sessions; i++) {
                    s1.setString(1, sessionId(i));
                    s1.executeUpdate();
                    st.execute("INSERT INTO sessions SELECT * FROM one_session");
                    s2.setString(1, sessionId(i));
                    s2.setString(2, jobId(i));
                    s2.executeUpdate();
                    st.execute("INSERT INTO session_jobs SELECT * FROM one_job");
                    Path q = Files.createDirectories(SessionArchive.folder(home, sessionId(i)))
                            .resolve(SessionArchive.QUEUE_FILE);
                    Files.writeString(q, folder.replace(first, sessionId(i)).replace(jobId(0), jobId(i)));
                }
            }
            c.commit();
        }
        for (int i = 0; i < sessions; i++) {
            Path cache = Files.createDirectories(home.jobCacheDir(jobId(i)));
            for (int f = 0; f < FILES_PER_CACHE; f++) {
                Files.write(cache.resolve("file_" + f + ".png"), small);
            }
            if (i % 10 == 0) {
                Files.write(home.thumbnailsDir().resolve(jobId(i) + "_96.png"), small);
            }
        }
        for (int n = 1; n <= 3; n++) {
            Files.writeString(home.queueBackupFile(n), "{}");
        }
    }

    private static String sessionId(int i) {
        return String.format(Locale.ROOT, "session_%06d", i);
    }

    private static String jobId(int i) {
        return String.format(Locale.ROOT, "job_%06d", i);
    }

    private static QueueStateDto queue(String session, String job, Instant ended) {
        JobDto j = JobDto.pending(job, "/models/" + job + ".stl");
        j.state = JobState.COMPLETED;
        j.completedAt = ended;
        QueueStateDto q = QueueStateDto.empty();
        q.queueSessionId = session;
        q.createdAt = ended.minusSeconds(60);
        q.jobs = new ArrayList<>(List.of(j));
        return q;
    }
}
