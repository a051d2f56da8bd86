package org.stllisting.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** H.264 encoding of ready frames, with the same encoder and settings the turntable uses (benchmarks, tools). */
public final class VideoFiles {
    private VideoFiles() {
    }

    /** The ffmpeg executable turntables are encoded with, or a {@link RenderException} saying what to install. */
    public static String encoder() throws RenderException {
        return VideoEncoder.ffmpeg();
    }

    /** The x264 preset turntables use. */
    public static String preset() {
        return Turntable.X264_PRESET;
    }

    /**
     * Encodes packed 8-bit RGB frames (width × height × 3 bytes each, read until the stream ends) into an MP4
     * exactly as a turntable is encoded.
     */
    public static void encodeRgb(InputStream frames, int width, int height, int fps, int crf, Path out)
            throws IOException, RenderException, InterruptedException {
        try (VideoEncoder enc = VideoEncoder.start(out, width, height, fps, crf, Turntable.X264_PRESET,
                Runtime.getRuntime().availableProcessors())) {
            byte[] buf = new byte[width * height * 3];
            int n;
            while ((n = frames.readNBytes(buf, 0, buf.length)) > 0) {
                enc.write(buf, 0, n);
            }
            enc.finish();
        }
    }
}
