package org.stllisting.render;

/**
 * Screen-space ambient occlusion: how much of the hemisphere above each visible point is blocked by nearby
 * geometry, estimated from the pixel depths and normals with a fixed (not random) sampling pattern that turns from
 * pixel to pixel, then smoothed over 4×4 pixels. Darkens creases, holes and the undersides near other parts,
 * which is what makes a render read as a solid object. Stateless; thread-safe.
 */
final class AmbientOcclusion {
    private static final int TAPS = 8;
    private static final int PATTERN = 4;
    private static final float STRENGTH = 0.9f;
    /** Marks an estimate where the pixel shows no surface (estimates themselves are never negative). */
    static final float NONE = -1;
    /** Tap offsets (unit radius) per pattern cell: [cell][tap] → x, y. */
    private static final float[][] OFFSETS = new float[PATTERN * PATTERN][TAPS * 2];
    private static final int[] BAYER = {0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5};

    static {
        for (int cell = 0; cell < PATTERN * PATTERN; cell++) {
            double rot = BAYER[cell] / 16.0 * (2 * Math.PI / TAPS);
            for (int k = 0; k < TAPS; k++) {
                double ang = rot + (k * 3 % TAPS) * 2 * Math.PI / TAPS;
                double rad = (0.25 + 0.75 * ((k % 4) + 0.5 + BAYER[cell] / 16.0) / 4.0);
                OFFSETS[cell][2 * k] = (float) (StrictMath.cos(ang) * rad);
                OFFSETS[cell][2 * k + 1] = (float) (StrictMath.sin(ang) * rad);
            }
        }
    }

    private AmbientOcclusion() {
    }

    /**
     * The occlusion estimates on a grid of {@link #step} × step pixel cells (row-major, (w + step - 1) / step
     * cells per row), each taken at its cell's top-left pixel; {@link #NONE} where that pixel shows no surface.
     * A pixel's occlusion is its cell's, smoothed over the neighbours by {@link #smoothRow} (1 where the
     * pixel shows no surface).
     */
    static float[] compute(Model m, Camera cam, int w, int h, float[] depth, float[] normal, Parallel par)
            throws InterruptedException {
        double dist = Math.sqrt(sq(cam.ex - (m.minX + m.maxX) / 2) + sq(cam.ey - (m.minY + m.maxY) / 2)
                + sq(cam.ez - (m.minZ + m.maxZ) / 2));
        double pixelsPerUnit = cam.perspective ? cam.focal / dist : cam.focal;
        float worldRadius = (float) (0.12 * m.radius());
        float pixRadius = (float) Math.max(2, Math.min(80, worldRadius * pixelsPerUnit));
        int step = step(w, h);
        int gw = (w + step - 1) / step;
        int gh = (h + step - 1) / step;
        float[] raw = new float[gw * gh];
        float fx = (float) cam.focal;
        float cx = (float) cam.cx;
        float cy = (float) cam.cy;
        boolean persp = cam.perspective;
        // view-space basis to bring world normals into the same frame as reconstructed positions
        float rX = (float) cam.rx, rY = (float) cam.ry, rZ = (float) cam.rz;
        float uX = (float) cam.ux, uY = (float) cam.uy, uZ = (float) cam.uz;
        float fX = (float) cam.fx, fY = (float) cam.fy, fZ = (float) cam.fz;
        float r2 = worldRadius * worldRadius;
        // the taps' pixel offsets, rounded once per frame
        int[][] taps = new int[PATTERN * PATTERN][2 * TAPS];
        for (int cell = 0; cell < taps.length; cell++) {
            for (int k = 0; k < 2 * TAPS; k++) {
                taps[cell][k] = Math.round(OFFSETS[cell][k] * pixRadius);
            }
        }
        // view-space x and y per pixel column and row at unit depth (perspective: times the depth)
        float[] colX = new float[w];
        float[] rowY = new float[h];
        for (int x = 0; x < w; x++) {
            colX[x] = (x + 0.5f - cx) / fx;
        }
        for (int y = 0; y < h; y++) {
            rowY[y] = (cy - y - 0.5f) / fx;
        }
        par.forRange(gh, 4, (from, to) -> {
            for (int gy = from; gy < to; gy++) {
                int y = gy * step;
                int pattern = (gy % PATTERN) * PATTERN;
                for (int gx = 0; gx < gw; gx++) {
                    int x = gx * step;
                    int g = gy * gw + gx;
                    int pix = y * w + x;
                    float d = depth[pix];
                    if (d == Float.POSITIVE_INFINITY) {
                        raw[g] = NONE;
                        continue;
                    }
                    float wx = normal[3 * g], wy = normal[3 * g + 1], wz = normal[3 * g + 2];
                    float nx = wx * rX + wy * rY + wz * rZ;
                    float ny = wx * uX + wy * uY + wz * uZ;
                    float nz = wx * fX + wy * fY + wz * fZ;
                    float pxv = persp ? colX[x] * d : colX[x];
                    float pyv = persp ? rowY[y] * d : rowY[y];
                    int[] off = taps[pattern + gx % PATTERN];
                    float occ = 0;
                    for (int k = 0; k < TAPS; k++) {
                        int qx = x + off[2 * k];
                        int qy = y + off[2 * k + 1];
                        if (qx < 0 || qy < 0 || qx >= w || qy >= h) {
                            continue;
                        }
                        float qd = depth[qy * w + qx];
                        if (qd == Float.POSITIVE_INFINITY) {
                            continue;
                        }
                        // the cheap tests first, each one exact: a tap too far away in depth alone is out of
                        // reach (vv >= vz * vz), and one that is not above the surface's plane (dot <= 0, so
                        // cos <= 0) or too close to it (cos < 0.1497) adds nothing
                        float vz = qd - d;
                        if (vz * vz > r2) {
                            continue;
                        }
                        float qxv = persp ? colX[qx] * qd : colX[qx];
                        float qyv = persp ? rowY[qy] * qd : rowY[qy];
                        float vx = qxv - pxv, vy = qyv - pyv;
                        float vv = vx * vx + vy * vy + vz * vz;
                        if (vv <= 0 || vv > r2) {
                            continue;
                        }
                        float dot = vx * nx + vy * ny + vz * nz;
                        if (!(dot > 0) || dot * dot < 0.0224f * vv) {
                            continue;
                        }
                        float len = (float) Math.sqrt(vv);
                        float cos = dot / len;
                        if (cos > 0.15f) {
                            occ += (cos - 0.15f) * (1 - vv / r2);
                        }
                    }
                    raw[g] = Math.max(0, 1 - STRENGTH * occ / TAPS * 2.2f);
                }
            }
        });
        return raw;
    }

    /** Pixels per estimate in x and in y (1 or 2): big images estimate on every other pixel (occlusion is smooth). */
    static int step(int w, int h) {
        return (long) w * h >= 400_000 ? 2 : 1;
    }

    /**
     * The occlusion of the cells of grid row {@code gy} (pixel rows gy × step up to the next grid row) into
     * {@code cell[gx]}, for each cell with a pixel that shows a surface (the others are left as they are): the
     * mean of the estimates around the cell that saw a surface (3 × 3 cells when the step is 2, 4 × 4 when it is
     * 1), summed in a fixed order, at most 1; 1 when none did.
     */
    static void smoothRow(float[] raw, float[] depth, int w, int h, int gy, float[] cell) {
        int step = step(w, h);
        int gw = (w + step - 1) / step;
        int gh = (h + step - 1) / step;
        int lo = step == 1 ? -2 : -1;
        int y0 = gy * step;
        int rows = Math.min(step, h - y0);
        for (int gx = 0; gx < gw; gx++) {
            int x0 = gx * step;
            int p = y0 * w + x0;
            boolean seen = depth[p] != Float.POSITIVE_INFINITY;
            if (step == 2) {
                boolean right = x0 + 1 < w;
                seen |= right && depth[p + 1] != Float.POSITIVE_INFINITY;
                seen |= rows == 2 && (depth[p + w] != Float.POSITIVE_INFINITY
                        || right && depth[p + w + 1] != Float.POSITIVE_INFINITY);
            }
            if (seen) {
                cell[gx] = mean(raw, gw, gh, gx, gy, lo);
            }
        }
    }

    private static float mean(float[] raw, int gw, int gh, int gx, int gy, int lo) {
        if (lo == -1 && gx > 0 && gy > 0 && gx < gw - 1 && gy < gh - 1) {
            // 3 × 3 inside the grid, in the same order as below
            int k = (gy - 1) * gw + gx - 1;
            float r0 = raw[k], r1 = raw[k + 1], r2 = raw[k + 2];
            float r3 = raw[k + gw], r4 = raw[k + gw + 1], r5 = raw[k + gw + 2];
            float r6 = raw[k + 2 * gw], r7 = raw[k + 2 * gw + 1], r8 = raw[k + 2 * gw + 2];
            float s = (r0 != NONE ? r0 : 0f) + (r1 != NONE ? r1 : 0f);
            s += r2 != NONE ? r2 : 0f;
            s += r3 != NONE ? r3 : 0f;
            s += r4 != NONE ? r4 : 0f;
            s += r5 != NONE ? r5 : 0f;
            s += r6 != NONE ? r6 : 0f;
            s += r7 != NONE ? r7 : 0f;
            s += r8 != NONE ? r8 : 0f;
            int n = (r0 != NONE ? 1 : 0) + (r1 != NONE ? 1 : 0) + (r2 != NONE ? 1 : 0) + (r3 != NONE ? 1 : 0)
                    + (r4 != NONE ? 1 : 0) + (r5 != NONE ? 1 : 0) + (r6 != NONE ? 1 : 0) + (r7 != NONE ? 1 : 0)
                    + (r8 != NONE ? 1 : 0);
            return Math.min(1f, n == 0 ? 1 : s / n);
        }
        // NONE counts as +0 (adding +0 to a sum of non-negative estimates changes nothing), without branches
        float s = 0;
        int n = 0;
        for (int j = Math.max(lo, -gy), j1 = Math.min(1, gh - 1 - gy); j <= j1; j++) {
            int row = (gy + j) * gw + gx;
            for (int i = Math.max(lo, -gx), i1 = Math.min(1, gw - 1 - gx); i <= i1; i++) {
                float r = raw[row + i];
                boolean seen = r != NONE;
                s += seen ? r : 0f;
                n += seen ? 1 : 0;
            }
        }
        return Math.min(1f, n == 0 ? 1 : s / n);
    }

    private static double sq(double v) {
        return v * v;
    }
}
