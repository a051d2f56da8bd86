package org.stllisting.render;

import java.util.Arrays;

/**
 * The software rasterizer. One frame is made in passes, each split into independent pieces for the render
 * threads:
 * <ol>
 * <li>vertices are projected to fixed-point sample coordinates (8 sub-sample bits);</li>
 * <li>triangles are sorted into horizontal bands of pixel rows (in triangle order inside a band);</li>
 * <li>each band is rasterized at the supersampled resolution into its own depth and triangle-id buffer with a
 * top-left fill rule, then each pixel's samples are shaded (once per distinct triangle in the pixel) and averaged;</li>
 * <li>ambient occlusion is estimated from the pixel depths and normals;</li>
 * <li>background, floor shadow and model are composited in linear light and encoded to sRGB.</li>
 * </ol>
 * Every pixel is written by exactly one piece of work and all sums run in a fixed order, so the image is
 * bit-identical for any thread count. Stateless; thread-safe.
 */
final class Renderer {
    /** Pixel rows per band. */
    private static final int BAND = 16;
    private static final int SUB_BITS = 8;
    private static final int SUB = 1 << SUB_BITS;
    private static final int HALF = SUB / 2;
    private static final int LIMIT = 1 << 26;
    private static final int TRI_CHUNK = 1 << 15;

    private Renderer() {
    }

    /** What stays the same across the frames of one turntable. */
    static final class Setup {
        final int width;
        final int height;
        final int samples;
        /** Linear RGB of the background: per row when {@link #perRow}, else per pixel; null when transparent. */
        final float[] background;
        /** The background is one color per row (a color or a gradient): stored per row, not per pixel. */
        final boolean perRow;
        final boolean transparent;
        final boolean floorShadow;
        /** Skip facets that face away on closed meshes (changes no pixel, saves time); tests turn it off. */
        boolean cullBackFaces = true;
        /** Shade in vector passes or point by point (the same pixels; see {@link #VECTOR_SHADING}). */
        boolean vectorShading = VECTOR_SHADING;
        /** The background as sRGB bytes, laid out like {@link #background}; null when transparent (all zero). */
        final byte[] backgroundBytes;

        /**
         * Each frame rendered with this setup overwrites the previous frame's bytes instead of taking a new array
         * (a turntable, whose frames are converted before the next one starts); off by default.
         */
        boolean reuseFrames;
        private byte[] frameBytes;

        private Buffers buffers;

        /** The byte array of the next frame ({@code size} bytes): the previous frame's when {@link #reuseFrames}. */
        synchronized byte[] frameBytes(int size) {
            if (!reuseFrames) {
                return new byte[size];
            }
            if (frameBytes == null || frameBytes.length != size) {
                frameBytes = new byte[size];
            }
            return frameBytes;
        }

        /**
         * Frame-sized work arrays, reused by consecutive frames rendered with this setup (one at a time); taken from
         * those an earlier setup of the same size gave back ({@link #releaseBuffers}), else new.
         */
        synchronized Buffers buffers() {
            if (buffers == null) {
                buffers = Buffers.take(width, height);
            }
            return buffers;
        }

        /**
         * Gives this setup's work arrays back for a later setup of the same size (every entry is rewritten by each
         * frame, so nothing of this frame reaches the next); call once no frame of this setup is being rendered.
         */
        synchronized void releaseBuffers() {
            if (buffers != null) {
                Buffers.give(buffers);
                buffers = null;
            }
        }

        Setup(int width, int height, int samples, Background bg, boolean floorShadow) throws RenderException {
            this.width = width;
            this.height = height;
            this.samples = samples;
            this.transparent = bg.transparent();
            this.perRow = bg.uniformRows();
            this.background = transparent ? null : bg.resolve(perRow ? 1 : width, height);
            this.floorShadow = floorShadow;
            this.backgroundBytes = transparent ? null : new byte[background.length];
            for (int i = 0; !transparent && i < background.length; i++) {
                backgroundBytes[i] = (byte) Colors.toSrgb(background[i]);
            }
        }

        /** The same setup with work buffers of its own, to render another frame at the same time (turntables). */
        Setup forAnotherThread() {
            return new Setup(this);
        }

        private Setup(Setup o) {
            width = o.width;
            height = o.height;
            samples = o.samples;
            transparent = o.transparent;
            perRow = o.perRow;
            background = o.background;
            floorShadow = o.floorShadow;
            cullBackFaces = o.cullBackFaces;
            vectorShading = o.vectorShading;
            reuseFrames = o.reuseFrames;
            backgroundBytes = o.backgroundBytes;
        }
    }

    /** Per-pixel results of the band pass; every entry is rewritten by each frame. */
    static final class Buffers {
        final float[] colR;
        final float[] colG;
        final float[] colB;
        final float[] cover;
        final float[] depth;
        /**
         * The normal of the nearest surface where the occlusion is estimated: at every {@link #aoStep}-th pixel of
         * every aoStep-th row, {@link #aoWidth} per such row (3 floats each).
         */
        final float[] normal;
        final int aoStep;
        final int aoWidth;

        /**
         * Arrays given back, the most recent first, at most {@link #KEPT}: two jobs' stills, or a turntable's
         * workers, take them again instead of some 20 bytes a pixel of fresh memory per frame. Softly held, so
         * that memory the program needs is never kept for them.
         */
        private static final java.util.ArrayDeque<java.lang.ref.SoftReference<Buffers>> FREE =
                new java.util.ArrayDeque<>();
        private static final int KEPT = 4;

        final int width;
        final int height;

        static Buffers take(int w, int h) {
            synchronized (FREE) {
                for (java.util.Iterator<java.lang.ref.SoftReference<Buffers>> i = FREE.iterator(); i.hasNext(); ) {
                    Buffers b = i.next().get();
                    if (b == null) {
                        i.remove();
                    } else if (b.width == w && b.height == h) {
                        i.remove();
                        return b;
                    }
                }
            }
            return new Buffers(w, h);
        }

        static void give(Buffers b) {
            synchronized (FREE) {
                FREE.addFirst(new java.lang.ref.SoftReference<>(b));
                while (FREE.size() > KEPT) {
                    FREE.removeLast();
                }
            }
        }

        Buffers(int w, int h) {
            this.width = w;
            this.height = h;
            int n = w * h;
            colR = new float[n];
            colG = new float[n];
            colB = new float[n];
            cover = new float[n];
            depth = new float[n];
            aoStep = AmbientOcclusion.step(w, h);
            aoWidth = (w + aoStep - 1) / aoStep;
            normal = new float[3 * aoWidth * ((h + aoStep - 1) / aoStep)];
        }
    }

    /** Per-thread scratch buffers, reused across bands and frames. */
    private static final ThreadLocal<float[]> DEPTH = new ThreadLocal<>();
    private static final ThreadLocal<int[]> IDS = new ThreadLocal<>();
    private static final ThreadLocal<BandShader> SHADERS = new ThreadLocal<>();
    /**
     * Shade a row's points in passes over arrays (true) or point by point (false); the same pixels either way.
     * The passes are about three times faster where the optimizing JIT compiler turns them into vector
     * instructions, but slower under the quick compiler alone, which the launcher chooses for one-image commands
     * and then sets {@code -Dstl.render.vectorShading=false}.
     */
    static final boolean VECTOR_SHADING = !"false".equals(System.getProperty("stl.render.vectorShading"));

    static Frame render(Model m, Camera cam, Look look, Setup su, Parallel par) throws InterruptedException {
        PhaseTimes.mark("setup");
        final int w = su.width;
        final int h = su.height;
        final int s = su.samples;
        final int sw = w * s;
        final int sh = h * s;
        final int nv = m.pos.length / 3;
        final int[] vx = new int[nv];
        final int[] vy = new int[nv];
        final float[] vz = new float[nv];
        final float[] vi = new float[nv];
        final float[] p = m.pos;
        final double scale = (double) s * SUB;
        par.forRange(nv, 1 << 15, (from, to) -> {
            for (int i = from; i < to; i++) {
                double x = p[3 * i] - cam.ex, y = p[3 * i + 1] - cam.ey, z = p[3 * i + 2] - cam.ez;
                double xv = x * cam.rx + y * cam.ry + z * cam.rz;
                double yv = x * cam.ux + y * cam.uy + z * cam.uz;
                double zv = x * cam.fx + y * cam.fy + z * cam.fz;
                double px, py;
                if (cam.perspective) {
                    if (zv <= 1e-9) {
                        vx[i] = Integer.MIN_VALUE;
                        continue;
                    }
                    px = cam.cx + cam.focal * xv / zv;
                    py = cam.cy - cam.focal * yv / zv;
                    vz[i] = (float) (-1 / zv);
                    vi[i] = (float) (1 / zv);
                } else {
                    px = cam.cx + cam.focal * xv;
                    py = cam.cy - cam.focal * yv;
                    vz[i] = (float) zv;
                    vi[i] = 1f;
                }
                vx[i] = (int) Math.max(-LIMIT, Math.min(LIMIT, Math.round(px * scale)));
                vy[i] = (int) Math.max(-LIMIT, Math.min(LIMIT, Math.round(py * scale)));
            }
        });

        PhaseTimes.mark("project");
        // bin triangles into bands
        final int[] tri = m.tri;
        final int nf = m.facets;
        final int bandRows = BAND * s;
        final int nb = (h + BAND - 1) / BAND;
        final int chunks = (nf + TRI_CHUNK - 1) / TRI_CHUNK;
        final int[] counts = new int[chunks * nb];
        final int cull = su.cullBackFaces ? m.cull : 0;
        // first and last band of each triangle (packed; -1 when it covers no sample), counted per band
        final int[] range = new int[nf];
        par.forRange(nf, TRI_CHUNK, (from, to) -> {
            int base = (from / TRI_CHUNK) * nb;
            for (int t = from; t < to; t++) {
                int r = bandRange(tri, vx, vy, t, sw, sh, bandRows, cull);
                range[t] = r;
                if (r >= 0) {
                    for (int b = r >>> 16, b1 = r & 0xffff; b <= b1; b++) {
                        counts[base + b]++;
                    }
                }
            }
        });
        final int[] bandStart = new int[nb + 1];
        final int[] cursor = new int[chunks * nb];
        int total = 0;
        for (int b = 0; b < nb; b++) {
            bandStart[b] = total;
            for (int c = 0; c < chunks; c++) {
                cursor[c * nb + b] = total;
                total += counts[c * nb + b];
            }
        }
        bandStart[nb] = total;
        final int[] binned = new int[total];
        par.forRange(nf, TRI_CHUNK, (from, to) -> {
            int base = (from / TRI_CHUNK) * nb;
            for (int t = from; t < to; t++) {
                int r = range[t];
                if (r >= 0) {
                    for (int b = r >>> 16, b1 = r & 0xffff; b <= b1; b++) {
                        binned[cursor[base + b]++] = t;
                    }
                }
            }
        });

        PhaseTimes.mark("bin");
        // rasterize and shade band by band
        Buffers buf = su.buffers();
        final float[] colR = buf.colR;
        final float[] colG = buf.colG;
        final float[] colB = buf.colB;
        final float[] cover = buf.cover;
        final float[] depth = buf.depth;
        final float[] normal = buf.normal;
        par.forRange(nb, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                band(m, cam, look, su, buf, b, bandRows, binned, bandStart[b], bandStart[b + 1], vx, vy, vz, vi);
            }
        });

        PhaseTimes.mark("raster+shade");
        float[] ao = AmbientOcclusion.compute(m, cam, w, h, depth, normal, par);
        PhaseTimes.mark("occlusion");
        Frame f = composite(m, cam, look, su, colR, colG, colB, cover, ao, par);
        PhaseTimes.mark("composite");
        return f;
    }

    /**
     * Rasterizes band {@code b} (binned triangles [k0, k1)) at the supersampled resolution and shades its pixels.
     * Each step is a method of its own with one loop, so that the JIT compiler compiles each once.
     */
    private static void band(Model m, Camera cam, Look look, Setup su, Buffers buf, int b, int bandRows,
                             int[] binned, int k0, int k1, int[] vx, int[] vy, float[] vz, float[] vi) {
        int s = su.samples;
        int sw = su.width * s;
        int sh = su.height * s;
        int rowLo = b * bandRows;
        int rowHi = Math.min(sh, rowLo + bandRows);
        int n = (rowHi - rowLo) * sw;
        float[] zb = DEPTH.get();
        int[] ids = IDS.get();
        if (zb == null || zb.length < n) {
            zb = new float[n];
            ids = new int[n];
            DEPTH.set(zb);
            IDS.set(ids);
        }
        int[] tri = m.tri;
        // only the pixel columns the band's triangles reach need clearing, rasterizing and shading
        long ext = xExtent(tri, vx, binned, k0, k1);
        int xMin = (int) (ext >> 32), xMax = (int) ext;
        int pxLo = 0, pxHi = -1;
        if (xMin <= xMax) {
            pxLo = Math.max(0, ceilDiv(xMin - HALF)) / s;
            pxHi = Math.min(sw - 1, floorDiv(xMax - HALF)) / s;
        }
        clear(zb, ids, rowHi - rowLo, sw, pxLo * s, (pxHi + 1) * s);
        rasterAll(tri, binned, k0, k1, vx, vy, vz, rowLo, rowHi, sw, zb, ids);
        BandShader.forThread(su.width, s).frame(m, cam, look, vx, vy, vi, su.vectorShading)
                .band(rowLo / s, rowHi / s, pxLo, pxHi, rowLo, sw, ids, buf);
    }

    /** The smallest and largest sample x of the corners of binned triangles [k0, k1), as {@code min << 32 | max}. */
    private static long xExtent(int[] tri, int[] vx, int[] binned, int k0, int k1) {
        int xMin = Integer.MAX_VALUE, xMax = Integer.MIN_VALUE;
        for (int k = k0; k < k1; k++) {
            int t = binned[k];
            int xa = vx[tri[3 * t]], xb = vx[tri[3 * t + 1]], xc = vx[tri[3 * t + 2]];
            xMin = Math.min(xMin, Math.min(xa, Math.min(xb, xc)));
            xMax = Math.max(xMax, Math.max(xa, Math.max(xb, xc)));
        }
        return (long) xMin << 32 | (xMax & 0xffffffffL);
    }

    /** Empties sample columns [cLo, cHi) of the band's rows. */
    private static void clear(float[] zb, int[] ids, int rows, int sw, int cLo, int cHi) {
        for (int r = 0; r < rows && cLo < cHi; r++) {
            Arrays.fill(zb, r * sw + cLo, r * sw + cHi, Float.POSITIVE_INFINITY);
            Arrays.fill(ids, r * sw + cLo, r * sw + cHi, -1);
        }
    }

    private static void rasterAll(int[] tri, int[] binned, int k0, int k1, int[] vx, int[] vy, float[] vz,
                                  int rowLo, int rowHi, int sw, float[] zb, int[] ids) {
        for (int k = k0; k < k1; k++) {
            int t = binned[k];
            int a = tri[3 * t], bb = tri[3 * t + 1], c = tri[3 * t + 2];
            raster(t, vx[a], vy[a], vz[a], vx[bb], vy[bb], vz[bb], vx[c], vy[c], vz[c], rowLo, rowHi, sw, zb, ids);
        }
    }

    /**
     * The first and last band a triangle touches as {@code first << 16 | last}, or -1 when it covers no sample
     * center on screen or faces away from the camera on a mesh whose back faces are never seen.
     */
    private static int bandRange(int[] tri, int[] vx, int[] vy, int t, int sw, int sh, int bandRows, int cull) {
        int a = tri[3 * t], b = tri[3 * t + 1], c = tri[3 * t + 2];
        int xa = vx[a], xb = vx[b], xc = vx[c];
        if (xa == Integer.MIN_VALUE || xb == Integer.MIN_VALUE || xc == Integer.MIN_VALUE) {
            return -1;
        }
        int ya = vy[a], yb = vy[b], yc = vy[c];
        if (cull != 0) {
            long area = (long) (xb - xa) * (yc - ya) - (long) (yb - ya) * (xc - xa);
            // outward facets seen from the front wind negatively on screen (y points down)
            if (cull > 0 ? area >= 0 : area <= 0) {
                return -1;
            }
        }
        int r0 = Math.max(0, ceilDiv(min3(ya, yb, yc) - HALF));
        int r1 = Math.min(sh - 1, floorDiv(max3(ya, yb, yc) - HALF));
        if (r0 > r1 || Math.max(0, ceilDiv(min3(xa, xb, xc) - HALF))
                > Math.min(sw - 1, floorDiv(max3(xa, xb, xc) - HALF))) {
            return -1;
        }
        return (r0 / bandRows) << 16 | (r1 / bandRows);
    }

    private static int min3(int a, int b, int c) {
        int m = a < b ? a : b;
        return m < c ? m : c;
    }

    private static int max3(int a, int b, int c) {
        int m = a > b ? a : b;
        return m > c ? m : c;
    }

    /** ⌈v / SUB⌉ (a shift: SUB is a power of two). */
    private static int ceilDiv(int v) {
        return -(-v >> SUB_BITS);
    }

    /** ⌊v / SUB⌋. */
    private static int floorDiv(int v) {
        return v >> SUB_BITS;
    }

    /** Rasterizes one triangle into the band's sample rows [rowLo, rowHi); nearer (smaller z) wins. */
    private static void raster(int t, int x0, int y0, float z0, int x1, int y1, float z1, int x2, int y2, float z2,
                               int rowLo, int rowHi, int sw, float[] zb, int[] ids) {
        long area = (long) (x1 - x0) * (y2 - y0) - (long) (y1 - y0) * (x2 - x0);
        if (area == 0) {
            return;
        }
        if (area < 0) {
            int tx = x1, ty = y1;
            float tz = z1;
            x1 = x2;
            y1 = y2;
            z1 = z2;
            x2 = tx;
            y2 = ty;
            z2 = tz;
            area = -area;
        }
        int c0 = Math.max(0, ceilDiv(Math.min(x0, Math.min(x1, x2)) - HALF));
        int c1 = Math.min(sw - 1, floorDiv(Math.max(x0, Math.max(x1, x2)) - HALF));
        int r0 = Math.max(rowLo, ceilDiv(Math.min(y0, Math.min(y1, y2)) - HALF));
        int r1 = Math.min(rowHi - 1, floorDiv(Math.max(y0, Math.max(y1, y2)) - HALF));
        if (c0 > c1 || r0 > r1) {
            return;
        }
        long px = (long) c0 * SUB + HALF;
        long py = (long) r0 * SUB + HALF;
        // edge functions: e0 over edge 1→2 (weight of vertex 0), e1 over 2→0, e2 over 0→1
        long e0 = edge(x1, y1, x2, y2, px, py) + bias(x1, y1, x2, y2);
        long e1 = edge(x2, y2, x0, y0, px, py) + bias(x2, y2, x0, y0);
        long e2 = edge(x0, y0, x1, y1, px, py) + bias(x0, y0, x1, y1);
        long dx0 = -(long) (y2 - y1) * SUB, dy0 = (long) (x2 - x1) * SUB;
        long dx1 = -(long) (y0 - y2) * SUB, dy1 = (long) (x0 - x2) * SUB;
        long dx2 = -(long) (y1 - y0) * SUB, dy2 = (long) (x1 - x0) * SUB;
        float inv = 1f / area;
        float dz1 = (z1 - z0) * inv;
        float dz2 = (z2 - z0) * inv;
        for (int r = r0; r <= r1; r++) {
            long a0 = e0, a1 = e1, a2 = e2;
            int row = (r - rowLo) * sw;
            for (int c = c0; c <= c1; c++) {
                if ((a0 | a1 | a2) >= 0) {
                    float z = z0 + dz1 * a1 + dz2 * a2;
                    int i = row + c;
                    if (z < zb[i]) {
                        zb[i] = z;
                        ids[i] = t;
                    }
                }
                a0 += dx0;
                a1 += dx1;
                a2 += dx2;
            }
            e0 += dy0;
            e1 += dy1;
            e2 += dy2;
        }
    }

    private static long edge(int ax, int ay, int bx, int by, long px, long py) {
        return (long) (bx - ax) * (py - ay) - (long) (by - ay) * (px - ax);
    }

    /** Top-left rule: samples exactly on an edge belong to one of the two triangles sharing it, never both. */
    private static long bias(int ax, int ay, int bx, int by) {
        int dy = by - ay;
        int dx = bx - ax;
        return (dy > 0 || (dy == 0 && dx < 0)) ? 0 : -1;
    }

    /**
     * Shades the pixels of a band from its samples' triangle ids, a pixel row at a time: once per pixel and
     * surface, at the pixel's first sample of that surface, and averages the samples. A row is done in passes: the
     * surface points to shade are collected (one per pixel inside one triangle, one per surface where a pixel shows
     * several), their positions and normals interpolated (keeping the last triangle's set-up, since neighbouring
     * points mostly lie on the same triangle), all of them shaded at once ({@link Look#shade(Look.Points, int)}),
     * and the pixels resolved. Scratch space of one thread, reused for the bands and frames it renders.
     */
    private static final class BandShader {
        private static final byte EMPTY = 0;
        private static final byte ONE = 1;
        private static final byte MIXED = 2;

        private final int width;
        private final int s;
        private final int ns;
        /** Sample offsets inside a pixel, per axis. */
        private final float[] off;
        /** Per pixel of the row: EMPTY, ONE (all samples on one triangle) or MIXED; its first point; its points. */
        private final byte[] kind;
        private final int[] firstPoint;
        private final int[] pointCount;
        /** Per sample of a mixed pixel: the point whose color it takes, or -1 when it shows the background. */
        private final int[] samplePoint;
        /** Per point: triangle, sample position, view depth. */
        private final int[] pointTri;
        private final float[] pointX;
        private final float[] pointY;
        private final float[] pointDepth;
        private final float[] lengths;
        private final Look.Points points;
        // the frame's model, camera, look, projected vertices and way of shading
        private Look look;
        private boolean vector;
        private int[] tri;
        private float[] pos;
        private float[] nrm;
        private Model m;
        private int[] vx;
        private int[] vy;
        private float[] vi;
        private boolean persp;
        private double ex, ey, ez, fx, fy, fz;
        private float orthoX, orthoY, orthoZ;
        private double minZ;
        private float liftScale;
        /** The triangle whose set-up is held, and that set-up. */
        private int t = -1;
        private float ax, ay, bxax, byay, cxax, cyay, area, invArea;
        private float via, vib, vic;
        private float pax, pay, paz, pbx, pby, pbz, pcx, pcy, pcz;
        private float nax, nay, naz, nbx, nby, nbz, ncx, ncy, ncz;

        BandShader(int width, int s) {
            this.width = width;
            this.s = s;
            this.ns = s * s;
            this.off = new float[s];
            for (int i = 0; i < s; i++) {
                off[i] = (i + 0.5f) / s;
            }
            kind = new byte[width];
            firstPoint = new int[width];
            pointCount = new int[width];
            samplePoint = new int[width * ns];
            int capacity = width * ns;
            pointTri = new int[capacity];
            pointX = new float[capacity];
            pointY = new float[capacity];
            pointDepth = new float[capacity];
            lengths = new float[capacity];
            points = new Look.Points(capacity);
        }

        /** Scratch space for this thread, for frames {@code width} wide at s × s samples. */
        static BandShader forThread(int width, int s) {
            BandShader b = SHADERS.get();
            if (b == null || b.width != width || b.s != s) {
                b = new BandShader(width, s);
                SHADERS.set(b);
            }
            return b;
        }

        /** Starts a frame (or a band of it). */
        BandShader frame(Model m, Camera cam, Look look, int[] vx, int[] vy, float[] vi, boolean vector) {
            this.vector = vector;
            this.m = m;
            this.look = look;
            this.tri = m.tri;
            this.pos = m.pos;
            this.nrm = m.normal;
            this.vx = vx;
            this.vy = vy;
            this.vi = vi;
            this.persp = cam.perspective;
            this.ex = cam.ex;
            this.ey = cam.ey;
            this.ez = cam.ez;
            this.fx = cam.fx;
            this.fy = cam.fy;
            this.fz = cam.fz;
            this.orthoX = (float) -cam.fx;
            this.orthoY = (float) -cam.fy;
            this.orthoZ = (float) -cam.fz;
            this.minZ = m.minZ;
            this.liftScale = m.liftScale;
            this.t = -1;
            return this;
        }

        /** Shades pixel rows [y0, y1), columns [x0, x1] into {@code buf}; the rest of those rows is empty. */
        void band(int y0, int y1, int x0, int x1, int rowLo, int sw, int[] ids, Buffers buf) {
            int w = width;
            float[] cover = buf.cover;
            float[] depth = buf.depth;
            for (int y = y0; y < y1; y++) {
                int lo = Math.min(w, x0);
                int hi = Math.max(lo, x1 + 1);
                Arrays.fill(cover, y * w, y * w + lo, 0f);
                Arrays.fill(depth, y * w, y * w + lo, Float.POSITIVE_INFINITY);
                Arrays.fill(cover, y * w + hi, y * w + w, 0f);
                Arrays.fill(depth, y * w + hi, y * w + w, Float.POSITIVE_INFINITY);
                int n = collect(y, lo, hi, (y * s - rowLo) * sw, sw, ids);
                if (n > 0) {
                    place(n);
                    if (vector) {
                        look.shade(points, n);
                    } else {
                        look.shadeEach(points, n);
                    }
                }
                resolve(y, lo, hi, buf);
            }
        }

        /** The points to shade in pixels [lo, hi) of row y; returns their number. */
        private int collect(int y, int lo, int hi, int rowBase, int sw, int[] ids) {
            int n = 0;
            for (int x = lo; x < hi; x++) {
                int first = rowBase + x * s;
                int t0 = ids[first];
                boolean any;
                boolean same;
                if (s == 2) {
                    // the common quality, unrolled
                    int t1 = ids[first + 1], t2 = ids[first + sw], t3 = ids[first + sw + 1];
                    // some sample is covered when some id's sign bit is clear
                    any = (t0 & t1 & t2 & t3) >= 0;
                    same = t0 == t1 && t0 == t2 && t0 == t3;
                } else {
                    any = t0 >= 0;
                    same = true;
                    for (int j = 0; j < s; j++) {
                        int row = first + j * sw;
                        for (int i = 0; i < s; i++) {
                            int t = ids[row + i];
                            any |= t >= 0;
                            same &= t == t0;
                        }
                    }
                }
                firstPoint[x] = n;
                if (!any) {
                    // empty pixels (most of the frame) need no work beyond marking them
                    kind[x] = EMPTY;
                } else if (same) {
                    // inside one triangle (most covered pixels): one point for all samples
                    kind[x] = ONE;
                    pointTri[n] = t0;
                    pointX[n] = x + off[0];
                    pointY[n] = y + off[0];
                    n++;
                } else {
                    kind[x] = MIXED;
                    int sp = x * ns;
                    int lastT = -1, lastQ = -1;
                    for (int j = 0; j < s; j++) {
                        int row = first + j * sw;
                        for (int i = 0; i < s; i++, sp++) {
                            int t = ids[row + i];
                            if (t < 0) {
                                samplePoint[sp] = -1;
                                continue;
                            }
                            if (t == lastT) {
                                samplePoint[sp] = lastQ;
                                continue;
                            }
                            int q = firstPoint[x];
                            while (q < n && pointTri[q] != t && !adjacent(tri, pointTri[q], t)) {
                                q++;
                            }
                            if (q == n) {
                                pointTri[n] = t;
                                pointX[n] = x + off[i];
                                pointY[n] = y + off[j];
                                n++;
                            }
                            samplePoint[sp] = q;
                            lastT = t;
                            lastQ = q;
                        }
                    }
                }
                pointCount[x] = n - firstPoint[x];
            }
            return n;
        }

        /**
         * Positions, unit normals (facing the viewer), view directions, heights and depths of points 0..n-1:
         * interpolated per point with the held triangle set-up, then normalized in passes over the arrays.
         */
        private void place(int n) {
            Look.Points p = points;
            float[] nx = p.nx, ny = p.ny, nz = p.nz, vx = p.vx, vy = p.vy, vz = p.vz;
            for (int q = 0; q < n; q++) {
                int t = pointTri[q];
                if (t != this.t) {
                    setUp(t);
                }
                float sx = pointX[q], sy = pointY[q];
                float d = area;
                float wb, wc;
                if (d != 0) {
                    // by the reciprocal held with the set-up: multiplications instead of divisions per point
                    float k = invArea;
                    wb = ((sx - ax) * cyay - (sy - ay) * cxax) * k;
                    wc = (bxax * (sy - ay) - byay * (sx - ax)) * k;
                } else {
                    wb = 1f / 3;
                    wc = 1f / 3;
                }
                float wa = 1 - wb - wc;
                // perspective-correct weights (a sample just outside the triangle takes its nearest edge's;
                // compares, not Math.max, which costs several times more in this scalar loop)
                wa = wa > 0 ? wa * via : 0;
                wb = wb > 0 ? wb * vib : 0;
                wc = wc > 0 ? wc * vic : 0;
                float sum = wa + wb + wc;
                if (!(sum > 0)) {
                    wa = 1;
                    wb = 0;
                    wc = 0;
                    sum = 1;
                }
                float inv = 1 / sum;
                wa *= inv;
                wb *= inv;
                wc *= inv;
                float px = wa * pax + wb * pbx + wc * pcx;
                float py = wa * pay + wb * pby + wc * pcy;
                float pz = wa * paz + wb * pbz + wc * pcz;
                float sx2 = wa * nax + wb * nbx + wc * ncx;
                float sy2 = wa * nay + wb * nby + wc * ncy;
                float sz2 = wa * naz + wb * nbz + wc * ncz;
                // seen from behind (open or inside-out meshes): light the side that faces the camera. Facets facing
                // the camera wind clockwise on screen (y points down), so the sign of the screen area tells the side.
                if (d > 0) {
                    sx2 = -sx2;
                    sy2 = -sy2;
                    sz2 = -sz2;
                }
                nx[q] = sx2;
                ny[q] = sy2;
                nz[q] = sz2;
                if (persp) {
                    vx[q] = (float) (ex - px);
                    vy[q] = (float) (ey - py);
                    vz[q] = (float) (ez - pz);
                } else {
                    vx[q] = orthoX;
                    vy[q] = orthoY;
                    vz[q] = orthoZ;
                }
                p.lift[q] = (float) (pz - minZ) * liftScale;
                pointDepth[q] = (float) ((px - ex) * fx + (py - ey) * fy + (pz - ez) * fz);
            }
            normalize(nx, ny, nz, n);
            if (persp) {
                normalize(vx, vy, vz, n);
            }
        }

        /** Scales vectors 0..n-1 to unit length (zero vectors stay zero). */
        private void normalize(float[] x, float[] y, float[] z, int n) {
            float[] inv = lengths;
            for (int i = 0; i < n; i++) {
                // 1 / 1e-30 is still finite, so a zero vector stays zero
                inv[i] = 1 / Math.max(1e-30f, (float) Math.sqrt(x[i] * x[i] + y[i] * y[i] + z[i] * z[i]));
            }
            for (int i = 0; i < n; i++) {
                x[i] *= inv[i];
                y[i] *= inv[i];
                z[i] *= inv[i];
            }
        }

        /** Colors, coverage, depth and normal of pixels [lo, hi) of row y from their points. */
        private void resolve(int y, int lo, int hi, Buffers buf) {
            float[] colR = buf.colR, colG = buf.colG, colB = buf.colB, cover = buf.cover, depth = buf.depth;
            float[] normal = buf.normal;
            int aoStep = buf.aoStep;
            // the step is a power of two: masks and shifts, not a division per pixel
            int aoMask = aoStep - 1;
            int aoShift = Integer.numberOfTrailingZeros(aoStep);
            Look.Points p = points;
            float[] r = p.r, g = p.g, b = p.b;
            boolean aoRow = y % aoStep == 0;
            int aoRowStart = (y / aoStep) * buf.aoWidth;
            for (int x = lo; x < hi; x++) {
                int pix = y * width + x;
                byte k = kind[x];
                if (k == EMPTY) {
                    cover[pix] = 0;
                    depth[pix] = Float.POSITIVE_INFINITY;
                    continue;
                }
                int q0 = firstPoint[x];
                boolean aoHere = aoRow && (x & aoMask) == 0;
                if (k == ONE) {
                    colR[pix] = r[q0];
                    colG[pix] = g[q0];
                    colB[pix] = b[q0];
                    cover[pix] = 1;
                } else {
                    int covered = 0;
                    float sr = 0, sg = 0, sb = 0;
                    for (int sp = x * ns, e = sp + ns; sp < e; sp++) {
                        int q = samplePoint[sp];
                        if (q >= 0) {
                            covered++;
                            sr += r[q];
                            sg += g[q];
                            sb += b[q];
                        }
                    }
                    colR[pix] = sr / covered;
                    colG[pix] = sg / covered;
                    colB[pix] = sb / covered;
                    cover[pix] = covered / (float) ns;
                }
                // the nearest surface's depth, and its normal where the occlusion is estimated
                float dmin = Float.POSITIVE_INFINITY;
                int nearest = -1;
                for (int q = q0, e = q0 + pointCount[x]; q < e; q++) {
                    if (pointDepth[q] < dmin) {
                        dmin = pointDepth[q];
                        nearest = q;
                    }
                }
                depth[pix] = dmin;
                if (nearest >= 0 && aoHere) {
                    int at = 3 * (aoRowStart + (x >> aoShift));
                    normal[at] = p.nx[nearest];
                    normal[at + 1] = p.ny[nearest];
                    normal[at + 2] = p.nz[nearest];
                }
            }
        }

        /** Holds triangle t's corners on screen, positions, perspective weights and corner normals. */
        private void setUp(int t) {
            this.t = t;
            int a = tri[3 * t], b = tri[3 * t + 1], c = tri[3 * t + 2];
            float k = 1f / (SUB * s);
            ax = vx[a] * k;
            ay = vy[a] * k;
            float bx = vx[b] * k, by = vy[b] * k;
            float cx = vx[c] * k, cy = vy[c] * k;
            bxax = bx - ax;
            byay = by - ay;
            cxax = cx - ax;
            cyay = cy - ay;
            area = bxax * cyay - byay * cxax;
            invArea = 1 / area;
            via = vi[a];
            vib = vi[b];
            vic = vi[c];
            float[] p = pos;
            pax = p[3 * a];
            pay = p[3 * a + 1];
            paz = p[3 * a + 2];
            pbx = p[3 * b];
            pby = p[3 * b + 1];
            pbz = p[3 * b + 2];
            pcx = p[3 * c];
            pcy = p[3 * c + 1];
            pcz = p[3 * c + 2];
            float[] n = nrm;
            int na = 3 * m.row(t, 0), nb = 3 * m.row(t, 1), nc = 3 * m.row(t, 2);
            nax = n[na];
            nay = n[na + 1];
            naz = n[na + 2];
            nbx = n[nb];
            nby = n[nb + 1];
            nbz = n[nb + 2];
            ncx = n[nc];
            ncy = n[nc + 1];
            ncz = n[nc + 2];
        }
    }

    /**
     * Two triangles that share a vertex belong to the same surface here; within one pixel one shading serves both
     * (a different surface behind still gets its own).
     */
    private static boolean adjacent(int[] tri, int a, int b) {
        int a0 = tri[3 * a], a1 = tri[3 * a + 1], a2 = tri[3 * a + 2];
        int b0 = tri[3 * b], b1 = tri[3 * b + 1], b2 = tri[3 * b + 2];
        return a0 == b0 || a0 == b1 || a0 == b2 || a1 == b0 || a1 == b1 || a1 == b2
                || a2 == b0 || a2 == b1 || a2 == b2;
    }

    /** Background, floor shadow and model in linear light, to sRGB; {@code ao}: the occlusion estimates. */
    private static Frame composite(Model m, Camera cam, Look look, Setup su, float[] colR, float[] colG,
                                   float[] colB, float[] cover, float[] ao, Parallel par) throws InterruptedException {
        int w = su.width;
        int h = su.height;
        boolean alpha = su.transparent;
        int ch = alpha ? 4 : 3;
        byte[] out = su.frameBytes(w * h * ch);
        GroundShadow gs = su.floorShadow && cam.elevationDeg > 0 ? m.shadow(par, w, h) : null;
        float strength = look.shadowStrength();
        float[] bg = su.background;
        byte[] bgBytes = su.backgroundBytes;
        // only pixels that can see the shadowed part of the floor need the (per pixel) floor lookup
        int[] sb = gs == null ? new int[] {0, 0, -1, -1} : shadowBox(m, cam, gs, w, h);
        // the floor shadow is smooth: look it up on a 4-pixel grid and interpolate
        int gw = w / 4 + 2;
        int gh = h / 4 + 2;
        float[] grid = new float[gs == null ? 0 : gw * gh];
        if (gs != null) {
            // the view ray through grid point (i, j) is (f + r a) + u b in perspective (from the eye), the ray
            // from (e + r a) + u b along f in parallel projection: the first part per column, the second per row
            // (summed in that order, as for one ray at a time)
            boolean persp = cam.perspective;
            double[] col = new double[3 * gw];
            for (int i = 0; i < gw; i++) {
                double a = (i * 4 + 0.5 - cam.cx) / cam.focal;
                col[3 * i] = (persp ? cam.fx : cam.ex) + cam.rx * a;
                col[3 * i + 1] = (persp ? cam.fy : cam.ey) + cam.ry * a;
                col[3 * i + 2] = (persp ? cam.fz : cam.ez) + cam.rz * a;
            }
            int i0 = Math.max(0, ceilDiv4(sb[0] - 4)), i1 = Math.min(gw - 1, (sb[2] + 4) >> 2);
            par.forRange(gh, 16, (from, to) -> {
                for (int j = from; j < to; j++) {
                    int py = j * 4;
                    if (py < sb[1] - 4 || py > sb[3] + 4) {
                        continue;
                    }
                    double b = (cam.cy - (py + 0.5)) / cam.focal;
                    double ubx = cam.ux * b, uby = cam.uy * b, ubz = cam.uz * b;
                    for (int i = i0; i <= i1; i++) {
                        double x = col[3 * i] + ubx, y = col[3 * i + 1] + uby, z = col[3 * i + 2] + ubz;
                        grid[j * gw + i] = persp ? floorShadow(m, gs, cam.ex, cam.ey, cam.ez, x, y, z)
                                : floorShadow(m, gs, x, y, z, cam.fx, cam.fy, cam.fz);
                    }
                }
            });
        }
        boolean perRow = su.perRow;
        // occlusion: the estimates are smoothed one row of their grid at a time, as the rows are reached
        float[] depth = su.buffers().depth;
        int aoStep = AmbientOcclusion.step(w, h);
        int aoShift = Integer.numberOfTrailingZeros(aoStep);
        par.forRange(h, 8, (from, to) -> {
            float[] cell = new float[(w + aoStep - 1) / aoStep];
            float[] shadow = new float[w + 4];
            float[] shadowCol = new float[gw];
            for (int y = from; y < to; y++) {
                if (y % aoStep == 0 || y == from) {
                    AmbientOcclusion.smoothRow(ao, depth, w, h, y / aoStep, cell);
                }
                // the background first (a row of one color by doubling copies), then what covers it
                int ro = y * w * ch;
                if (perRow) {
                    System.arraycopy(bgBytes, 3 * y, out, ro, 3);
                    Background.fillRow(out, ro, 3, 3 * w);
                } else if (!alpha) {
                    System.arraycopy(bgBytes, ro, out, ro, 3 * w);
                } else if (su.reuseFrames) {
                    Arrays.fill(out, ro, ro + 4 * w, (byte) 0);
                }
                // the floor shadow of this row's pixels inside the shadow box, [s0, s1]
                int s0 = w, s1 = -1;
                if (gs != null && y >= sb[1] && y <= sb[3]) {
                    s0 = sb[0];
                    s1 = sb[2];
                    shadowRow(grid, gw, y, s0, s1, strength, shadowCol, shadow);
                }
                if (!alpha && perRow) {
                    // the common case, one background color per row: the model alone, then model and shadow
                    float br = bg[3 * y], bgg = bg[3 * y + 1], bb = bg[3 * y + 2];
                    opaqueRow(colR, colG, colB, cover, depth, cell, aoShift, null, y, w, 0, Math.min(s0, w),
                            br, bgg, bb, out);
                    opaqueRow(colR, colG, colB, cover, depth, cell, aoShift, shadow, y, w, s0, s1 + 1,
                            br, bgg, bb, out);
                    opaqueRow(colR, colG, colB, cover, depth, cell, aoShift, null, y, w, Math.max(s0, s1 + 1), w,
                            br, bgg, bb, out);
                    continue;
                }
                for (int x = 0; x < w; x++) {
                    int pix = y * w + x;
                    float cov = cover[pix];
                    float sh = x >= s0 && x <= s1 ? shadow[x] : 0;
                    int o = pix * ch;
                    if (cov == 0 && sh == 0) {
                        continue;
                    }
                    float mr = 0, mg = 0, mb = 0;
                    if (cov > 0) {
                        float occ = depth[pix] == Float.POSITIVE_INFINITY ? 1 : cell[x >> aoShift];
                        mr = Look.tone(colR[pix]) * occ;
                        mg = Look.tone(colG[pix]) * occ;
                        mb = Look.tone(colB[pix]) * occ;
                    }
                    if (alpha) {
                        float a = cov + (1 - cov) * sh;
                        if (a > 0) {
                            out[o] = (byte) Colors.toSrgb(mr * cov / a);
                            out[o + 1] = (byte) Colors.toSrgb(mg * cov / a);
                            out[o + 2] = (byte) Colors.toSrgb(mb * cov / a);
                        }
                        out[o + 3] = (byte) Math.round(Math.min(1f, a) * 255);
                    } else {
                        float keep = (1 - cov) * (1 - sh);
                        int b = perRow ? 3 * y : 3 * pix;
                        out[o] = (byte) Colors.toSrgb(mr * cov + bg[b] * keep);
                        out[o + 1] = (byte) Colors.toSrgb(mg * cov + bg[b + 1] * keep);
                        out[o + 2] = (byte) Colors.toSrgb(mb * cov + bg[b + 2] * keep);
                    }
                }
            }
        });
        return new Frame(w, h, alpha, out);
    }

    /**
     * The floor shadow of pixels [x0, x1] of row y into {@code out[x]}, interpolated from the 4-pixel grid:
     * first between the two grid rows around y, once per grid column, then along the row, four pixels per grid
     * cell (the last cell may write up to three pixels past x1; {@code out} has room for them).
     */
    private static void shadowRow(float[] grid, int gw, int y, int x0, int x1, float strength, float[] col,
                                  float[] out) {
        int g0 = (y >> 2) * gw;
        float ty = (y & 3) * 0.25f;
        int i0 = x0 >> 2, i1 = (x1 >> 2) + 1;
        for (int i = i0; i <= i1; i++) {
            float top = grid[g0 + i];
            col[i] = strength * (top + (grid[g0 + gw + i] - top) * ty);
        }
        for (int i = i0; i < i1; i++) {
            float a = col[i];
            float d = col[i + 1] - a;
            int x = i << 2;
            out[x] = a;
            out[x + 1] = a + d * 0.25f;
            out[x + 2] = a + d * 0.5f;
            out[x + 3] = a + d * 0.75f;
        }
    }

    /**
     * Pixels [x0, x1) of row y over an opaque background of one color (linear br, bg, bb), with the floor shadow
     * {@code shadow[x]} (none when null): only pixels the model or the shadow touch change.
     */
    private static void opaqueRow(float[] colR, float[] colG, float[] colB, float[] cover, float[] depth, float[] cell,
                                  int aoShift, float[] shadow, int y, int w, int x0, int x1, float br, float bg,
                                  float bb, byte[] out) {
        for (int x = x0; x < x1; x++) {
            int pix = y * w + x;
            float cov = cover[pix];
            float sh = shadow == null ? 0 : shadow[x];
            if (cov == 0) {
                if (sh != 0) {
                    // the floor alone: what the general case below gives for cov = 0, exactly
                    float keep = 1 - sh;
                    int o = 3 * pix;
                    out[o] = (byte) Colors.toSrgb(br * keep);
                    out[o + 1] = (byte) Colors.toSrgb(bg * keep);
                    out[o + 2] = (byte) Colors.toSrgb(bb * keep);
                }
                continue;
            }
            float occ = depth[pix] == Float.POSITIVE_INFINITY ? 1 : cell[x >> aoShift];
            float mr = Look.tone(colR[pix]) * occ;
            float mg = Look.tone(colG[pix]) * occ;
            float mb = Look.tone(colB[pix]) * occ;
            float keep = (1 - cov) * (1 - sh);
            int o = 3 * pix;
            out[o] = (byte) Colors.toSrgb(mr * cov + br * keep);
            out[o + 1] = (byte) Colors.toSrgb(mg * cov + bg * keep);
            out[o + 2] = (byte) Colors.toSrgb(mb * cov + bb * keep);
        }
    }

    /** Pixel bounding box {x0, y0, x1, y1} of the floor area the shadow map covers. */
    private static int[] shadowBox(Model m, Camera cam, GroundShadow gs, int w, int h) {
        double[][] corners = {{gs.x0, gs.y0}, {gs.x0 + gs.nx * gs.cell, gs.y0},
            {gs.x0, gs.y0 + gs.ny * gs.cell}, {gs.x0 + gs.nx * gs.cell, gs.y0 + gs.ny * gs.cell}};
        double x0 = Double.POSITIVE_INFINITY, y0 = x0, x1 = Double.NEGATIVE_INFINITY, y1 = x1;
        for (double[] c : corners) {
            double px = c[0] - cam.ex, py = c[1] - cam.ey, pz = m.minZ - cam.ez;
            if (cam.perspective && px * cam.fx + py * cam.fy + pz * cam.fz <= 1e-9) {
                return new int[] {0, 0, w - 1, h - 1};
            }
            double[] p = cam.project(c[0], c[1], m.minZ);
            x0 = Math.min(x0, p[0]);
            y0 = Math.min(y0, p[1]);
            x1 = Math.max(x1, p[0]);
            y1 = Math.max(y1, p[1]);
        }
        return new int[] {(int) Math.max(0, Math.floor(x0) - 1), (int) Math.max(0, Math.floor(y0) - 1),
            (int) Math.min(w - 1, Math.ceil(x1) + 1), (int) Math.min(h - 1, Math.ceil(y1) + 1)};
    }

    /** Where the ray from o along d meets the floor, the shadow there (0 when it misses the floor). */
    private static float floorShadow(Model m, GroundShadow gs, double ox, double oy, double oz, double dx, double dy,
                                     double dz) {
        if (dz >= 0) {
            return 0;
        }
        double t = (m.minZ - oz) / dz;
        if (t <= 0) {
            return 0;
        }
        return gs.at(ox + dx * t, oy + dy * t);
    }

    /** ⌈v / 4⌉. */
    private static int ceilDiv4(int v) {
        return -(-v >> 2);
    }
}
