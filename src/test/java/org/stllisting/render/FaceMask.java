package org.stllisting.render;

/**
 * Which pixels of a render show a given flat face of the model: a ray from the camera through each pixel's
 * centre, the nearest facet it meets, and that facet's normal. Pixels near an edge of the face (within
 * {@code margin}) are left out, so that anti-aliasing and the outline do not count.
 */
final class FaceMask {
    private FaceMask() {
    }

    /** Pixels whose nearest facet's unit normal is within about 8° of (nx, ny, nz). */
    static boolean[] of(Model m, Camera cam, int w, int h, double nx, double ny, double nz, int margin) {
        float[] depth = new float[w * h];
        java.util.Arrays.fill(depth, Float.POSITIVE_INFINITY);
        boolean[] facing = new boolean[w * h];
        float[] p = m.pos;
        int[] t = m.tri;
        for (int f = 0; f < t.length / 3; f++) {
            int a = 3 * t[3 * f], b = 3 * t[3 * f + 1], c = 3 * t[3 * f + 2];
            double[] e1 = {p[b] - p[a], p[b + 1] - p[a + 1], p[b + 2] - p[a + 2]};
            double[] e2 = {p[c] - p[a], p[c + 1] - p[a + 1], p[c + 2] - p[a + 2]};
            double[] n = cross(e1, e2);
            double len = Math.sqrt(dot(n, n));
            if (len == 0) {
                continue;
            }
            boolean wanted = (n[0] * nx + n[1] * ny + n[2] * nz) / len > 0.99;
            double[] pa = cam.project(p[a], p[a + 1], p[a + 2]);
            double[] pb = cam.project(p[b], p[b + 1], p[b + 2]);
            double[] pc = cam.project(p[c], p[c + 1], p[c + 2]);
            int x0 = Math.max(0, (int) Math.floor(Math.min(pa[0], Math.min(pb[0], pc[0]))));
            int x1 = Math.min(w - 1, (int) Math.ceil(Math.max(pa[0], Math.max(pb[0], pc[0]))));
            int y0 = Math.max(0, (int) Math.floor(Math.min(pa[1], Math.min(pb[1], pc[1]))));
            int y1 = Math.min(h - 1, (int) Math.ceil(Math.max(pa[1], Math.max(pb[1], pc[1]))));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double[] o = origin(cam, x, y);
                    double[] d = direction(cam, x, y);
                    double hit = intersect(o, d, new double[] {p[a], p[a + 1], p[a + 2]}, e1, e2);
                    int pix = y * w + x;
                    if (hit > 0 && hit < depth[pix]) {
                        depth[pix] = (float) hit;
                        facing[pix] = wanted;
                    }
                }
            }
        }
        boolean[] inner = new boolean[w * h];
        for (int y = margin; y < h - margin; y++) {
            for (int x = margin; x < w - margin; x++) {
                boolean all = true;
                for (int dy = -margin; dy <= margin && all; dy++) {
                    for (int dx = -margin; dx <= margin && all; dx++) {
                        all = facing[(y + dy) * w + x + dx];
                    }
                }
                inner[y * w + x] = all;
            }
        }
        return inner;
    }

    private static double[] origin(Camera cam, int x, int y) {
        if (cam.perspective) {
            return new double[] {cam.ex, cam.ey, cam.ez};
        }
        double a = (x + 0.5 - cam.cx) / cam.focal, b = (cam.cy - (y + 0.5)) / cam.focal;
        return new double[] {cam.ex + cam.rx * a + cam.ux * b, cam.ey + cam.ry * a + cam.uy * b,
            cam.ez + cam.rz * a + cam.uz * b};
    }

    private static double[] direction(Camera cam, int x, int y) {
        if (!cam.perspective) {
            return new double[] {cam.fx, cam.fy, cam.fz};
        }
        double a = (x + 0.5 - cam.cx) / cam.focal, b = (cam.cy - (y + 0.5)) / cam.focal;
        return new double[] {cam.fx + cam.rx * a + cam.ux * b, cam.fy + cam.ry * a + cam.uy * b,
            cam.fz + cam.rz * a + cam.uz * b};
    }

    /** Möller–Trumbore: the ray parameter where o + t·d meets the triangle (v0, v0 + e1, v0 + e2), or -1. */
    private static double intersect(double[] o, double[] d, double[] v0, double[] e1, double[] e2) {
        double[] q = cross(d, e2);
        double det = dot(e1, q);
        if (Math.abs(det) < 1e-12) {
            return -1;
        }
        double inv = 1 / det;
        double[] s = {o[0] - v0[0], o[1] - v0[1], o[2] - v0[2]};
        double u = dot(s, q) * inv;
        if (u < 0 || u > 1) {
            return -1;
        }
        double[] r = cross(s, e1);
        double v = dot(d, r) * inv;
        if (v < 0 || u + v > 1) {
            return -1;
        }
        return dot(e2, r) * inv;
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
