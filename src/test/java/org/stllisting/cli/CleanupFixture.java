package org.stllisting.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.storage.HomeUsage;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.Json;
import org.stllisting.store.NativeCaches;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * A home as a user's looks after some weeks, built from real files, a real queue store and a real SQLite
 * history: an interrupted active queue (one finished job still waiting for its history row), archived finished,
 * failed, discarded and expired sessions, stale caches old and new, four 1 MB thumbnails over a cap that holds
 * two, five numbered backups and four damaged sets (three of each kept), history rows new and 200 days old, and
 * recorded outputs with a link to their source.
 */
final class CleanupFixture {
    static final String ACTIVE = "sess-active-0001";
    static final String FIN = "sess-finished-0002";
    static final String FAIL = "sess-failed-0003";
    static final String DISC = "sess-discarded-0004";
    static final String OLD = "sess-expired-0005";
    static final long MB = 1024 * 1024;

    final Path tmp;
    final Path root;
    final Home home;
    final Path models;
    final Path out;
    final Path elsewhere;

    CleanupFixture(Path tmp) throws Exception {
        this.tmp = tmp;
        this.root = tmp.resolve("home");
        this.home = Home.at(root);
        this.models = Files.createDirectories(tmp.resolve("models"));
        this.out = tmp.resolve("out");
        this.elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        build();
    }

    Path source(String job) {
        return models.resolve(job + ".stl");
    }

    private JobDto job(String id, JobState state, Instant ended, String session) throws IOException {
        Files.writeString(source(id), "solid " + id + "\nendsolid " + id + "\n");
        JobDto j = JobDto.pending(id, source(id).toString());
        j.state = state;
        j.outputFolder = out.resolve(session).resolve(id).toString();
        j.template = "tiny";
        if (state.isFinal()) {
            j.startedAt = ended.minusSeconds(30);
            j.completedAt = ended;
            j.attempts = 1;
            j.progress = 100;
        }
        Path cache = Files.createDirectories(home.jobCacheDir(id));
        Files.writeString(cache.resolve("processing_state.json"), "{\"job\":\"" + id + "\"}");
        Files.write(cache.resolve("render.png"), new byte[2048]);
        return j;
    }

    private static QueueStateDto queue(String session, Instant created, List<JobDto> jobs) {
        QueueStateDto q = QueueStateDto.empty();
        q.queueSessionId = session;
        q.createdAt = created;
        q.lastUpdated = created;
        q.template = "tiny";
        q.jobs = new ArrayList<>(jobs);
        return q;
    }

    private static HistoryRecord row(JobDto j, String session, Instant created, List<String> files) {
        return new HistoryRecord(j.id, j.stlPath, Path.of(j.stlPath).getFileName().toString(), 10, "",
                Path.of(j.outputFolder).getParent().toString(), session, "{}", "{}", j.state.json(), created,
                created, created.plusSeconds(30), null, 30.0, true, files, null, List.of(), "1", "cli", "tiny", 1);
    }

    private void build() throws Exception {
        Instant now = Instant.now();
        Instant daysAgo3 = now.minus(Duration.ofDays(3));
        home.ensureCreated();
        NativeCaches.use(home);
        try (InstanceLock lock = InstanceLock.acquire(home)) {
            Files.writeString(home.logsDir().resolve("stl-listing.log"), "a log line\n");
            Files.writeString(home.configFile(), "{}");
            HistoryStore history = HistoryStore.open(home.historyDb());
            SessionArchive archive = new SessionArchive(home, history);

            // archived: finished (its outputs recorded, one with a link to its source), failed, discarded, expired
            JobDto f1 = job("f1", JobState.COMPLETED, daysAgo3, FIN);
            JobDto f2 = job("f2", JobState.COMPLETED, daysAgo3, FIN);
            Path f1cache = home.jobCacheDir("f1");
            Files.createSymbolicLink(f1cache.resolve("source.stl"), source("f1"));
            Files.createSymbolicLink(f1cache.resolve("models-folder"), models);
            Files.createLink(f1cache.resolve("hard.stl"), source("f2"));
            Path f1out = Files.createDirectories(Path.of(f1.outputFolder));
            Files.write(f1out.resolve("render.png"), new byte[4096]);
            Files.createDirectories(f1out.resolve("source"));
            Files.createSymbolicLink(f1out.resolve("source/f1.stl"), source("f1"));
            Files.writeString(out.resolve(FIN).resolve("unrecorded.txt"), "the user's own note");
            Files.writeString(elsewhere.resolve("secret.png"), "outside the output folder");
            history.record(row(f1, FIN, daysAgo3, List.of(f1out.resolve("render.png").toString(),
                    f1out.resolve("source/f1.stl").toString(), elsewhere.resolve("secret.png").toString())));
            history.record(row(f2, FIN, daysAgo3, List.of()));
            archive.archive(queue(FIN, daysAgo3, List.of(f1, f2)), "finished", now.plus(Duration.ofDays(80)));

            JobDto x1 = job("x1", JobState.COMPLETED, daysAgo3, FAIL);
            JobDto x2 = job("x2", JobState.FAILED, daysAgo3, FAIL);
            history.record(row(x1, FAIL, daysAgo3, List.of()));
            history.record(row(x2, FAIL, daysAgo3, List.of()));
            archive.archive(queue(FAIL, daysAgo3, List.of(x1, x2)), "finished", now.plus(Duration.ofDays(80)));

            JobDto d1 = job("d1", JobState.COMPLETED, daysAgo3, DISC);
            JobDto d2 = job("d2", JobState.PENDING, daysAgo3, DISC);
            history.record(row(d1, DISC, daysAgo3, List.of()));
            archive.archive(queue(DISC, daysAgo3, List.of(d1, d2)), "discarded", now.plus(Duration.ofDays(7)));

            JobDto o1 = job("o1", JobState.COMPLETED, now.minus(Duration.ofDays(100)), OLD);
            archive.archive(queue(OLD, now.minus(Duration.ofDays(100)), List.of(o1)), "finished",
                    now.minus(Duration.ofDays(1)));

            // history rows 200 days old, of a session long gone
            for (int i = 0; i < 3; i++) {
                JobDto g = JobDto.pending("gone" + i, models.resolve("gone" + i + ".stl").toString());
                g.state = JobState.COMPLETED;
                g.outputFolder = out.resolve("gone").resolve("gone" + i).toString();
                history.record(row(g, "sess-gone", now.minus(Duration.ofDays(200)), List.of()));
            }

            // the active queue: interrupted, last changed 30 hours ago
            Instant hours30 = now.minus(Duration.ofHours(30));
            JobDto a1 = job("a1", JobState.COMPLETED, hours30, ACTIVE);
            JobDto a2 = job("a2", JobState.PENDING, hours30, ACTIVE);
            JobDto a3 = job("a3", JobState.COMPLETED, hours30, ACTIVE);
            a3.results.details.put("history_pending", true);
            history.record(row(a1, ACTIVE, hours30, List.of()));
            try (QueueStateStore store = QueueStateStore.open(home)) {
                store.replaceState(queue(ACTIVE, hours30, List.of(a1, a2, a3)));
            }
        }
        ObjectNode snapshot = (ObjectNode) Json.mapper().readTree(home.queueStateFile().toFile());
        snapshot.put("last_updated", Instant.now().minus(Duration.ofHours(30)).toString());
        Files.write(home.queueStateFile(), Json.mapper().writeValueAsBytes(snapshot));

        // stale caches: one untouched for two days, one fresh
        for (String stale : List.of("stale_old", "stale_new")) {
            Path c = Files.createDirectories(home.jobCacheDir(stale));
            Files.write(c.resolve("render.png"), new byte[1000]);
        }
        age(home.jobCacheDir("stale_old"), Duration.ofHours(48));

        // backups: five numbered (three kept), four damaged sets (three kept)
        for (int n = 1; n <= 5; n++) {
            if (!Files.exists(home.queueBackupFile(n))) {
                Files.writeString(home.queueBackupFile(n), "{\"backup\":" + n + "}");
            }
            Files.writeString(home.backupsDir().resolve("queue_state_backup_" + n + ".journal"), "journal " + n);
        }
        for (int d = 1; d <= 4; d++) {
            Path set = Files.createDirectories(HomeUsage.damagedDir(home).resolve("2026-01-0" + d + "T00-00-00Z"));
            Files.writeString(set.resolve("README.txt"), "damaged set " + d);
        }

        // thumbnails: four of 1 MB, oldest first t1..t4; the rest of the cache is padded to 64 KB under whole MBs
        for (int t = 1; t <= 4; t++) {
            Path p = home.thumbnailsDir().resolve("t" + t + "_96.png");
            Files.write(p, new byte[(int) MB]);
            Files.setLastModifiedTime(p, FileTime.from(now.minus(Duration.ofDays(10 - t))));
        }
        long rest = HomeUsage.scan(home).cacheBytes() - 4 * MB;
        long capMb = (rest + 64 * 1024 + MB - 1) / MB + 2;
        long pad = (capMb - 2) * MB - 64 * 1024 - rest;
        Files.write(home.cacheDir().resolve("native").resolve("padding.bin"), new byte[(int) pad]);
        Files.writeString(home.configFile(), "{\"settings\":{\"cache_cap_mb\":" + capMb + "}}");
    }

    /** Sets the modification time of a folder and everything in it to {@code age} ago. */
    static void age(Path dir, Duration age) throws IOException {
        FileTime t = FileTime.from(Instant.now().minus(age));
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.setLastModifiedTime(p, t);
            }
        }
    }

    /** Every path under {@code dir} (folders too), relative, links not followed. */
    static Set<String> paths(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> !p.equals(dir)).forEach(p -> out.add(dir.relativize(p).toString()));
        }
        return out;
    }

    /**
     * Every path under {@code dir} (folders included) with its type, size, modification time in nanoseconds
     * and, for a file, the SHA-256 of its content; a link with its target.
     */
    static Map<String, String> fullListing(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                long ns = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
                String what;
                if (a.isSymbolicLink()) {
                    what = "link " + Files.readSymbolicLink(p);
                } else if (a.isDirectory()) {
                    what = "dir";
                } else {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    try (InputStream in = Files.newInputStream(p)) {
                        md.update(in.readAllBytes());
                    }
                    what = "file " + HexFormat.of().formatHex(md.digest());
                }
                m.put(dir.relativize(p).toString(), what + " size=" + a.size() + " mtime=" + ns);
            }
        }
        return m;
    }

    /** {@code before} without the paths at or under any of {@code removed}. */
    static Set<String> without(Set<String> before, String... removed) {
        Set<String> out = new TreeSet<>();
        for (String p : before) {
            boolean gone = false;
            for (String r : removed) {
                gone |= p.equals(r) || p.startsWith(r + "/");
            }
            if (!gone) {
                out.add(p);
            }
        }
        return out;
    }
}
