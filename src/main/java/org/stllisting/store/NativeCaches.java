package org.stllisting.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps what the libraries unpack or cache inside the application home's {@code cache/} instead of the
 * user's home folder and {@code /tmp} (README, Application home): the packaged ffmpeg (JavaCPP,
 * {@code cache/javacpp}), JavaFX's native libraries ({@code cache/openjfx}), the font configuration cache
 * ({@code cache/fonts}, read by {@code render.FontSetup}) and SQLite's native library, unpacked once per
 * version into {@code cache/native/libsqlitejdbc-<version>/} and loaded from there, so that no process leaves a
 * copy and a lock file in {@code /tmp} behind when it is killed. A location the user set with a system
 * property of the same name is kept.
 */
public final class NativeCaches {
    /** The folder {@code render.FontSetup} has the font configuration write its cache into. */
    public static final String FONT_CACHE_PROPERTY = "stllisting.fontcache";
    private static Path configured;
    /** The properties this class set (a home opened later in the same process moves them along). */
    private static final java.util.Set<String> OWNED = new java.util.HashSet<>();

    private NativeCaches() {
    }

    /** Points every library's cache into {@code home}'s {@code cache/}. Idempotent; cheap after the first call. */
    public static synchronized void use(Home home) {
        Path cache = home.cacheDir().toAbsolutePath().normalize();
        if (cache.equals(configured)) {
            return;
        }
        configured = cache;
        setIfAbsent("org.bytedeco.javacpp.cachedir", cache.resolve("javacpp"));
        try {
            // made now: JavaCPP falls back to ~/.javacpp when it cannot make the folder itself at first use
            Files.createDirectories(Path.of(System.getProperty("org.bytedeco.javacpp.cachedir")));
        } catch (IOException e) {
            log().debug("no folder for the packaged ffmpeg", e);
        }
        setIfAbsent("javafx.cachedir", cache.resolve("openjfx"));
        setIfAbsent(FONT_CACHE_PROPERTY, cache.resolve("fonts"));
        // where sqlite-jdbc unpacks its library if loading ours fails: the home too, never /tmp (a folder of its
        // own: sqlite-jdbc deletes whatever there is named like its copies)
        setIfAbsent("org.sqlite.tmpdir", cache.resolve("native").resolve("sqlite-fallback"));
        try {
            Files.createDirectories(Path.of(System.getProperty("org.sqlite.tmpdir")));
        } catch (IOException e) {
            log().debug("no folder for SQLite's fallback copy", e);
        }
        if (System.getProperty("org.sqlite.lib.path") == null || OWNED.contains("org.sqlite.lib.path")) {
            try {
                Path lib = unpackSqlite(cache.resolve("native"));
                setIfAbsent("org.sqlite.lib.path", lib.getParent());
                setIfAbsent("org.sqlite.lib.name", lib.getFileName());
            } catch (IOException | RuntimeException e) {
                // a read-only home: sqlite-jdbc unpacks its own copy as it always did
                log().debug("SQLite's native library stays where sqlite-jdbc puts it", e);
            }
        }
        removeStaleCopies(Path.of(System.getProperty("org.sqlite.tmpdir")));
    }

    /**
     * Points the libraries at what {@link #use} already put into {@code home}'s {@code cache/}, creating and
     * removing nothing there: for the commands that must leave the home exactly as it is ({@code cleanup
     * --dry-run}, {@code --stats}, {@code --list}). SQLite's library is loaded from the home when it was unpacked
     * there before; otherwise sqlite-jdbc unpacks its own copy as it always did.
     */
    public static synchronized void useWithoutWriting(Home home) {
        Path cache = home.cacheDir().toAbsolutePath().normalize();
        if (cache.equals(configured)) {
            return;
        }
        setIfAbsent("org.bytedeco.javacpp.cachedir", cache.resolve("javacpp"));
        setIfAbsent("javafx.cachedir", cache.resolve("openjfx"));
        setIfAbsent(FONT_CACHE_PROPERTY, cache.resolve("fonts"));
        Path fallback = cache.resolve("native").resolve("sqlite-fallback");
        if (Files.isDirectory(fallback)) {
            setIfAbsent("org.sqlite.tmpdir", fallback);
        }
        if (System.getProperty("org.sqlite.lib.path") == null || OWNED.contains("org.sqlite.lib.path")) {
            Path lib = sqliteLibrary(cache.resolve("native"));
            if (Files.isRegularFile(lib)) {
                setIfAbsent("org.sqlite.lib.path", lib.getParent());
                setIfAbsent("org.sqlite.lib.name", lib.getFileName());
            }
        }
    }

    /** Looked up when needed: the first logger fixes where the log goes, which is chosen after the home. */
    private static Logger log() {
        return LoggerFactory.getLogger(NativeCaches.class);
    }

    /** Sets {@code property} unless the user set it (a value this class set before is replaced). */
    private static void setIfAbsent(String property, Path value) {
        if (System.getProperty(property) == null || OWNED.contains(property)) {
            System.setProperty(property, value.toString());
            OWNED.add(property);
        }
    }

    /** Where {@link #unpackSqlite} puts SQLite's library for this platform and version under {@code dir}. */
    private static Path sqliteLibrary(Path dir) {
        return dir.resolve("libsqlitejdbc-" + SQLiteJDBCLoader.getVersion()).resolve(LibraryLoaderUtil.getNativeLibName());
    }

    /**
     * SQLite's native library for this platform, unpacked once into {@code dir/libsqlitejdbc-<version>/} (written
     * under a temporary name and renamed, so a process starting meanwhile never loads half a file).
     */
    static Path unpackSqlite(Path dir) throws IOException {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        Path target = sqliteLibrary(dir);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no SQLite native library for this platform in the program (" + resource + ")");
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".sqlite", ".partial");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return target;
    }

    /**
     * Copies sqlite-jdbc unpacked itself into {@code dir} (only when loading ours failed) and left behind when
     * their process was killed: its lock file outlives the process, so sqlite-jdbc never removes them. A copy
     * a running process has loaded stays usable after its file is removed.
     */
    private static void removeStaleCopies(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "sqlite-*-libsqlitejdbc.so*")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            log().debug("could not tidy {}", dir, e);
        }
    }
}
