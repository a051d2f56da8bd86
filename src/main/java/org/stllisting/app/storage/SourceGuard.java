package org.stllisting.app.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * The source files of every job the home knows (the active queue's, the archived sessions' and the history's),
 * which cleanup never deletes: by path, and by file key so that the same file reached under another name (a
 * folder link, a bind mount) is recognised too. A hard link to a source is another name of it: removing that
 * name leaves the source's own name and content as they are, so it is not refused.
 */
public final class SourceGuard {
    private final Set<Path> paths = new HashSet<>();
    private final Set<Object> keys = new HashSet<>();

    /** A guard that knows no source (for tests of the deleting code alone). */
    public static SourceGuard none() {
        return new SourceGuard();
    }

    /** Adds a job's source path as recorded; a path that does not exist or does not parse is ignored for keys. */
    public SourceGuard add(String stlPath) {
        if (stlPath == null || stlPath.isBlank()) {
            return this;
        }
        try {
            Path p = Path.of(stlPath).toAbsolutePath().normalize();
            paths.add(p);
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (a.fileKey() != null) {
                keys.add(a.fileKey());
            }
        } catch (InvalidPathException | IOException e) {
            // gone or unreadable: only its path is compared
        }
        return this;
    }

    /** How many source paths are known. */
    public int size() {
        return paths.size();
    }

    /**
     * True when removing {@code path} (with these attributes, read without following links) would remove a
     * source: it is a recorded source path, or the same file as one with no other name. A link is never a
     * source: removing it leaves what it points to.
     */
    boolean isSource(Path path, BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return false;
        }
        if (paths.contains(path.toAbsolutePath().normalize())) {
            return true;
        }
        if (a.fileKey() == null || !keys.contains(a.fileKey())) {
            return false;
        }
        try {
            Object links = Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return !(links instanceof Number n) || n.intValue() <= 1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true; // the number of names is unknown: keep it
        }
    }
}
