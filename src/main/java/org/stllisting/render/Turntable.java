package org.stllisting.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;

/**
 * A 360° turntable: the camera orbits the model's vertical axis at a fixed framing that holds the model at every
 * angle, the lights orbit with it (like a real turntable under fixed studio lamps).
 *
 * <p>Frames, not pieces of one frame, are spread over the render threads: each thread renders whole frames on its
 * own (its own work buffers, no waiting for the other threads between the passes of a frame), converts them to
 * I420 and hands them to a writer thread that feeds the encoder in frame order while the next frames render. A
 * frame's pixels do not depend on which thread made it, so the video is the same for any thread count.
 */
final class Turntable {
    private static final int FRAMING_ANGLES = 24;
    /** Chosen by measurement: the best size for the time among the fast x264 presets at 1080×1080. */
    static final String X264_PRESET = "veryfast";
    /**
     * x264's thread count changes its output, so it is fixed: the same video for any core count. One keeps up
     * with the renderer (x264 needs about 6 ms of one core per 1080×1080 frame, the renderer ten times that) and
     * spends a third less CPU than two, which synchronize (measured on 240 turntable frames: 1.45 against 2.3
     * CPU-seconds, and less wall time too); the render threads get that CPU.
     */
    static final int X264_THREADS = 1;

    private Turntable() {
    }

    static void make(Model m, RenderOptions options, TurntableOptions video, Path out, DoubleConsumer progress,
                     Parallel par) throws IOException, RenderException, InterruptedException {
        int w = video.evenWidth();
        int h = video.evenHeight();
        RenderOptions o = options.withPreset(null).withSize(w, h).withQuality(video.quality());
        if (Background.parse(o.background()).transparent()) {
            // video has no alpha: put the model on the default backdrop
            o = o.withBackground(RenderOptions.defaults().background());
        }
        o.validate();
        RenderOptions opts = o;
        int frames = video.frameCount();
        double[] az = new double[FRAMING_ANGLES];
        for (int i = 0; i < az.length; i++) {
            az[i] = o.azimuth() + 360.0 * i / az.length;
        }
        double[] safe = Framing.safeArea(w, h, null);
        // a little slack for the angles between the sampled ones
        safe = Framing.inset(safe, 0.02, 0.02, 0.02, 0.02);
        Camera base = Camera.framed(m, az, o.elevation(), "perspective".equals(RenderOptions.lower(o.projection())),
                safe, par);
        Renderer.Setup su = new Renderer.Setup(w, h, o.samplesPerSide(), Background.parse(o.background()), true);
        // each frame is converted to I420 before its thread renders the next: one frame array per thread
        su.reuseFrames = true;
        m.shadow(w, h);
        int workers = Math.max(1, Math.min(par.threads(), frames));
        Renderer.Setup[] setups = new Renderer.Setup[workers];
        for (int k = 0; k < workers; k++) {
            setups[k] = k == 0 ? su : su.forAnotherThread();
        }
        Parallel serial = new Parallel(null, 1);
        try (VideoEncoder enc = VideoEncoder.start(out, w, h, video.fps(), video.crf(), X264_PRESET, X264_THREADS)) {
            FrameQueue queue = new FrameQueue(frames, 2 * workers, Yuv420.size(w, h),
                    f -> enc.write(f, 0, f.length), progress);
            try {
                par.forRange(workers, 1, (from, to) -> {
                    Renderer.Setup mine = setups[from];
                    try {
                        int i;
                        while ((i = queue.claim()) >= 0) {
                            Camera cam = base.atAzimuth(m, opts.azimuth() + 360.0 * i / frames);
                            Frame f = Renderer.render(m, cam, new Look(opts, cam), mine, serial);
                            byte[] yuv = queue.buffer();
                            Yuv420.convertRows(f.data, w, h, yuv, 0, h / 2);
                            queue.put(i, yuv);
                        }
                    } catch (Exception | Error e) {
                        queue.fail(e);
                        throw e;
                    }
                });
                queue.finish();
            } finally {
                queue.abort();
                for (Renderer.Setup s : setups) {
                    s.releaseBuffers();
                }
            }
            enc.finish();
        }
    }
}
