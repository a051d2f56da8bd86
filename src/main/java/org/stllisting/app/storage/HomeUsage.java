package org.stllisting.app.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.store.Home;

/**
 * What the home holds on disk, measured in one walk that follows no link: each job cache, each thumbnail, the
 * queue backups and the damaged sets kept beside them, the logs, the libraries' own caches and each archived
 * session's folder. Reads only; never creates a folder. Immutable once made.
 *
 * @param jobCaches      {@code cache/job_cache/<name>} by name (a folder, or whatever else is there)
 * @param thumbnails     each entry of {@code cache/thumbnails/}
 * @param backupFiles    each file at the top of {@code backups/}
 * @param damagedSets    each folder of {@code backups/damaged/}
 * @param logs           {@code logs/}
 * @param nativeCaches   the rest of {@code cache/}: unpacked native libraries, font cache
 * @param sessionFolders {@code sessions/<id>/} by id
 */
public record HomeUsage(Map<String, Tally> jobCaches, List<Tally> thumbnails, List<Tally> backupFiles,
        List<Tally> damagedSets, Tally logs, Tally nativeCaches, Map<String, Tally> sessionFolders) {

    /** The damaged queue files set aside by recovery, one folder per time. */
    public static Path damagedDir(Home home) {
        return home.backupsDir().resolve("damaged");
    }

    /** Measures the home; the job caches are measured on two threads when there are many. */
    public static HomeUsage scan(Home home) {
        Map<String, Tally> caches = new HashMap<>();
        Path root = home.jobCacheRoot();
        SecureDirectoryStream<Path> jobs = null;
        List<Path> names = new ArrayList<>();
        Thread helper = null;
        Tally[] second = new Tally[0];
        int half = 0;
        try {
            if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                DirectoryStream<Path> s = Files.newDirectoryStream(root);
                if (s instanceof SecureDirectoryStream<Path> sds) {
                    jobs = sds;
                    for (Path p : sds) {
                        names.add(p.getFileName());
                    }
                } else {
                    s.close();
                }
            }
        } catch (IOException e) {
            // unreadable: measured as empty
        }
        if (jobs == null) {
            for (Entry e : entries(root)) {
                caches.put(e.path.getFileName().toString(), Tally.of(e.path));
            }
        } else if (names.size() >= 200) {
            // the second half on a thread of its own: the walk waits on the system for each file
            half = names.size() / 2;
            second = new Tally[names.size() - half];
            SecureDirectoryStream<Path> dir = jobs;
            int from = half;
            Tally[] out = second;
            helper = new Thread(() -> {
                for (int i = from; i < names.size(); i++) {
                    out[i - from] = Tally.of(dir, names.get(i), root.resolve(names.get(i)));
                }
            }, "cleanup-scan");
            helper.setDaemon(true);
            helper.start();
        } else {
            half = names.size();
        }
        List<Tally> thumbnails = tallies(home.thumbnailsDir());
        List<Tally> backupFiles = new ArrayList<>();
        for (Entry e : entries(home.backupsDir())) {
            if (!e.attrs.isDirectory()) {
                backupFiles.add(Tally.file(e.path, e.attrs));
            }
        }
        List<Tally> damaged = tallies(damagedDir(home));
        Tally logs = Tally.of(home.logsDir());
        Tally natives = Tally.empty(home.cacheDir());
        for (Entry e : entries(home.cacheDir())) {
            if (!e.path.equals(home.jobCacheRoot()) && !e.path.equals(home.thumbnailsDir())) {
                natives = natives.plus(Tally.of(e.path));
            }
        }
        Map<String, Tally> sessions = new HashMap<>();
        for (Entry e : entries(SessionArchive.root(home))) {
            sessions.put(e.path.getFileName().toString(), Tally.of(e.path));
        }
        try {
            if (jobs != null) {
                for (int i = 0; i < half; i++) {
                    Path n = names.get(i);
                    caches.put(n.toString(), Tally.of(jobs, n, root.resolve(n)));
                }
            }
            if (helper != null) {
                helper.join();
                for (int i = 0; i < second.length; i++) {
                    caches.put(names.get(half + i).toString(), second[i]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the job caches", e);
        } finally {
            if (jobs != null) {
                try {
                    jobs.close();
                } catch (IOException e) {
                    // read-only use: nothing to lose
                }
            }
        }
        return new HomeUsage(Collections.unmodifiableMap(caches), thumbnails, backupFiles, damaged, logs, natives,
                Collections.unmodifiableMap(sessions));
    }

    /** Bytes of the whole {@code cache/} folder. */
    public long cacheBytes() {
        return sum(jobCaches.values()) + sum(thumbnails) + nativeCaches.bytes();
    }

    static long sum(Iterable<Tally> tallies) {
        long s = 0;
        for (Tally t : tallies) {
            s += t.bytes();
        }
        return s;
    }

    static long files(Iterable<Tally> tallies) {
        long s = 0;
        for (Tally t : tallies) {
            s += t.files();
        }
        return s;
    }

    private record Entry(Path path, BasicFileAttributes attrs) {
    }

    /** The entries of a folder with their attributes (links not followed); none when it is not there. */
    private static List<Entry> entries(Path dir) {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                try {
                    out.add(new Entry(p, Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            // unreadable: measured as empty
        }
        return out;
    }

    /** Each entry of a folder measured on its own. */
    private static List<Tally> tallies(Path dir) {
        List<Tally> out = new ArrayList<>();
        for (Entry e : entries(dir)) {
            out.add(e.attrs.isDirectory() ? Tally.of(e.path) : Tally.file(e.path, e.attrs));
        }
        return out;
    }
}
