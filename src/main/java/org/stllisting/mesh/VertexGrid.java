package org.stllisting.mesh;

import java.util.Arrays;

/**
 * Finds, for a set of vertices, the nearest other vertex of the set within a distance, by bucketing them in a
 * uniform grid with cells of that size (a primitive hash of cell coordinates, chained through int arrays).
 */
public final class VertexGrid {
    private VertexGrid() {
    }

    /**
     * @param v vertex coordinates
     * @param ids the vertices to consider
     * @param tol the distance
     * @return per entry of {@code ids}, the nearest other vertex id within {@code tol} (ties: smallest id), or -1
     */
    public static int[] nearestWithin(float[] v, int[] ids, double tol) {
        int n = ids.length;
        int cap = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
        int mask = cap - 1;
        long[] keys = new long[cap];
        int[] head = new int[cap];
        Arrays.fill(head, -1);
        int[] nextInCell = new int[n];
        double inv = 1.0 / tol;
        for (int i = 0; i < n; i++) {
            int p = 3 * ids[i];
            long key = key(cell(v[p], inv), cell(v[p + 1], inv), cell(v[p + 2], inv));
            int slot = slot(keys, head, mask, key);
            keys[slot] = key;
            nextInCell[i] = head[slot];
            head[slot] = i;
        }
        int[] result = new int[n];
        double tol2 = tol * tol;
        for (int i = 0; i < n; i++) {
            int p = 3 * ids[i];
            long cx = cell(v[p], inv);
            long cy = cell(v[p + 1], inv);
            long cz = cell(v[p + 2], inv);
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (long dx = -1; dx <= 1; dx++) {
                for (long dy = -1; dy <= 1; dy++) {
                    for (long dz = -1; dz <= 1; dz++) {
                        long key = key(cx + dx, cy + dy, cz + dz);
                        int slot = slot(keys, head, mask, key);
                        for (int j = head[slot]; j >= 0; j = nextInCell[j]) {
                            if (j == i) {
                                continue;
                            }
                            int q = 3 * ids[j];
                            double ex = (double) v[q] - v[p];
                            double ey = (double) v[q + 1] - v[p + 1];
                            double ez = (double) v[q + 2] - v[p + 2];
                            double d = ex * ex + ey * ey + ez * ez;
                            if (d <= tol2 && (d < bestD || d == bestD && ids[j] < best)) {
                                bestD = d;
                                best = ids[j];
                            }
                        }
                    }
                }
            }
            result[i] = best;
        }
        return result;
    }

    private static long cell(float c, double inv) {
        return (long) Math.floor(c * inv);
    }

    private static long key(long x, long y, long z) {
        return (x & 0x1FFFFF) << 42 | (y & 0x1FFFFF) << 21 | (z & 0x1FFFFF);
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private static int slot(long[] keys, int[] head, int mask, long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        int s = (int) (h ^ (h >>> 32)) & mask;
        while (head[s] >= 0 && keys[s] != key) {
            s = (s + 1) & mask;
        }
        return s;
    }
}
