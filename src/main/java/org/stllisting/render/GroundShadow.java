package org.stllisting.render;

/**
 * The soft shadow the model casts on an invisible floor at its lowest point, as if lit by a large overhead soft
 * box: dark and tight where the model touches the floor, wide and faint under parts that are higher up. Made once
 * per model from a top-down height map (it does not change when the model turns about its up axis).
 * Immutable and thread-safe after construction.
 */
final class GroundShadow {
    private static final int RESOLUTION = 320;
    final double x0, y0, cell;
    final int nx, ny;
    private final float[] value;

    private GroundShadow(double x0, double y0, double cell, int nx, int ny, float[] value) {
        this.x0 = x0;
        this.y0 = y0;
        this.cell = cell;
        this.nx = nx;
        this.ny = ny;
        this.value = value;
    }

    static GroundShadow of(Model m) {
        double size = m.largestSide();
        double margin = 0.7 * size;
        double w = m.sizeX() + 2 * margin;
        double h = m.sizeY() + 2 * margin;
        double cell = Math.max(w, h) / RESOLUTION;
        int nx = (int) Math.ceil(w / cell) + 1;
        int ny = (int) Math.ceil(h / cell) + 1;
        double x0 = m.minX - margin;
        double y0 = m.minY - margin;
        float[] low = new float[nx * ny];
        java.util.Arrays.fill(low, Float.POSITIVE_INFINITY);
        float[] p = m.pos;
        int[] t = m.tri;
        float zmin = (float) m.minZ;
        for (int f = 0; f < m.facets; f++) {
            int a = 3 * t[3 * f], b = 3 * t[3 * f + 1], c = 3 * t[3 * f + 2];
            double ax = (p[a] - x0) / cell, ay = (p[a + 1] - y0) / cell, az = p[a + 2] - zmin;
            double bx = (p[b] - x0) / cell, by = (p[b + 1] - y0) / cell, bz = p[b + 2] - zmin;
            double cx = (p[c] - x0) / cell, cy = (p[c + 1] - y0) / cell, cz = p[c + 2] - zmin;
            int i0 = (int) Math.ceil(Math.min(ax, Math.min(bx, cx)) - 0.5);
            int i1 = (int) Math.floor(Math.max(ax, Math.max(bx, cx)) - 0.5);
            int j0 = (int) Math.ceil(Math.min(ay, Math.min(by, cy)) - 0.5);
            int j1 = (int) Math.floor(Math.max(ay, Math.max(by, cy)) - 0.5);
            double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
            if (i0 > i1 || j0 > j1 || area == 0) {
                // smaller than a cell: its corners stand for it
                splat(low, nx, ny, ax, ay, (float) az);
                splat(low, nx, ny, bx, by, (float) bz);
                splat(low, nx, ny, cx, cy, (float) cz);
                continue;
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
        }
        float[] contact = new float[nx * ny];
        float[] soft = new float[nx * ny];
        double kc = 0.035 * size;
        double ks = 0.5 * size;
        for (int k = 0; k < low.length; k++) {
            if (low[k] != Float.POSITIVE_INFINITY) {
                contact[k] = (float) StrictMath.exp(-low[k] / kc);
                soft[k] = (float) StrictMath.exp(-low[k] / ks);
            }
        }
        blur(contact, nx, ny, 0.025 * size / cell);
        blur(soft, nx, ny, 0.12 * size / cell);
        float[] v = new float[nx * ny];
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.min(0.95f, 0.75f * contact[k] + 0.8f * soft[k]);
        }
        return new GroundShadow(x0, y0, cell, nx, ny, v);
    }

    private static void splat(float[] low, int nx, int ny, double x, double y, float z) {
        int i = (int) Math.floor(x);
        int j = (int) Math.floor(y);
        if (i >= 0 && j >= 0 && i < nx && j < ny && z < low[j * nx + i]) {
            low[j * nx + i] = z;
        }
    }

    /** Separable Gaussian blur, in place, zero outside. */
    private static void blur(float[] img, int nx, int ny, double sigma) {
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
        float[] tmp = new float[img.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                float s = 0;
                for (int i = Math.max(-r, -x); i <= Math.min(r, nx - 1 - x); i++) {
                    s += img[y * nx + x + i] * k[i + r];
                }
                tmp[y * nx + x] = s;
            }
        }
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                float s = 0;
                for (int i = Math.max(-r, -y); i <= Math.min(r, ny - 1 - y); i++) {
                    s += tmp[(y + i) * nx + x] * k[i + r];
                }
                img[y * nx + x] = s;
            }
        }
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
