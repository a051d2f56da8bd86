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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
    private static final Pattern PARTIAL_NAME = Pattern.compile("^\\..+\\.partial(\\.[A-Za-z0-9]+)?$");

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

    public static boolean isPartial(Path p) {
        return PARTIAL_NAME.matcher(p.getFileName().toString()).matches();
    }

    /** Moves a finished partial file over its target in one rename. */
    public static void commit(Path partial, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes JSON atomically (temporary file, force, rename). */
    public static void writeJson(Path target, Object value) throws IOException {
        writeBytes(target, Json.mapper().writeValueAsBytes(value));
    }

    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    // TODO replace with the store's AtomicFiles once it is on main
    private static void writeBytes(Path target, byte[] data) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = partial(target);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        commit(tmp, target);
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
