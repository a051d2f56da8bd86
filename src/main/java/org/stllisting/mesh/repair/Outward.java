package org.stllisting.mesh.repair;

/**
 * Turns inside-out shells outward. A shell with negative signed volume is reversed unless it lies inside
 * another shell (then it is a cavity, and facing inward is right). Containment is decided by the parity of
 * crossings of a ray from one of the shell's vertices with the other shell's facets; it is skipped (every
 * negative shell is reversed) when that would cost more than 50 million facet tests.
 */
final class Outward {
    private Outward() {
    }

    /**
     * Finds the inside-out shells of the mesh whose facets marked in {@code flips} are taken as reversed, and
     * toggles the marks of their facets; returns the facets so reversed.
     */
    static int apply(float[] v, int[] t, int[] shellOfFacet, byte[] flips) {
        int nf = t.length / 3;
        int shells = 0;
        for (int s : shellOfFacet) {
            shells = Math.max(shells, s + 1);
        }
        double[] vol = new double[shells];
        int[] firstVertex = new int[shells];
        java.util.Arrays.fill(firstVertex, -1);
        for (int f = 0; f < nf; f++) {
            int s = shellOfFacet[f];
            if (firstVertex[s] < 0) {
                firstVertex[s] = t[3 * f];
            }
            double d = det(v, t[3 * f], t[3 * f + 1], t[3 * f + 2]);
            vol[s] += flips[f] != 0 ? -d : d;
        }
        int negatives = 0;
        for (double x : vol) {
            if (x < 0) {
                negatives++;
            }
        }
        if (negatives == 0) {
            return 0;
        }
        boolean testNesting = shells > 1 && (long) negatives * nf <= 50_000_000L;
        boolean[] reverse = new boolean[shells];
        for (int s = 0; s < shells; s++) {
            if (vol[s] >= 0) {
                continue;
            }
            boolean cavity = false;
            if (testNesting) {
                int[] crossings = new int[shells];
                int p = firstVertex[s];
                for (int f = 0; f < nf; f++) {
                    int o = shellOfFacet[f];
                    if (o != s && rayHits(v, p, t[3 * f], t[3 * f + 1], t[3 * f + 2])) {
                        crossings[o]++;
                    }
                }
                int inside = 0;
                for (int o = 0; o < shells; o++) {
                    if (o != s && (crossings[o] & 1) == 1) {
                        inside++;
                    }
                }
                cavity = (inside & 1) == 1;
            }
            reverse[s] = !cavity;
        }
        int n = 0;
        for (int f = 0; f < nf; f++) {
            if (reverse[shellOfFacet[f]]) {
                flips[f] ^= 1;
                n++;
            }
        }
        return n;
    }

    private static double det(float[] v, int a, int b, int c) {
        double x0 = v[3 * a];
        double y0 = v[3 * a + 1];
        double z0 = v[3 * a + 2];
        double x1 = v[3 * b];
        double y1 = v[3 * b + 1];
        double z1 = v[3 * b + 2];
        double x2 = v[3 * c];
        double y2 = v[3 * c + 1];
        double z2 = v[3 * c + 2];
        return x0 * (y1 * z2 - z1 * y2) - y0 * (x1 * z2 - z1 * x2) + z0 * (x1 * y2 - y1 * x2);
    }

    /** Möller–Trumbore along a fixed, slightly skewed direction (so rays rarely graze edges exactly). */
    private static boolean rayHits(float[] v, int p, int a, int b, int c) {
        final double dx = 0.8017837;
        final double dy = 0.5345225;
        final double dz = 0.2672612;
        double ox = v[3 * p];
        double oy = v[3 * p + 1];
        double oz = v[3 * p + 2];
        double e1x = (double) v[3 * b] - v[3 * a];
        double e1y = (double) v[3 * b + 1] - v[3 * a + 1];
        double e1z = (double) v[3 * b + 2] - v[3 * a + 2];
        double e2x = (double) v[3 * c] - v[3 * a];
        double e2y = (double) v[3 * c + 1] - v[3 * a + 1];
        double e2z = (double) v[3 * c + 2] - v[3 * a + 2];
        double px = dy * e2z - dz * e2y;
        double py = dz * e2x - dx * e2z;
        double pz = dx * e2y - dy * e2x;
        double det = e1x * px + e1y * py + e1z * pz;
        if (det == 0) {
            return false;
        }
        double inv = 1 / det;
        double sx = ox - v[3 * a];
        double sy = oy - v[3 * a + 1];
        double sz = oz - v[3 * a + 2];
        double u = (sx * px + sy * py + sz * pz) * inv;
        if (u < 0 || u > 1) {
            return false;
        }
        double qx = sy * e1z - sz * e1y;
        double qy = sz * e1x - sx * e1z;
        double qz = sx * e1y - sy * e1x;
        double w = (dx * qx + dy * qy + dz * qz) * inv;
        if (w < 0 || u + w > 1) {
            return false;
        }
        double dist = (e2x * qx + e2y * qy + e2z * qz) * inv;
        return dist > 0;
    }
}
