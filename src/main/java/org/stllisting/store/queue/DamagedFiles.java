package org.stllisting.store.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.stllisting.store.AtomicFiles;
import org.stllisting.store.Home;

/**
 * Moves the damaged queue files a load found into {@code backups/damaged/<UTC time>/}, with a
 * {@code README.txt} that says why each one was put there and what could not be recovered. A damaged file is
 * never overwritten or deleted: the user (or support) can still look at it.
 */
final class DamagedFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private DamagedFiles() {
    }

    static Path folder(Home home) {
        return home.backupsDir().resolve("damaged");
    }

    /** A new folder {@code parent/<UTC time>/} (with {@code -2}, {@code -3}… when that one exists). */
    static Path newFolder(Path parent) throws IOException {
        Path dir = parent.resolve(STAMP.format(Instant.now()));
        for (int n = 2; Files.exists(dir); n++) {
            dir = parent.resolve(STAMP.format(Instant.now()) + "-" + n);
        }
        Files.createDirectories(dir);
        return dir;
    }

    static LoadResult keepAside(Home home, LoadResult r) throws IOException {
        Path dir = newFolder(folder(home));
        StringBuilder readme = new StringBuilder("Queue files that could not be used when the queue was loaded on ")
                .append(Instant.now()).append(".\nThey were moved here unchanged.\n\n");
        for (Map.Entry<Path, String> e : r.damaged().entrySet()) {
            Path file = e.getKey();
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String rel = QueueStateLoader.relative(home, file);
            Files.move(file, dir.resolve(rel.replace('/', '_').replace('\\', '_')), StandardCopyOption.ATOMIC_MOVE);
            readme.append(rel).append(": ").append(e.getValue()).append('\n');
        }
        readme.append("\nThe queue was loaded as: ").append(r.message()).append('\n');
        if (r.lostSomething()) {
            readme.append("\nNot recovered:\n");
            r.lost().forEach(l -> readme.append("- ").append(l).append('\n'));
            readme.append("\nAdd the missing models again with 'stl-listing run', or import a queue you exported"
                    + " earlier with 'stl-listing queue import'.\n");
        }
        AtomicFiles.write(dir.resolve("README.txt"), readme.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.fsyncDirectory(home.root());
        AtomicFiles.fsyncDirectory(home.backupsDir());
        return r.withKeptIn(dir, "The damaged files are kept in " + dir + ".");
    }
}
