package org.stllisting.render;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import org.stllisting.mesh.Mesh;

/**
 * Product renders, size charts, color variations, turntable videos and thumbnails, made in software without a
 * GPU or display (README, Renders, size charts and turntables). Same mesh and options give the same pixels, whatever the thread count.
 *
 * <p>Threading: one instance owns a pool of {@code threads} daemon render threads and may be used by several
 * callers at once (their work shares the pool). Every method blocks until its file is written (atomically, via a
 * temporary name). Interrupting the calling thread cancels the work promptly and throws
 * {@link InterruptedIOException} with the interrupt flag set. {@link #close()} stops the pool.
 */
public final class RenderService implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ExecutorService pool;
    private final Parallel par;
    private final Object cacheLock = new Object();
    private Mesh cachedMesh;
    private boolean cachedYUp;
    private Model cachedModel;

    public RenderService(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
        if (threads > 1) {
            int id = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, "render-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            this.pool = Executors.newFixedThreadPool(threads, tf);
        } else {
            this.pool = null;
        }
        this.par = new Parallel(pool, threads);
    }

    /** A service with one render thread per available processor. */
    public static RenderService withAllCores() {
        return new RenderService(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /** The main product render as a PNG. */
    public void renderImage(Mesh mesh, RenderOptions options, Path outPng) throws IOException, RenderException {
        Frame f = renderFrame(mesh, options);
        writePng(f, outPng);
        PhaseTimes.mark("png");
    }

    /** The render in another color (everything else as in {@code options}). */
    public void colorVariation(Mesh mesh, RenderOptions options, String color, Path outPng)
            throws IOException, RenderException {
        renderImage(mesh, options.withColor(color), outPng);
    }

    /** A small square render for lists (the queue window), {@code sizePx} on each side. */
    public void thumbnail(Mesh mesh, int sizePx, Path outPng) throws IOException, RenderException {
        if (sizePx < 16 || sizePx > 1024) {
            throw new RenderException("thumbnail size " + sizePx + " is outside 16..1024 pixels");
        }
        RenderOptions o = RenderOptions.defaults().withSize(sizePx, sizePx).withQuality("high");
        renderImage(mesh, o, outPng);
    }

    /**
     * The model with dimension lines for width (X), depth and height (up axis), labelled in millimetres and
     * inches, and the model name as a title; a likely unit mistake is noted on the chart. Returns the chart's
     * warnings (a title with characters no installed font can draw), empty when there are none.
     */
    public List<String> sizeChart(Mesh mesh, RenderOptions options, String modelName, Path outPng)
            throws IOException, RenderException {
        Objects.requireNonNull(modelName, "modelName");
        options.validate();
        try {
            Model m = model(mesh, options);
            SizeChart.Chart c = SizeChart.chart(m, options, modelName, par);
            PngWriter.write(c.frame(), outPng, par);
            return c.warnings();
        } catch (InterruptedException e) {
            throw Parallel.cancelled();
        }
    }

    /**
     * A 360° turntable as H.264 MP4 (yuv420p, +faststart). The model turns once starting at the options'
     * azimuth; {@code progress} receives 0..1 as frames are encoded (may be null).
     */
    public void turntable(Mesh mesh, RenderOptions options, TurntableOptions video, Path outMp4,
                          DoubleConsumer progress) throws IOException, RenderException {
        options.validate();
        video.validate();
        try {
            Model m = model(mesh, options);
            Turntable.make(m, options, video, outMp4, progress, par);
        } catch (InterruptedException e) {
            throw Parallel.cancelled();
        }
    }

    /** Renders to memory (tests, the size chart and previews use this). */
    Frame renderFrame(Mesh mesh, RenderOptions options) throws IOException, RenderException {
        options.validate();
        try {
            Model m = model(mesh, options);
            return renderModel(m, options, null, par);
        } catch (InterruptedException e) {
            throw Parallel.cancelled();
        }
    }

    /** Renders a prepared model; {@code safe} overrides the preset's safe area when not null. */
    static Frame renderModel(Model m, RenderOptions o, double[] safe, Parallel par)
            throws RenderException, InterruptedException {
        int w = o.effectiveWidth();
        int h = o.effectiveHeight();
        double[] area = safe != null ? safe : Framing.safeArea(w, h, o.preset());
        Camera cam = Camera.framed(m, new double[] {o.azimuth()}, o.elevation(),
                "perspective".equals(RenderOptions.lower(o.projection())), area, par);
        return renderWith(m, cam, o, w, h, par);
    }

    static Frame renderWith(Model m, Camera cam, RenderOptions o, int w, int h, Parallel par)
            throws RenderException, InterruptedException {
        Renderer.Setup su = new Renderer.Setup(w, h, o.samplesPerSide(), Background.parse(o.background()), true);
        Look look = new Look(o, cam);
        try {
            return Renderer.render(m, cam, look, su, par);
        } finally {
            su.releaseBuffers();
        }
    }

    private Model model(Mesh mesh, RenderOptions o) throws RenderException, InterruptedException {
        boolean yUp = "y".equals(RenderOptions.lower(o.upAxis()));
        synchronized (cacheLock) {
            if (cachedMesh == mesh && cachedYUp == yUp && cachedModel != null) {
                return cachedModel;
            }
        }
        PhaseTimes.mark("start+read");
        Model m = Model.of(mesh, yUp, par);
        PhaseTimes.mark("model");
        synchronized (cacheLock) {
            cachedMesh = mesh;
            cachedYUp = yUp;
            cachedModel = m;
        }
        return m;
    }

    private void writePng(Frame f, Path out) throws IOException {
        try {
            PngWriter.write(f, out, par);
        } catch (InterruptedException e) {
            throw Parallel.cancelled();
        }
    }

    Parallel parallel() {
        return par;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
