package org.stllisting.output;

import java.io.IOException;
import java.io.OutputStream;
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
 * <p>Stateless and thread-safe. Files are never written through a symbolic link: every file is created
 * new (a link in its place is removed, not followed) or renamed over its target (which replaces a link
 * there), and a log that is a link is refused; a link to a user's original is replaced, never followed.
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
        // a link put in place of the partial file would become a link in the output folder
        refuseLink(partial);
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Clears the place of a file about to be written: whatever is there (a file left by an interrupted write,
     * or a symbolic link someone put there) is removed, never followed, so the writer creates a new file.
     * Returns {@code file}.
     */
    public static Path fresh(Path file) throws IOException {
        Files.deleteIfExists(file);
        return file;
    }

    /**
     * Writes {@code data} into a new file at {@code file}, which must not exist (see {@link #fresh}); never
     * through a symbolic link.
     */
    public static void writeNew(Path file, byte[] data) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            out.write(data);
        }
    }

    /**
     * Refuses to write at {@code file} when it is a symbolic link: the program writes its own files, never
     * through a link someone put in the output folder (it could lead anywhere).
     */
    public static void refuseLink(Path file) throws UnsafeOutputPathException {
        if (Files.isSymbolicLink(file)) {
            String target;
            try {
                target = Files.readSymbolicLink(file).toString();
            } catch (IOException | UnsupportedOperationException e) {
                target = "?";
            }
            throw new UnsafeOutputPathException(file.getParent(), file.getFileName().toString(),
                    "it is a symbolic link (to " + target + "), and files are never written through a link; "
                    + "remove the link");
        }
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
        writeNew(fresh(tmp), data);
        try {
            commit(tmp, target);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        AtomicFiles.fsyncDirectory(target.getParent());
    }

    /**
     * Appends a line (adds the newline) to a log file, creating it; refuses a log that is a symbolic link
     * ({@link UnsafeOutputPathException}) rather than appending to whatever it points to.
     */
    public static void appendLine(Path log, String line) throws IOException {
        Files.createDirectories(log.getParent());
        refuseLink(log);
        Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Makes {@code link} a symbolic link to {@code original}, replacing an earlier link; returns null on
     * success or the reason a link could not be made (the caller records the original path instead).
     */
    public static String link(Path link, Path original) throws IOException {
        Files.createDirectories(link.getParent());
        Path tmp = fresh(partial(link));
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
