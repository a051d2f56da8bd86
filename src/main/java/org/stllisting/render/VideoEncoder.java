package org.stllisting.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H.264 MP4 encoding by an {@code ffmpeg} process (libx264) fed raw I420 frames on its standard input. The ffmpeg
 * packaged with the program (org.bytedeco ffmpeg, Linux x86-64) is used first: it encodes as fast as Debian's
 * ffmpeg 5.1 and starts in a third of its time (it links far fewer libraries). Without it, {@code ffmpeg} on the
 * PATH; the system property {@code stl.ffmpeg} or environment variable {@code STL_LISTING_FFMPEG} names another.
 *
 * <p>Threading: one instance encodes one video; {@link #write} and {@link #finish} from one thread.
 */
final class VideoEncoder implements AutoCloseable {
    /** Only on failures: starting the logging system costs about a quarter of a second of one core. */
    private static Logger log() {
        return LoggerFactory.getLogger(VideoEncoder.class);
    }

    private static volatile String located;

    private final Process process;
    private final OutputStream stdin;
    private final Thread drain;
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final Path out;
    private final Path tmp;

    private VideoEncoder(Process process, Path out, Path tmp) {
        this.process = process;
        this.out = out;
        this.tmp = tmp;
        this.stdin = process.getOutputStream();
        InputStream err = process.getErrorStream();
        this.drain = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = err.read(buf)) > 0) {
                    synchronized (errors) {
                        if (errors.size() < 64 * 1024) {
                            errors.write(buf, 0, n);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "ffmpeg-stderr");
        this.drain.setDaemon(true);
        this.drain.start();
    }

    /** The ffmpeg executable to use, or a {@link RenderException} saying what to install. */
    static synchronized String ffmpeg() throws RenderException {
        String l = located;
        if (l == null) {
            l = choose(System.getProperty("stl.ffmpeg", System.getenv("STL_LISTING_FFMPEG")),
                    VideoEncoder::packaged, VideoEncoder::onPath);
            located = l;
        }
        return l;
    }

    /** The override if set, else the packaged ffmpeg, else the system's; a message saying what to do if none. */
    static String choose(String override, Supplier<String> packaged, Supplier<String> system)
            throws RenderException {
        if (override != null && !override.isBlank()) {
            return override;
        }
        String p = packaged.get();
        if (p != null) {
            return p;
        }
        String s = system.get();
        if (s != null) {
            return s;
        }
        throw new RenderException("turntable videos need ffmpeg with libx264, and none was found: the ffmpeg "
                + "packaged with the program is not available on this platform and there is no ffmpeg on the PATH; "
                + "install it (Debian/Ubuntu: apt-get install ffmpeg) or set STL_LISTING_FFMPEG to its path");
    }

    /**
     * The ffmpeg packaged with the program, unpacked into JavaCPP's cache (once; later runs find it there), or
     * null on platforms it is not packaged for. Only the files are unpacked: loading the libraries into this JVM,
     * as {@code Loader.load} would, costs a third of a second and is not needed to run the executable.
     */
    static String packaged() {
        try {
            String dir = "org/bytedeco/ffmpeg/" + org.bytedeco.javacpp.Loader.getPlatform() + "-gpl/";
            java.net.URL exe = VideoEncoder.class.getResource("/" + dir + "ffmpeg");
            if (exe == null) {
                return null;
            }
            if (exe.openConnection() instanceof java.net.JarURLConnection jar) {
                jar.setUseCaches(false);
                java.io.File program = null;
                try (java.util.jar.JarFile jf = jar.getJarFile()) {
                    for (var e = jf.entries(); e.hasMoreElements();) {
                        java.util.jar.JarEntry entry = e.nextElement();
                        String name = entry.getName();
                        if (entry.isDirectory() || !name.startsWith(dir) || name.indexOf('/', dir.length()) >= 0
                                || name.endsWith("/ffprobe") || name.contains("/libjni")) {
                            continue;
                        }
                        java.io.File f = org.bytedeco.javacpp.Loader.cacheResource(
                                new java.net.URL("jar:" + jar.getJarFileURL() + "!/" + name));
                        if (name.equals(dir + "ffmpeg")) {
                            program = f;
                        }
                    }
                }
                if (program != null && (program.canExecute() || program.setExecutable(true))) {
                    return program.getPath();
                }
            }
            // not in a jar (an unpacked class path): let JavaCPP unpack and load it the usual way
            String loaded = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
            return loaded != null && Files.isExecutable(Path.of(loaded)) ? loaded : null;
        } catch (Throwable e) {
            // another platform, or the packaged libraries are not in the class path: try the system's
            log().info("packaged ffmpeg not usable here: {}", e.toString());
            return null;
        }
    }

    /** {@code ffmpeg} in a folder of the PATH, or null. */
    static String onPath() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, "ffmpeg");
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    /**
     * Starts ffmpeg writing {@code out} (through a temporary file moved into place by {@link #finish}) from I420
     * frames ({@link Yuv420}): BT.709, limited range, tagged so in the file. The frames go to x264 as they are;
     * ffmpeg converts nothing.
     */
    static VideoEncoder start(Path out, int width, int height, int fps, int crf, String preset, int threads)
            throws IOException, RenderException {
        return start(ffmpeg(), out, width, height, fps, crf, preset, threads);
    }

    static VideoEncoder start(String exe, Path out, int width, int height, int fps, int crf, String preset,
                              int threads) throws IOException, RenderException {
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = (dir == null ? Path.of(".") : dir).resolve("." + out.getFileName() + ".tmp.mp4");
        // ffmpeg creates the file new: a link put at the temporary name is removed, never written through
        Files.deleteIfExists(tmp);
        List<String> color = List.of("-color_range", "tv", "-colorspace", "bt709", "-color_primaries", "bt709",
                "-color_trc", "bt709");
        List<String> cmd = new ArrayList<>(List.of(exe, "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", width + "x" + height, "-framerate", String.valueOf(fps)));
        // the same tags on the input and the output: ffmpeg then passes the frames through unconverted
        cmd.addAll(color);
        cmd.addAll(List.of("-i", "-", "-c:v", "libx264", "-preset", preset, "-crf", String.valueOf(crf),
                "-pix_fmt", "yuv420p"));
        cmd.addAll(color);
        cmd.addAll(List.of("-movflags", "+faststart"));
        if (threads > 0) {
            cmd.add("-threads");
            cmd.add(String.valueOf(threads));
        }
        cmd.addAll(List.of("-f", "mp4", "-y", tmp.toString()));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new RenderException("could not start ffmpeg (" + cmd.get(0) + "): " + e.getMessage(), e);
        }
        return new VideoEncoder(p, out, tmp);
    }

    /** Writes one I420 frame ({@link Yuv420#size} bytes). */
    void write(byte[] yuv, int off, int len) throws IOException, RenderException {
        try {
            stdin.write(yuv, off, len);
        } catch (IOException e) {
            throw failure("ffmpeg stopped accepting frames");
        }
    }

    /** Closes the input, waits for ffmpeg and moves the video into place. */
    void finish() throws IOException, RenderException, InterruptedException {
        try {
            stdin.close();
        } catch (IOException e) {
            throw failure("ffmpeg stopped accepting frames");
        }
        int code = process.waitFor();
        drain.join(2000);
        if (code != 0) {
            throw failure("ffmpeg failed with exit code " + code);
        }
        if (!Files.isRegularFile(tmp, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing to use " + tmp + ": it is not the file ffmpeg wrote (a link or folder "
                    + "was put in its place)");
        }
        try {
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private RenderException failure(String what) {
        // let ffmpeg finish saying why it stopped
        try {
            if (process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                drain.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String msg;
        synchronized (errors) {
            msg = errors.toString(java.nio.charset.StandardCharsets.UTF_8).trim();
        }
        String first = msg.lines().filter(s -> !s.isBlank()).findFirst().orElse("");
        return new RenderException(what + (first.isEmpty() ? "" : ": " + first.toLowerCase(Locale.ROOT)));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
