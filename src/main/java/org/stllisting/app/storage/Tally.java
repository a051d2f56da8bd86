package org.stllisting.app.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

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
        BasicFileAttributes top;
        try {
            top = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return new Tally(path, 0, 0, 0);
        }
        if (!top.isDirectory()) {
            return file(path, top);
        }
        acc[2] = top.lastModifiedTime().toMillis();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path)) {
            if (dir instanceof SecureDirectoryStream<Path> sds) {
                // each entry read relative to its open folder: one path component for the system to resolve
                walk(sds, acc);
                return new Tally(path, acc[0], acc[1], acc[2]);
            }
        } catch (IOException e) {
            return new Tally(path, 0, 0, acc[2]);
        }
        return byPath(path);
    }

    /**
     * Measures the entry {@code name} of the open folder {@code parent} ({@code path} is its path, for the
     * record), reading everything relative to open folders.
     */
    static Tally of(SecureDirectoryStream<Path> parent, Path name, Path path) {
        BasicFileAttributes a;
        try {
            a = parent.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (IOException e) {
            return new Tally(path, 0, 0, 0);
        }
        if (!a.isDirectory()) {
            return file(path, a);
        }
        long[] acc = {0, 0, a.lastModifiedTime().toMillis()};
        try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            walk(dir, acc);
        } catch (IOException e) {
            // unreadable: measured as far as it could be read
        }
        return new Tally(path, acc[0], acc[1], acc[2]);
    }

    private static void walk(SecureDirectoryStream<Path> dir, long[] acc) {
        List<Path> folders = null;
        for (Path entry : dir) {
            Path name = entry.getFileName();
            BasicFileAttributes a;
            try {
                a = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes();
            } catch (IOException e) {
                continue; // gone meanwhile, or unreadable
            }
            acc[2] = Math.max(acc[2], a.lastModifiedTime().toMillis());
            if (a.isDirectory()) {
                if (folders == null) {
                    folders = new ArrayList<>();
                }
                folders.add(name);
            } else {
                if (a.isRegularFile()) {
                    acc[0] += a.size();
                }
                acc[1]++;
            }
        }
        if (folders != null) {
            for (Path name : folders) {
                try (SecureDirectoryStream<Path> child = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    walk(child, acc);
                } catch (IOException e) {
                    // unreadable: measured as far as it could be read
                }
            }
        }
    }

    /** The same measure by path, for file systems without {@link SecureDirectoryStream}. */
    private static Tally byPath(Path path) {
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
