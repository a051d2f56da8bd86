package org.stllisting.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.stllisting.store.AtomicFiles;
import org.stllisting.store.Json;

/**
 * Writing into an output folder so that a crash never leaves a half-written file under its final name:
 * a step writes to {@link #partial(Path)} (hidden, same folder, same extension so tools recognise the
 * format) and {@link #commit(Path, Path)} renames it into place when the step completes. Recovery calls
 * {@link #removePartials(Path)} to clear what an interrupted step left behind.
 *
 * <p>Stateless and thread-safe. Files are never written through an existing symlink: a link to a user's
 * original is replaced, never followed.
 */
public final class OutputFiles {
    private static final String PARTIAL = ".partial";
    /** A staged file, and whatever a writer makes beside it from its name ({@code ..x.partial.mp4.tmp.mp4}). */
    private static final Pattern PARTIAL_NAME = Pattern.compile("^\\..+\\.partial(\\..*)?$");
    /** What {@link AtomicFiles} leaves behind when a write is cut off: {@code .name.<digits>.tmp}. */
    private static final Pattern ATOMIC_TEMP = Pattern.compile("^\\..+\\.[0-9]+\\.tmp$");

    private OutputFiles() {
    }

    /** {@code dir/.name.partial.ext} for {@code dir/name.ext}. */
    public static Path partial(Path target) {
        String f = target.getFileName().toString();
        int dot = f.lastIndexOf('.');
        String stem = dot > 0 ? f.substring(0, dot) : f;
        String ext = dot > 0 ? f.substring(dot) : "";
        return target.resolveSibling("." + stem + PARTIAL + ext);
    }

    /** A staged step output or an interrupted atomic write: never a finished file. */
    public static boolean isPartial(Path p) {
        String f = p.getFileName().toString();
        return PARTIAL_NAME.matcher(f).matches() || ATOMIC_TEMP.matcher(f).matches();
    }

    /**
     * Moves a finished partial file over its target in one rename, after forcing its content to disk (so a
     * power cut never leaves an empty file under the final name). The caller forces the folder afterwards
     * ({@link #syncFolders}), once for all the files a step committed.
     */
    public static void commit(Path partial, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (!Files.isSymbolicLink(partial)) {
            try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Forces the given folders' entries (the renames into them) to disk. */
    public static void syncFolders(Collection<Path> folders) throws IOException {
        for (Path dir : new LinkedHashSet<>(folders)) {
            AtomicFiles.fsyncDirectory(dir);
        }
    }

    /**
     * Writes JSON atomically (partial file, force, rename, folder force). Unlike a private temporary file
     * the result gets the user's usual permissions: output folders are meant to be shared.
     */
    public static void writeJson(Path target, Object value) throws IOException {
        writeBytes(target, Json.mapper().writeValueAsBytes(value));
    }

    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(Path target, byte[] data) throws IOException {
        Path tmp = partial(target);
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(tmp);
        Files.write(tmp, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            commit(tmp, target);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        AtomicFiles.fsyncDirectory(target.getParent());
    }

    /** Appends a line (adds the newline) to a log file, creating it. */
    public static void appendLine(Path log, String line) throws IOException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * Makes {@code link} a symbolic link to {@code original}, replacing an earlier link; returns null on
     * success or the reason a link could not be made (the caller records the original path instead).
     */
    public static String link(Path link, Path original) throws IOException {
        Files.createDirectories(link.getParent());
        Path tmp = partial(link);
        Files.deleteIfExists(tmp);
        try {
            Files.createSymbolicLink(tmp, original.toAbsolutePath());
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.deleteIfExists(tmp);
            return "symbolic links are not available here (" + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "") + ")";
        }
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return null;
    }

    /** Deletes every partial file below {@code dir} (never following symlinks); returns what was removed. */
    public static List<Path> removePartials(Path dir) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return removed;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> isPartial(p) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                    removed.add(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return removed;
    }
}
