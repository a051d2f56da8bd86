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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H.264 MP4 encoding by an {@code ffmpeg} process (libx264) fed raw RGB frames on its standard input. The ffmpeg
 * packaged with the program (org.bytedeco ffmpeg, Linux x86-64) is used first; without it, {@code ffmpeg} on the
 * PATH; the system property {@code stl.ffmpeg} or environment variable {@code STL_LISTING_FFMPEG} names another.
 *
 * <p>Threading: one instance encodes one video; {@link #write} and {@link #finish} from one thread.
 */
final class VideoEncoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VideoEncoder.class);
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
    static String ffmpeg() throws RenderException {
        String l = located;
        if (l != null) {
            return l;
        }
        String override = System.getProperty("stl.ffmpeg", System.getenv("STL_LISTING_FFMPEG"));
        if (override != null && !override.isBlank()) {
            located = override;
            return override;
        }
        try {
            String bundled = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
            if (bundled != null && Files.isExecutable(Path.of(bundled))) {
                located = bundled;
                return bundled;
            }
        } catch (Throwable e) {
            // another platform, or the packaged libraries are not in the class path: try the system's
            LOG.info("packaged ffmpeg not usable here: {}", e.toString());
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, "ffmpeg");
                if (Files.isExecutable(p)) {
                    located = p.toString();
                    return located;
                }
            }
        }
        throw new RenderException("turntable videos need ffmpeg with libx264, and none was found: install it "
                + "(Debian/Ubuntu: apt-get install ffmpeg) or set STL_LISTING_FFMPEG to its path");
    }

    /** Starts ffmpeg writing {@code out} (through a temporary file moved into place by {@link #finish}). */
    static VideoEncoder start(Path out, int width, int height, int fps, int crf, String preset, int threads)
            throws IOException, RenderException {
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = (dir == null ? Path.of(".") : dir).resolve("." + out.getFileName() + ".tmp.mp4");
        List<String> cmd = new ArrayList<>(List.of(ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", width + "x" + height, "-framerate", String.valueOf(fps),
                "-i", "-", "-c:v", "libx264", "-preset", preset, "-crf", String.valueOf(crf),
                "-pix_fmt", "yuv420p", "-movflags", "+faststart"));
        if (threads > 0) {
            cmd.add("-threads");
            cmd.add(String.valueOf(threads));
        }
        cmd.addAll(List.of("-f", "mp4", "-y", tmp.toString()));
        LOG.debug("encoding with {}", String.join(" ", cmd));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new RenderException("could not start ffmpeg (" + cmd.get(0) + "): " + e.getMessage(), e);
        }
        return new VideoEncoder(p, out, tmp);
    }

    /** Writes one frame of packed RGB bytes. */
    void write(byte[] rgb, int off, int len) throws IOException, RenderException {
        try {
            stdin.write(rgb, off, len);
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
        try {
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private RenderException failure(String what) {
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
