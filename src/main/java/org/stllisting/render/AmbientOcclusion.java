package org.stllisting.render;

import java.util.Arrays;

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

    static float[] compute(Model m, Camera cam, int w, int h, float[] depth, float[] normal, Parallel par)
            throws InterruptedException {
        double dist = Math.sqrt(sq(cam.ex - (m.minX + m.maxX) / 2) + sq(cam.ey - (m.minY + m.maxY) / 2)
                + sq(cam.ez - (m.minZ + m.maxZ) / 2));
        double pixelsPerUnit = cam.perspective ? cam.focal / dist : cam.focal;
        float worldRadius = (float) (0.12 * m.radius());
        float pixRadius = (float) Math.max(2, Math.min(80, worldRadius * pixelsPerUnit));
        float[] raw = new float[w * h];
        float fx = (float) cam.focal;
        float cx = (float) cam.cx;
        float cy = (float) cam.cy;
        boolean persp = cam.perspective;
        // view-space basis to bring world normals into the same frame as reconstructed positions
        float rX = (float) cam.rx, rY = (float) cam.ry, rZ = (float) cam.rz;
        float uX = (float) cam.ux, uY = (float) cam.uy, uZ = (float) cam.uz;
        float fX = (float) cam.fx, fY = (float) cam.fy, fZ = (float) cam.fz;
        float r2 = worldRadius * worldRadius;
        // big images: occlusion is smooth, so estimate it on every other pixel in x and y
        int step = (long) w * h >= 400_000 ? 2 : 1;
        // the taps' pixel offsets, rounded once per frame
        int[][] taps = new int[PATTERN * PATTERN][2 * TAPS];
        for (int cell = 0; cell < taps.length; cell++) {
            for (int k = 0; k < 2 * TAPS; k++) {
                taps[cell][k] = Math.round(OFFSETS[cell][k] * pixRadius);
            }
        }
        par.forRange(h, 8, (from, to) -> {
            for (int y = from; y < to; y++) {
                if (y % step != 0) {
                    continue;
                }
                for (int x = 0; x < w; x += step) {
                    int pix = y * w + x;
                    float d = depth[pix];
                    if (d == Float.POSITIVE_INFINITY) {
                        raw[pix] = 1;
                        continue;
                    }
                    float wx = normal[3 * pix], wy = normal[3 * pix + 1], wz = normal[3 * pix + 2];
                    float nx = wx * rX + wy * rY + wz * rZ;
                    float ny = wx * uX + wy * uY + wz * uZ;
                    float nz = wx * fX + wy * fY + wz * fZ;
                    float pxv = persp ? (x + 0.5f - cx) * d / fx : (x + 0.5f - cx) / fx;
                    float pyv = persp ? (cy - y - 0.5f) * d / fx : (cy - y - 0.5f) / fx;
                    int[] off = taps[((y / step) % PATTERN) * PATTERN + ((x / step) % PATTERN)];
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
                        float qxv = persp ? (qx + 0.5f - cx) * qd / fx : (qx + 0.5f - cx) / fx;
                        float qyv = persp ? (cy - qy - 0.5f) * qd / fx : (cy - qy - 0.5f) / fx;
                        float vx = qxv - pxv, vy = qyv - pyv, vz = qd - d;
                        float vv = vx * vx + vy * vy + vz * vz;
                        if (vv <= 0 || vv > r2) {
                            continue;
                        }
                        float len = (float) Math.sqrt(vv);
                        float cos = (vx * nx + vy * ny + vz * nz) / len;
                        if (cos > 0.15f) {
                            occ += (cos - 0.15f) * (1 - vv / r2);
                        }
                    }
                    raw[pix] = Math.max(0, 1 - STRENGTH * occ / TAPS * 2.2f);
                }
            }
        });
        float[] ao = new float[w * h];
        par.forRange(h, 8, (from, to) -> {
            // the pixels of one 2 × 2 block average the same estimates: each block's average is gathered once
            // (chunks start on even rows, so a block never spans two chunks)
            float[] block = new float[(w + 1) / 2];
            for (int y = from; y < to; y++) {
                boolean second = step == 2 && (y & 1) == 1;
                if (step == 2 && !second) {
                    Arrays.fill(block, -1f);
                }
                for (int x = 0; x < w; x++) {
                    int pix = y * w + x;
                    if (depth[pix] == Float.POSITIVE_INFINITY) {
                        ao[pix] = 1;
                        continue;
                    }
                    if (step == 2 && block[x >> 1] >= 0) {
                        ao[pix] = block[x >> 1];
                        continue;
                    }
                    float s = 0;
                    int n = 0;
                    int lo = step == 1 ? -2 : -1;
                    int hi = 1;
                    int gx0 = x - x % step;
                    int gy0 = y - y % step;
                    for (int j = lo; j <= hi; j++) {
                        int yy = gy0 + j * step;
                        if (yy < 0 || yy >= h) {
                            continue;
                        }
                        for (int i = lo; i <= hi; i++) {
                            int xx = gx0 + i * step;
                            if (xx < 0 || xx >= w || depth[yy * w + xx] == Float.POSITIVE_INFINITY) {
                                continue;
                            }
                            s += raw[yy * w + xx];
                            n++;
                        }
                    }
                    ao[pix] = Math.min(1f, n == 0 ? 1 : s / n);
                    if (step == 2) {
                        block[x >> 1] = ao[pix];
                    }
                }
            }
        });
        return ao;
    }

    private static double sq(double v) {
        return v * v;
    }
}
