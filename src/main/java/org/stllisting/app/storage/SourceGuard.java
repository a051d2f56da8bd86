package org.stllisting.app.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The source files of every job the home knows (the active queue's, the archived sessions' and the history's),
 * which cleanup never deletes: by path, and by file key so that the same file reached under another path (a
 * folder link, a bind mount) is recognised too. A hard link to a source is another name of it: removing that
 * name leaves the source's own name and content as they are, so it is not refused.
 *
 * <p>The file keys are read only for sources whose file name matches a file about to be removed: a source
 * reached under another path and with no other name has its own file name there. Not thread-safe.
 */
public final class SourceGuard {
    private final Set<Path> paths = new HashSet<>();
    private final Map<String, List<Path>> byName = new HashMap<>();
    /** File keys of sources already read, by path; a source that cannot be read maps to a key of its own. */
    private final Map<Path, Object> keys = new HashMap<>();

    /** A guard that knows no source (for tests of the deleting code alone). */
    public static SourceGuard none() {
        return new SourceGuard();
    }

    /** Adds a job's source path as recorded; a path that does not parse is ignored. */
    public SourceGuard add(String stlPath) {
        if (stlPath == null || stlPath.isBlank()) {
            return this;
        }
        try {
            Path p = Path.of(stlPath).toAbsolutePath().normalize();
            if (paths.add(p) && p.getFileName() != null) {
                byName.computeIfAbsent(p.getFileName().toString(), n -> new ArrayList<>(1)).add(p);
            }
        } catch (InvalidPathException e) {
            // not a path on this system: nothing here can be it
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
        List<Path> sameName = path.getFileName() == null ? null : byName.get(path.getFileName().toString());
        if (sameName == null || a.fileKey() == null) {
            return false;
        }
        boolean same = false;
        for (Path source : sameName) {
            same |= Objects.equals(key(source), a.fileKey());
        }
        if (!same) {
            return false;
        }
        try {
            Object links = Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return !(links instanceof Number n) || n.intValue() <= 1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true; // the number of names is unknown: keep it
        }
    }

    private Object key(Path source) {
        return keys.computeIfAbsent(source, s -> {
            try {
                Object k = Files.readAttributes(s, BasicFileAttributes.class).fileKey();
                return k != null ? k : new Object();
            } catch (IOException e) {
                return new Object(); // gone or unreadable: matches nothing
            }
        });
    }
}
