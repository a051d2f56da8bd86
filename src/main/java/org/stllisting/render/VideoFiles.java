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
     * exactly as a turntable is encoded: converted to I420 on all cores, then piped to the encoder while the next
     * frames are read and converted.
     */
    public static void encodeRgb(InputStream frames, int width, int height, int fps, int crf, Path out)
            throws IOException, RenderException, InterruptedException {
        encodeRgb(VideoEncoder.ffmpeg(), frames, width, height, fps, crf, out);
    }

    /** Like {@link #encodeRgb(InputStream, int, int, int, int, Path)} with the given ffmpeg executable. */
    public static void encodeRgb(String ffmpeg, InputStream frames, int width, int height, int fps, int crf, Path out)
            throws IOException, RenderException, InterruptedException {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new RenderException("video size " + width + "x" + height + " must be even");
        }
        int threads = Runtime.getRuntime().availableProcessors();
        try (RenderService rs = new RenderService(threads);
             VideoEncoder enc = VideoEncoder.start(ffmpeg, out, width, height, fps, crf, Turntable.X264_PRESET,
                     Turntable.X264_THREADS)) {
            FrameQueue queue = new FrameQueue(Integer.MAX_VALUE, 3, Yuv420.size(width, height),
                    f -> enc.write(f, 0, f.length), null);
            try {
                byte[] rgb = new byte[width * height * 3];
                int i;
                while ((i = queue.claim()) >= 0) {
                    if (frames.readNBytes(rgb, 0, rgb.length) < rgb.length) {
                        queue.end(i);
                        break;
                    }
                    byte[] yuv = queue.buffer();
                    Yuv420.convert(rgb, width, height, yuv, rs.parallel());
                    queue.put(i, yuv);
                }
                queue.finish();
            } finally {
                queue.abort();
            }
            enc.finish();
        }
    }
}
