package org.stllisting.render;

import java.util.Arrays;

/**
 * The soft shadow the model casts on an invisible floor at its lowest point, as if lit by a large overhead soft
 * box: dark and tight where the model touches the floor, wide and faint under parts that are higher up. Made once
 * per model and grid resolution from a top-down height map (it does not change when the model turns about its up
 * axis); the grid is finer for larger pictures, up to {@link #RESOLUTION} cells across.
 * Immutable and thread-safe after construction.
 */
final class GroundShadow {
    /** Cells across the larger side of the grid for pictures of this many pixels and more. */
    static final int RESOLUTION = 320;
    final double x0, y0, cell;
    final int nx, ny;
    /** The floor's larger side over the cell size (the grid has one cell more across it). */
    final int resolution;
    private final float[] value;

    /**
     * Per thread, softly held: the work maps of the last shadow made (contact, blur scratch, half-size map),
     * taken again by the next instead of new ones for each model (a window's thumbnails make one shadow each).
     */
    private static final ThreadLocal<java.lang.ref.SoftReference<float[][]>> WORK = new ThreadLocal<>();

    private GroundShadow(double x0, double y0, double cell, int nx, int ny, int resolution, float[] value) {
        this.x0 = x0;
        this.y0 = y0;
        this.cell = cell;
        this.nx = nx;
        this.ny = ny;
        this.resolution = resolution;
        this.value = value;
    }

    /**
     * The grid's resolution for a picture of {@code width} × {@code height} pixels: {@link #RESOLUTION}, or one and
     * a half times the picture's larger side when that is less. The grid reaches well beyond the model, so a cell
     * of the full grid is already about a pixel of a 320 px picture; a smaller picture's grid keeps its cells a
     * little smaller than its pixels (the edge of a flat base's contact shadow can move by half a cell), and a
     * finer one would only cost memory and time for detail the picture cannot show. A 96 px thumbnail's grid has a
     * fifth of the full one's cells.
     */
    static int resolution(int width, int height) {
        return Math.max(1, Math.min(RESOLUTION, 3 * Math.max(width, height) / 2));
    }

    static GroundShadow of(Model m, Parallel par, boolean byVertices) throws InterruptedException {
        return of(m, par, RESOLUTION, byVertices);
    }

    /**
     * The shadow on a grid of {@code resolution} cells across its larger side.
     * {@code byVertices}: when every facet is less than half a cell wide and deep and every vertex is used, splat
     * the vertices instead of going through the facets: a facet that covers a cell centre then has its corners
     * in that cell, so the cell gets the lowest of them instead of the height at the centre (within the facet's
     * small height range, and a point of the surface over the cell too).
     */
    static GroundShadow of(Model m, Parallel par, int resolution, boolean byVertices) throws InterruptedException {
        double size = m.largestSide();
        double margin = 0.7 * size;
        double w = m.sizeX() + 2 * margin;
        double h = m.sizeY() + 2 * margin;
        double cell = Math.max(w, h) / resolution;
        int nx = (int) Math.ceil(w / cell) + 1;
        int ny = (int) Math.ceil(h / cell) + 1;
        double x0 = m.minX - margin;
        double y0 = m.minY - margin;
        // the lowest surface point over each cell, on separate maps per piece of work, then the lowest of them
        // (exact: the same for any split)
        int parts = par.threads();
        float[][] maps = new float[parts][];
        float[] p = m.pos;
        int[] t = m.tri;
        float zmin = (float) m.minZ;
        float inv = (float) (1 / cell);
        float fx0 = (float) x0;
        float fy0 = (float) y0;
        int nv = p.length / 3;
        boolean vertices = byVertices && m.allVerticesUsed && m.facetExtent < cell / 2;
        par.forRange(parts, 1, (from, to) -> {
            for (int part = from; part < to; part++) {
                float[] low = new float[nx * ny];
                Arrays.fill(low, Float.POSITIVE_INFINITY);
                maps[part] = low;
                if (vertices) {
                    for (int v = (int) ((long) nv * part / parts), e = (int) ((long) nv * (part + 1) / parts);
                            v < e; v++) {
                        splat(low, nx, ny, (p[3 * v] - fx0) * inv, (p[3 * v + 1] - fy0) * inv, p[3 * v + 2] - zmin);
                    }
                    continue;
                }
                for (int f = (int) ((long) m.facets * part / parts), e = (int) ((long) m.facets * (part + 1) / parts);
                        f < e; f++) {
                    int a = 3 * t[3 * f], b = 3 * t[3 * f + 1], c = 3 * t[3 * f + 2];
                    float ax = (p[a] - fx0) * inv, bx = (p[b] - fx0) * inv, cx = (p[c] - fx0) * inv;
                    float ay = (p[a + 1] - fy0) * inv, by = (p[b + 1] - fy0) * inv, cy = (p[c + 1] - fy0) * inv;
                    float az = p[a + 2] - zmin, bz = p[b + 2] - zmin, cz = p[c + 2] - zmin;
                    float lo = ax < bx ? ax : bx;
                    float hi = ax < bx ? bx : ax;
                    int i0 = -floor(0.5f - (lo < cx ? lo : cx));
                    int i1 = floor((hi > cx ? hi : cx) - 0.5f);
                    lo = ay < by ? ay : by;
                    hi = ay < by ? by : ay;
                    int j0 = -floor(0.5f - (lo < cy ? lo : cy));
                    int j1 = floor((hi > cy ? hi : cy) - 0.5f);
                    if (i0 > i1 || j0 > j1 || !cover(low, nx, ny, ax, ay, az, bx, by, bz, cx, cy, cz, i0, i1, j0, j1)) {
                        // smaller than a cell: its corners stand for it
                        splat(low, nx, ny, ax, ay, az);
                        splat(low, nx, ny, bx, by, bz);
                        splat(low, nx, ny, cx, cy, cz);
                    }
                }
            }
        });
        float[] low = maps[0];
        for (int part = 1; part < parts; part++) {
            float[] other = maps[part];
            for (int k = 0; k < low.length; k++) {
                if (other[k] < low[k]) {
                    low[k] = other[k];
                }
            }
        }
        // the contact shadow in a map of its own, the soft one in place of the heights, then their sum there
        float[][] work = work(nx, ny);
        float[] contact = work[0];
        float[] soft = low;
        double kc = 0.035 * size;
        double ks = 0.5 * size;
        for (int k = 0; k < low.length; k++) {
            if (low[k] != Float.POSITIVE_INFINITY) {
                contact[k] = (float) StrictMath.exp(-low[k] / kc);
                soft[k] = (float) StrictMath.exp(-low[k] / ks);
            } else {
                contact[k] = 0;
                soft[k] = 0;
            }
        }
        // one scratch map for every blur pass
        float[] tmp = work[1];
        blur(contact, nx, ny, 0.025 * size / cell, tmp, par);
        softBlur(soft, nx, ny, 0.12 * size / cell, tmp, work[2], par);
        float[] v = soft;
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.min(0.95f, 0.75f * contact[k] + 0.8f * soft[k]);
        }
        return new GroundShadow(x0, y0, cell, nx, ny, resolution, v);
    }

    /**
     * This thread's work maps for an {@code nx} × {@code ny} grid: two of at least that many entries and one for
     * the grid of half the resolution (every entry the shadow reads is written first).
     */
    private static float[][] work(int nx, int ny) {
        int cells = nx * ny;
        int halfCells = ((nx + 1) / 2) * ((ny + 1) / 2);
        java.lang.ref.SoftReference<float[][]> ref = WORK.get();
        float[][] w = ref == null ? null : ref.get();
        if (w == null || w[0].length < cells || w[2].length < halfCells) {
            w = new float[][] {new float[cells], new float[cells], new float[halfCells]};
            WORK.set(new java.lang.ref.SoftReference<>(w));
        }
        return w;
    }

    private static void splat(float[] low, int nx, int ny, float x, float y, float z) {
        int i = floor(x);
        int j = floor(y);
        if (i >= 0 && j >= 0 && i < nx && j < ny && z < low[j * nx + i]) {
            low[j * nx + i] = z;
        }
    }

    /** Math.floor for floats in int range, without the call (hot before the JIT compiler has run). */
    private static int floor(float v) {
        int i = (int) v;
        return v < i ? i - 1 : i;
    }

    /**
     * The facet's height at the centres of the cells its box covers, where lower than what is there; false when
     * it has no area.
     */
    private static boolean cover(float[] low, int nx, int ny, double ax, double ay, double az, double bx, double by,
                              double bz, double cx, double cy, double cz, int i0, int i1, int j0, int j1) {
        double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (area == 0) {
            return false;
        }
        for (int j = Math.max(0, j0); j <= Math.min(ny - 1, j1); j++) {
            double py = j + 0.5;
            for (int i = Math.max(0, i0); i <= Math.min(nx - 1, i1); i++) {
                double px = i + 0.5;
                double w0 = ((bx - px) * (cy - py) - (by - py) * (cx - px)) / area;
                double w1 = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) / area;
                double w2 = 1 - w0 - w1;
                if (w0 >= 0 && w1 >= 0 && w2 >= 0) {
                    float z = (float) (w0 * az + w1 * bz + w2 * cz);
                    int k = j * nx + i;
                    if (z < low[k]) {
                        low[k] = z;
                    }
                }
            }
        }
        return true;
    }

    /**
     * A wide blur on a grid of half the resolution (a quarter of the cells, half the kernel width), then scaled
     * back up bilinearly: the result is smooth at that width anyway.
     */
    private static void softBlur(float[] img, int nx, int ny, double sigma, float[] tmp, float[] half,
                                 Parallel par) throws InterruptedException {
        if (sigma < 4) {
            blur(img, nx, ny, sigma, tmp, par);
            return;
        }
        int hx = (nx + 1) / 2;
        int hy = (ny + 1) / 2;
        for (int j = 0; j < hy; j++) {
            for (int i = 0; i < hx; i++) {
                float s = 0;
                for (int y = 2 * j; y < Math.min(ny, 2 * j + 2); y++) {
                    for (int x = 2 * i; x < Math.min(nx, 2 * i + 2); x++) {
                        s += img[y * nx + x];
                    }
                }
                half[j * hx + i] = s * 0.25f;
            }
        }
        blur(half, hx, hy, sigma / 2, tmp, par);
        for (int y = 0; y < ny; y++) {
            float v = Math.max(0, Math.min(hy - 1, (y - 0.5f) / 2));
            int j0 = Math.min(hy - 2, (int) v);
            float ty = v - j0;
            for (int x = 0; x < nx; x++) {
                float u = Math.max(0, Math.min(hx - 1, (x - 0.5f) / 2));
                int i0 = Math.min(hx - 2, (int) u);
                float tx = u - i0;
                int k = j0 * hx + i0;
                float a = half[k] + (half[k + 1] - half[k]) * tx;
                float b = half[k + hx] + (half[k + hx + 1] - half[k + hx]) * tx;
                img[y * nx + x] = a + (b - a) * ty;
            }
        }
    }

    /**
     * Separable Gaussian blur, in place, zero outside; rows, then columns, split over the render threads.
     * {@code tmp}: scratch of at least {@code nx * ny} entries.
     */
    private static void blur(float[] img, int nx, int ny, double sigma, float[] tmp, Parallel par)
            throws InterruptedException {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            double w = StrictMath.exp(-(i * i) / (2 * sigma * sigma));
            k[i + r] = (float) w;
            sum += w;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (k[i] / sum);
        }
        par.forRange(ny, 32, (from, to) -> {
            for (int y = from; y < to; y++) {
                for (int x = 0; x < nx; x++) {
                    float s = 0;
                    for (int i = Math.max(-r, -x); i <= Math.min(r, nx - 1 - x); i++) {
                        s += img[y * nx + x + i] * k[i + r];
                    }
                    tmp[y * nx + x] = s;
                }
            }
        });
        par.forRange(ny, 32, (from, to) -> {
            for (int y = from; y < to; y++) {
                for (int x = 0; x < nx; x++) {
                    float s = 0;
                    for (int i = Math.max(-r, -y); i <= Math.min(r, ny - 1 - y); i++) {
                        s += tmp[(y + i) * nx + x] * k[i + r];
                    }
                    img[y * nx + x] = s;
                }
            }
        });
    }

    /** Shadow strength 0..1 on the floor at world (x, y), bilinear. */
    float at(double x, double y) {
        double fx = (x - x0) / cell - 0.5;
        double fy = (y - y0) / cell - 0.5;
        int i = (int) Math.floor(fx);
        int j = (int) Math.floor(fy);
        if (i < 0 || j < 0 || i >= nx - 1 || j >= ny - 1) {
            return 0;
        }
        float tx = (float) (fx - i);
        float ty = (float) (fy - j);
        int k = j * nx + i;
        float a = value[k] + (value[k + 1] - value[k]) * tx;
        float b = value[k + nx] + (value[k + nx + 1] - value[k + nx]) * tx;
        return a + (b - a) * ty;
    }
}
