package org.stllisting.app.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.EnumSet;

/**
 * The size of what lies under one path, measured in one walk that never follows a link: bytes of the regular
 * files, how many files and links, and the newest modification time of anything in it (the folders included),
 * which says when it was last touched.
 *
 * @param path   what was measured
 * @param bytes  bytes of the regular files
 * @param files  files and links (not folders)
 * @param newest the newest modification time in milliseconds since the epoch, or 0 when nothing was there
 */
public record Tally(Path path, long bytes, long files, long newest) {

    /** Measures {@code path}; a path that is not there measures as empty, an unreadable part is skipped. */
    public static Tally of(Path path) {
        long[] acc = new long[3];
        try {
            Files.walkFileTree(path, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                            touch(a.lastModifiedTime());
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                            if (a.isRegularFile()) {
                                acc[0] += a.size();
                            }
                            acc[1]++;
                            touch(a.lastModifiedTime());
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }

                        private void touch(FileTime t) {
                            acc[2] = Math.max(acc[2], t.toMillis());
                        }
                    });
        } catch (NoSuchFileException e) {
            return new Tally(path, 0, 0, 0);
        } catch (IOException e) {
            // what was measured before the failure stands
        }
        return new Tally(path, acc[0], acc[1], acc[2]);
    }

    /** One file (or link) with its attributes, read without following links. */
    static Tally file(Path path, BasicFileAttributes a) {
        return new Tally(path, a.isRegularFile() ? a.size() : 0, 1, a.lastModifiedTime().toMillis());
    }

    /** This and {@code other} together (the path is this one's). */
    public Tally plus(Tally other) {
        return new Tally(path, bytes + other.bytes, files + other.files, Math.max(newest, other.newest));
    }

    /** Nothing. */
    public static Tally empty(Path path) {
        return new Tally(path, 0, 0, 0);
    }
}
