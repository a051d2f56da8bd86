package org.stllisting.app.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.stllisting.jobs.runner.JobErrors;

/**
 * The one way cleanup removes anything. A path is removed only when it lies inside the allowed root (the home,
 * or for generated outputs the output folder recorded with them) and the real path of its parent is inside the
 * real path of the root. Nothing is followed: a symbolic link (also one to a folder) is removed as a link, a
 * folder is walked without entering links, and on systems that have it every step is taken relative to an open
 * folder ({@link SecureDirectoryStream}), so a folder swapped for a link meanwhile is not entered either. A hard
 * link is unlinked, which leaves its other names. A source file of a known job is never removed
 * ({@link SourceGuard}). A file that cannot be removed is recorded with its path and the system's reason, and
 * the rest goes on.
 *
 * <p>Not thread-safe: one instance per cleanup run.
 */
public final class SafeDelete {
    /** A path that was not removed, and why ("Permission denied", "Operation not permitted", ...). */
    public record Problem(Path path, String reason) {
        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    /** Called with each path removed (files, links and folders). */
    public interface Listener {
        void removed(Path path, long bytes);
    }

    private final SourceGuard sources;
    private final Listener listener;
    /** Whether to work relative to open folders where the file system allows it. */
    private final boolean secure;
    private final List<Problem> problems = new ArrayList<>();
    private long bytes;
    private long files;

    public SafeDelete(SourceGuard sources, Listener listener) {
        this(sources, listener, true);
    }

    private SafeDelete(SourceGuard sources, Listener listener, boolean secure) {
        this.sources = sources;
        this.listener = listener == null ? (p, b) -> { } : listener;
        this.secure = secure;
    }

    /** One that always works by path, as on a file system without {@link SecureDirectoryStream} (for tests). */
    static SafeDelete byPath(SourceGuard sources) {
        return new SafeDelete(sources, null, false);
    }

    public SafeDelete(SourceGuard sources) {
        this(sources, null);
    }

    /** What could not be removed so far. */
    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Bytes of the regular files removed so far. */
    public long bytesRemoved() {
        return bytes;
    }

    /** Files and links removed so far (not counting folders). */
    public long filesRemoved() {
        return files;
    }

    /**
     * Removes {@code target} — a file, a link, or a folder with everything in it — when it lies inside
     * {@code root}. Returns true when it is gone (or was not there); false when something was refused or could
     * not be removed (recorded in {@link #problems()}).
     */
    public boolean delete(Path root, Path target) {
        Path rootAbs = root.toAbsolutePath().normalize();
        Path abs = target.toAbsolutePath().normalize();
        if (!abs.startsWith(rootAbs) || abs.equals(rootAbs) || abs.getParent() == null) {
            return refuse(abs, "not inside " + rootAbs + "; not removed");
        }
        Path rootReal;
        Path parentReal;
        try {
            rootReal = rootAbs.toRealPath();
            parentReal = abs.getParent().toRealPath();
        } catch (NoSuchFileException e) {
            return true; // nothing there to remove
        } catch (IOException e) {
            return refuse(abs, reason(e));
        }
        if (!parentReal.startsWith(rootReal)) {
            return refuse(abs, "a link on the way leads outside " + rootAbs + " (to " + parentReal + "); not removed");
        }
        Path name = abs.getFileName();
        try (DirectoryStream<Path> top = Files.newDirectoryStream(rootReal)) {
            if (secure && top instanceof SecureDirectoryStream<Path> sds) {
                return deleteUnder(sds, rootReal.relativize(parentReal), name, abs);
            }
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return refuse(abs, reason(e));
        }
        return deleteByPath(parentReal.resolve(name), abs);
    }

    /** Descends from the root to the parent without following links, then removes the entry. */
    private boolean deleteUnder(SecureDirectoryStream<Path> root, Path relParent, Path name, Path shown)
            throws IOException {
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        try {
            SecureDirectoryStream<Path> dir = root;
            for (Path part : relParent) {
                if (part.toString().isEmpty()) {
                    continue;
                }
                dir = dir.newDirectoryStream(part, LinkOption.NOFOLLOW_LINKS);
                opened.add(dir);
            }
            return removeEntry(new Secure(dir), name, shown);
        } catch (NoSuchFileException e) {
            return true;
        } catch (FileSystemException e) {
            return refuse(shown, reason(e));
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
        }
    }

    /** The same walk by path, for file systems without {@link SecureDirectoryStream}. */
    private boolean deleteByPath(Path real, Path shown) {
        return removeEntry(new ByPath(real.getParent()), real.getFileName(), shown);
    }

    /** A folder whose entries are read and removed by name, without following links. */
    private interface Dir extends AutoCloseable {
        BasicFileAttributes attributes(Path name) throws IOException;

        Dir open(Path name) throws IOException;

        List<Path> names() throws IOException;

        void deleteFile(Path name) throws IOException;

        void deleteDirectory(Path name) throws IOException;

        /** The path of an entry, for the source check. */
        Path path(Path name);

        @Override
        void close() throws IOException;
    }

    /** Relative to an open folder: a folder swapped for a link is never entered. */
    private record Secure(SecureDirectoryStream<Path> dir) implements Dir {
        @Override
        public BasicFileAttributes attributes(Path name) throws IOException {
            return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        }

        @Override
        public Dir open(Path name) throws IOException {
            return new Secure(dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        public List<Path> names() {
            List<Path> names = new ArrayList<>();
            for (Path p : dir) {
                names.add(p.getFileName());
            }
            return names;
        }

        @Override
        public void deleteFile(Path name) throws IOException {
            dir.deleteFile(name);
        }

        @Override
        public void deleteDirectory(Path name) throws IOException {
            dir.deleteDirectory(name);
        }

        @Override
        public Path path(Path name) {
            return null;
        }

        @Override
        public void close() throws IOException {
            dir.close();
        }
    }

    /** By path, each entry's attributes read without following links. */
    private record ByPath(Path dir) implements Dir {
        @Override
        public BasicFileAttributes attributes(Path name) throws IOException {
            return Files.readAttributes(dir.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public Dir open(Path name) {
            return new ByPath(dir.resolve(name));
        }

        @Override
        public List<Path> names() throws IOException {
            List<Path> names = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path p : s) {
                    names.add(p.getFileName());
                }
            }
            return names;
        }

        @Override
        public void deleteFile(Path name) throws IOException {
            Files.delete(dir.resolve(name));
        }

        @Override
        public void deleteDirectory(Path name) throws IOException {
            Files.delete(dir.resolve(name));
        }

        @Override
        public Path path(Path name) {
            return dir.resolve(name);
        }

        @Override
        public void close() {
        }
    }

    private boolean removeEntry(Dir dir, Path name, Path shown) {
        BasicFileAttributes a;
        try {
            a = dir.attributes(name);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return refuse(shown, reason(e));
        }
        if (a.isDirectory()) {
            boolean allGone = true;
            try (Dir child = dir.open(name)) {
                for (Path n : child.names()) {
                    allGone &= removeEntry(child, n, shown.resolve(n));
                }
            } catch (NoSuchFileException e) {
                return true;
            } catch (IOException e) {
                return refuse(shown, reason(e));
            }
            if (!allGone) {
                return false; // what is left inside is reported; the folder stays with it
            }
        } else if (sources.isSource(shown, a) || (dir.path(name) != null && sources.isSource(dir.path(name), a))) {
            return refuse(shown, "the source file of a job; not removed");
        }
        try {
            if (a.isDirectory()) {
                dir.deleteDirectory(name);
            } else {
                dir.deleteFile(name);
            }
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return refuse(shown, reason(e));
        }
        if (a.isDirectory()) {
            listener.removed(shown, 0);
        } else {
            counted(shown, a);
        }
        return true;
    }

    private void counted(Path shown, BasicFileAttributes a) {
        long size = a.isRegularFile() ? a.size() : 0;
        bytes += size;
        files++;
        listener.removed(shown, size);
    }

    private boolean refuse(Path path, String reason) {
        problems.add(new Problem(path, reason));
        return false;
    }

    /** The system's reason, without the path the message already names. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            String r = JobErrors.reason(fs);
            if (r != null) {
                return r;
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
