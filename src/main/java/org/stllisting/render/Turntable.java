package org.stllisting.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.DoubleConsumer;

/**
 * A 360° turntable: the camera orbits the model's vertical axis at a fixed framing that holds the model at every
 * angle, the lights orbit with it (like a real turntable under fixed studio lamps). Frames are rendered on the
 * render threads while a writer thread feeds the previous ones to the encoder, so rendering and encoding overlap.
 */
final class Turntable {
    private static final byte[] END = new byte[0];
    /** Enough to keep the encoder busy; each 1080×1080 frame is 3.5 MB. */
    private static final int QUEUE = 3;
    private static final int FRAMING_ANGLES = 24;
    /** Chosen by measurement: the best size for the time among the fast x264 presets at 1080×1080. */
    static final String X264_PRESET = "veryfast";

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
        m.shadow();
        BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        try (VideoEncoder enc = VideoEncoder.start(out, w, h, video.fps(), video.crf(), X264_PRESET, threads)) {
            Exception[] writerError = new Exception[1];
            Thread writer = new Thread(() -> {
                try {
                    int done = 0;
                    while (true) {
                        byte[] f = queue.take();
                        if (f == END) {
                            break;
                        }
                        enc.write(f, 0, f.length);
                        done++;
                        if (progress != null) {
                            progress.accept(done / (double) frames);
                        }
                    }
                } catch (Exception e) {
                    writerError[0] = e;
                    queue.clear();
                }
            }, "turntable-writer");
            writer.setDaemon(true);
            writer.start();
            try {
                for (int i = 0; i < frames; i++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException();
                    }
                    if (writerError[0] != null || !writer.isAlive()) {
                        break;
                    }
                    Camera cam = base.atAzimuth(m, o.azimuth() + 360.0 * i / frames);
                    Frame f = Renderer.render(m, cam, new Look(o, cam), su, par);
                    while (!queue.offer(f.data, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        if (!writer.isAlive()) {
                            break;
                        }
                    }
                }
                queue.put(END);
                writer.join();
            } finally {
                writer.interrupt();
            }
            if (writerError[0] instanceof RenderException re) {
                throw re;
            }
            if (writerError[0] instanceof IOException ioe) {
                throw ioe;
            }
            if (writerError[0] != null) {
                throw new RenderException("encoding failed: " + writerError[0].getMessage(), writerError[0]);
            }
            enc.finish();
        }
    }
}
