package org.stllisting.mesh.validate;

import java.util.Arrays;
import org.stllisting.mesh.Mesh;

/**
 * Finds facets that cross another facet of the same mesh.
 *
 * <p>Rules: two facets intersect when an edge of one passes through the interior or boundary of the other
 * (orientation tests in double precision on the float coordinates). Pairs sharing a vertex are not tested
 * (neighbours touch by construction), nor are coplanar pairs (overlaps of coplanar facets are reported as
 * duplicate facets when exact). Candidate pairs come from a uniform grid whose cell size adapts so that each
 * facet lands in a few cells; facets much larger than a cell are tested against every facet whose bounding box
 * they overlap.
 *
 * <p>Stateless and thread-safe.
 */
final class SelfIntersections {
    /** Largest number of cells one facet is entered into before it is treated as a large facet. */
    private static final int MAX_CELLS_PER_FACET = 64;

    private SelfIntersections() {
    }

    /** Number of facets that intersect at least one other facet. */
    static int count(Mesh mesh) {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        int nf = mesh.facetCount();
        if (nf < 2) {
            return 0;
        }
        // bounding boxes are recomputed from the vertices when needed: storing them would cost 24 bytes a facet
        double sumExtent = 0;
        float[] gmin = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] gmax = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] b = new float[6];
        for (int f = 0; f < nf; f++) {
            box(v, t, f, b);
            double ext = 0;
            for (int d = 0; d < 3; d++) {
                ext = Math.max(ext, b[3 + d] - b[d]);
                gmin[d] = Math.min(gmin[d], b[d]);
                gmax[d] = Math.max(gmax[d], b[3 + d]);
            }
            sumExtent += ext;
        }
        double diag = Math.sqrt(sq(gmax[0] - gmin[0]) + sq(gmax[1] - gmin[1]) + sq(gmax[2] - gmin[2]));
        double cell = Math.max(sumExtent / nf * 0.8, diag * 1e-7 + 1e-12);
        // grow the cells until the total number of insertions is a small multiple of the facet count
        long[] counts;
        while (true) {
            counts = insertions(v, t, nf, gmin, cell);
            if (counts[0] <= 3L * nf + 1024 && counts[1] <= 2048) {
                break;
            }
            cell *= 1.6;
        }
        int total = (int) counts[0];
        double inv = 1.0 / cell;
        CellTable cells = new CellTable(total);
        int[] entryFacet = new int[total];
        int[] entryNext = new int[total];
        int[] large = new int[(int) counts[1]];
        int nl = 0;
        int ne = 0;
        int[] r = new int[6];
        for (int f = 0; f < nf; f++) {
            box(v, t, f, b);
            range(b, gmin, inv, r);
            long n = (long) (r[3] - r[0] + 1) * (r[4] - r[1] + 1) * (r[5] - r[2] + 1);
            if (n > MAX_CELLS_PER_FACET) {
                large[nl++] = f;
                continue;
            }
            for (int x = r[0]; x <= r[3]; x++) {
                for (int y = r[1]; y <= r[4]; y++) {
                    for (int z = r[2]; z <= r[5]; z++) {
                        int s = cells.slotFor(key(x, y, z));
                        entryFacet[ne] = f;
                        entryNext[ne] = cells.head[s];
                        cells.head[s] = ne++;
                    }
                }
            }
        }
        boolean[] hit = new boolean[nf];
        long[] keys = cells.keys;
        int[] head = cells.head;
        int capacity = head.length;
        int parts = org.stllisting.mesh.Parallel.parts(total);
        // cells are independent: split them across threads; hit[] only ever turns true, so races are benign
        org.stllisting.mesh.Parallel.run(parts, part -> {
            int[] r1 = new int[6];
            int[] r2 = new int[6];
            float[] b1 = new float[6];
            float[] b2 = new float[6];
            int[] members = new int[64];
            int[] mv = new int[192];
            int from = (int) ((long) capacity * part / parts);
            int to = (int) ((long) capacity * (part + 1) / parts);
            for (int s = from; s < to; s++) {
                if (head[s] < 0) {
                    continue;
                }
                int m = 0;
                for (int e = head[s]; e >= 0; e = entryNext[e]) {
                    if (m == members.length) {
                        members = Arrays.copyOf(members, m * 2);
                        mv = Arrays.copyOf(mv, m * 6);
                    }
                    int f = entryFacet[e];
                    members[m] = f;
                    mv[3 * m] = t[3 * f];
                    mv[3 * m + 1] = t[3 * f + 1];
                    mv[3 * m + 2] = t[3 * f + 2];
                    m++;
                }
                long key = keys[s];
                for (int i = 0; i < m; i++) {
                    int a0 = mv[3 * i];
                    int a1 = mv[3 * i + 1];
                    int a2 = mv[3 * i + 2];
                    for (int j = i + 1; j < m; j++) {
                        int b0 = mv[3 * j];
                        int bb1 = mv[3 * j + 1];
                        int bb2 = mv[3 * j + 2];
                        // neighbours share a vertex: by far the most common pair, and never tested
                        if (a0 == b0 || a0 == bb1 || a0 == bb2 || a1 == b0 || a1 == bb1 || a1 == bb2 || a2 == b0
                                || a2 == bb1 || a2 == bb2) {
                            continue;
                        }
                        int f = members[i];
                        int g = members[j];
                        if (hit[f] && hit[g]) {
                            continue;
                        }
                        box(v, t, f, b1);
                        box(v, t, g, b2);
                        if (!overlap(b1, b2)) {
                            continue;
                        }
                        // test each pair once: in the first cell both facets occupy
                        range(b1, gmin, inv, r1);
                        range(b2, gmin, inv, r2);
                        if (key(Math.max(r1[0], r2[0]), Math.max(r1[1], r2[1]), Math.max(r1[2], r2[2])) != key) {
                            continue;
                        }
                        if (trianglesIntersect(v, a0, a1, a2, b0, bb1, bb2)) {
                            hit[f] = true;
                            hit[g] = true;
                        }
                    }
                }
            }
        });
        float[] b2 = new float[6];
        for (int i = 0; i < nl; i++) {
            int f = large[i];
            box(v, t, f, b);
            for (int g = 0; g < nf; g++) {
                if (g == f) {
                    continue;
                }
                box(v, t, g, b2);
                if (!overlap(b, b2)) {
                    continue;
                }
                boolean gLarge = Arrays.binarySearch(large, 0, nl, g) >= 0;
                if (gLarge && g < f) {
                    continue;
                }
                test(v, t, f, g, hit);
            }
        }
        int n = 0;
        for (boolean x : hit) {
            if (x) {
                n++;
            }
        }
        return n;
    }

    /** Open-addressing table from cell key to the head of that cell's entry list; grows at 70% load. */
    private static final class CellTable {
        long[] keys;
        int[] head;
        int used;

        CellTable(int expectedEntries) {
            // cells hold a few entries each: start at a quarter and grow
            int cap = Integer.highestOneBit(Math.max(64, expectedEntries / 2)) << 1;
            keys = new long[cap];
            head = new int[cap];
            Arrays.fill(head, -1);
        }

        int slotFor(long key) {
            int s = find(keys, head, key);
            if (head[s] == -1) {
                if ((used + 1) * 10L > head.length * 7L) {
                    grow();
                    s = find(keys, head, key);
                }
                used++;
                keys[s] = key;
                head[s] = -2; // claimed, no entry yet
            }
            return s;
        }

        private void grow() {
            long[] ok = keys;
            int[] oh = head;
            keys = new long[ok.length * 2];
            head = new int[oh.length * 2];
            Arrays.fill(head, -1);
            for (int i = 0; i < ok.length; i++) {
                if (oh[i] != -1) {
                    int s = find(keys, head, ok[i]);
                    keys[s] = ok[i];
                    head[s] = oh[i];
                }
            }
        }

        private static int find(long[] keys, int[] head, long key) {
            int mask = keys.length - 1;
            long h = key * 0x9E3779B97F4A7C15L;
            int s = (int) (h ^ (h >>> 32)) & mask;
            while (head[s] != -1 && keys[s] != key) {
                s = (s + 1) & mask;
            }
            return s;
        }
    }

    private static void box(float[] v, int[] t, int f, float[] out) {
        for (int d = 0; d < 3; d++) {
            float a = v[3 * t[3 * f] + d];
            float b = v[3 * t[3 * f + 1] + d];
            float c = v[3 * t[3 * f + 2] + d];
            out[d] = Math.min(a, Math.min(b, c));
            out[3 + d] = Math.max(a, Math.max(b, c));
        }
    }

    private static void test(float[] v, int[] t, int f, int g, boolean[] hit) {
        if (hit[f] && hit[g]) {
            return;
        }
        int a0 = t[3 * f];
        int a1 = t[3 * f + 1];
        int a2 = t[3 * f + 2];
        int b0 = t[3 * g];
        int b1 = t[3 * g + 1];
        int b2 = t[3 * g + 2];
        if (a0 == b0 || a0 == b1 || a0 == b2 || a1 == b0 || a1 == b1 || a1 == b2 || a2 == b0 || a2 == b1
                || a2 == b2) {
            return;
        }
        if (trianglesIntersect(v, a0, a1, a2, b0, b1, b2)) {
            hit[f] = true;
            hit[g] = true;
        }
    }

    /** Non-coplanar triangle–triangle test: some edge of one crosses the other. */
    static boolean trianglesIntersect(float[] v, int a0, int a1, int a2, int b0, int b1, int b2) {
        return segmentHits(v, a0, a1, b0, b1, b2) || segmentHits(v, a1, a2, b0, b1, b2)
                || segmentHits(v, a2, a0, b0, b1, b2) || segmentHits(v, b0, b1, a0, a1, a2)
                || segmentHits(v, b1, b2, a0, a1, a2) || segmentHits(v, b2, b0, a0, a1, a2);
    }

    /** Whether segment pq crosses triangle abc (not coplanar with it). */
    private static boolean segmentHits(float[] v, int p, int q, int a, int b, int c) {
        double op = orient(v, a, b, c, p);
        double oq = orient(v, a, b, c, q);
        if (op > 0 && oq > 0 || op < 0 && oq < 0 || op == 0 && oq == 0) {
            return false;
        }
        double s1 = orient(v, p, q, a, b);
        double s2 = orient(v, p, q, b, c);
        double s3 = orient(v, p, q, c, a);
        return s1 >= 0 && s2 >= 0 && s3 >= 0 || s1 <= 0 && s2 <= 0 && s3 <= 0;
    }

    /** Sign of the volume of tetrahedron (a, b, c, d). */
    private static double orient(float[] v, int a, int b, int c, int d) {
        int ia = 3 * a;
        int ib = 3 * b;
        int ic = 3 * c;
        int id = 3 * d;
        double ax = (double) v[ia] - v[id];
        double ay = (double) v[ia + 1] - v[id + 1];
        double az = (double) v[ia + 2] - v[id + 2];
        double bx = (double) v[ib] - v[id];
        double by = (double) v[ib + 1] - v[id + 1];
        double bz = (double) v[ib + 2] - v[id + 2];
        double cx = (double) v[ic] - v[id];
        double cy = (double) v[ic + 1] - v[id + 1];
        double cz = (double) v[ic + 2] - v[id + 2];
        return ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
    }

    private static boolean overlap(float[] p, float[] q) {
        for (int d = 0; d < 3; d++) {
            if (p[d] > q[3 + d] || q[d] > p[3 + d]) {
                return false;
            }
        }
        return true;
    }

    /** {total insertions of small facets, number of large facets} for a cell size. */
    private static long[] insertions(float[] v, int[] t, int nf, float[] gmin, double cell) {
        double inv = 1.0 / cell;
        int[] r = new int[6];
        float[] b = new float[6];
        long total = 0;
        long large = 0;
        for (int f = 0; f < nf; f++) {
            box(v, t, f, b);
            range(b, gmin, inv, r);
            long cells = (long) (r[3] - r[0] + 1) * (r[4] - r[1] + 1) * (r[5] - r[2] + 1);
            if (cells > MAX_CELLS_PER_FACET) {
                large++;
            } else {
                total += cells;
            }
        }
        return new long[] {total, large};
    }

    private static void range(float[] b, float[] gmin, double inv, int[] r) {
        for (int d = 0; d < 3; d++) {
            r[d] = (int) Math.min(1 << 20, Math.floor((b[d] - gmin[d]) * inv));
            r[3 + d] = (int) Math.min(1 << 20, Math.floor((b[3 + d] - gmin[d]) * inv));
        }
    }

    private static long key(int x, int y, int z) {
        return (long) x << 42 | (long) y << 21 | z;
    }

    private static double sq(double x) {
        return x * x;
    }
}
