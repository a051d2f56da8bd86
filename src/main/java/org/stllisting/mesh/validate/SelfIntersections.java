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
        float[] box = new float[6 * nf];
        double sumExtent = 0;
        float[] gmin = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] gmax = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int f = 0; f < nf; f++) {
            double ext = 0;
            for (int d = 0; d < 3; d++) {
                float a = v[3 * t[3 * f] + d];
                float b = v[3 * t[3 * f + 1] + d];
                float c = v[3 * t[3 * f + 2] + d];
                float lo = Math.min(a, Math.min(b, c));
                float hi = Math.max(a, Math.max(b, c));
                box[6 * f + d] = lo;
                box[6 * f + 3 + d] = hi;
                ext = Math.max(ext, hi - lo);
                gmin[d] = Math.min(gmin[d], lo);
                gmax[d] = Math.max(gmax[d], hi);
            }
            sumExtent += ext;
        }
        double diag = Math.sqrt(sq(gmax[0] - gmin[0]) + sq(gmax[1] - gmin[1]) + sq(gmax[2] - gmin[2]));
        double cell = Math.max(sumExtent / nf * 0.8, diag * 1e-7 + 1e-12);
        // grow the cells until the total number of insertions is a small multiple of the facet count
        long[] counts;
        while (true) {
            counts = insertions(box, nf, gmin, cell);
            if (counts[0] <= 4L * nf + 1024 && counts[1] <= 2048) {
                break;
            }
            cell *= 1.6;
        }
        int total = (int) counts[0];
        double inv = 1.0 / cell;
        int cap = Integer.highestOneBit(Math.max(16, total * 2 - 1)) << 1;
        int mask = cap - 1;
        long[] keys = new long[cap];
        int[] head = new int[cap];
        Arrays.fill(head, -1);
        int[] entryFacet = new int[total];
        int[] entryNext = new int[total];
        int[] large = new int[(int) counts[1]];
        int nl = 0;
        int ne = 0;
        int[] r = new int[6];
        for (int f = 0; f < nf; f++) {
            range(box, f, gmin, inv, r);
            long cells = (long) (r[3] - r[0] + 1) * (r[4] - r[1] + 1) * (r[5] - r[2] + 1);
            if (cells > MAX_CELLS_PER_FACET) {
                large[nl++] = f;
                continue;
            }
            for (int x = r[0]; x <= r[3]; x++) {
                for (int y = r[1]; y <= r[4]; y++) {
                    for (int z = r[2]; z <= r[5]; z++) {
                        long key = key(x, y, z);
                        int s = slot(keys, head, mask, key);
                        keys[s] = key;
                        entryFacet[ne] = f;
                        entryNext[ne] = head[s];
                        head[s] = ne++;
                    }
                }
            }
        }
        boolean[] hit = new boolean[nf];
        int parts = org.stllisting.mesh.Parallel.parts(total);
        final int capacity = cap;
        // cells are independent: split them across threads; hit[] only ever turns true, so races are benign
        org.stllisting.mesh.Parallel.run(parts, part -> {
            int[] r1 = new int[6];
            int[] r2 = new int[6];
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
                        int b1 = mv[3 * j + 1];
                        int b2 = mv[3 * j + 2];
                        // neighbours share a vertex: by far the most common pair, and never tested
                        if (a0 == b0 || a0 == b1 || a0 == b2 || a1 == b0 || a1 == b1 || a1 == b2 || a2 == b0
                                || a2 == b1 || a2 == b2) {
                            continue;
                        }
                        int f = members[i];
                        int g = members[j];
                        if (hit[f] && hit[g] || !overlap(box, f, g)) {
                            continue;
                        }
                        // test each pair once: in the first cell both facets occupy
                        range(box, f, gmin, inv, r1);
                        range(box, g, gmin, inv, r2);
                        if (key(Math.max(r1[0], r2[0]), Math.max(r1[1], r2[1]), Math.max(r1[2], r2[2])) != key) {
                            continue;
                        }
                        if (trianglesIntersect(v, a0, a1, a2, b0, b1, b2)) {
                            hit[f] = true;
                            hit[g] = true;
                        }
                    }
                }
            }
        });
        for (int i = 0; i < nl; i++) {
            int f = large[i];
            for (int g = 0; g < nf; g++) {
                if (g == f || !overlap(box, f, g)) {
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
        for (boolean b : hit) {
            if (b) {
                n++;
            }
        }
        return n;
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

    private static boolean overlap(float[] box, int f, int g) {
        for (int d = 0; d < 3; d++) {
            if (box[6 * f + d] > box[6 * g + 3 + d] || box[6 * g + d] > box[6 * f + 3 + d]) {
                return false;
            }
        }
        return true;
    }

    /** {total insertions of small facets, number of large facets} for a cell size. */
    private static long[] insertions(float[] box, int nf, float[] gmin, double cell) {
        double inv = 1.0 / cell;
        int[] r = new int[6];
        long total = 0;
        long large = 0;
        for (int f = 0; f < nf; f++) {
            range(box, f, gmin, inv, r);
            long cells = (long) (r[3] - r[0] + 1) * (r[4] - r[1] + 1) * (r[5] - r[2] + 1);
            if (cells > MAX_CELLS_PER_FACET) {
                large++;
            } else {
                total += cells;
            }
        }
        return new long[] {total, large};
    }

    private static void range(float[] box, int f, float[] gmin, double inv, int[] r) {
        for (int d = 0; d < 3; d++) {
            r[d] = (int) Math.min(1 << 20, Math.floor((box[6 * f + d] - gmin[d]) * inv));
            r[3 + d] = (int) Math.min(1 << 20, Math.floor((box[6 * f + 3 + d] - gmin[d]) * inv));
        }
    }

    private static long key(int x, int y, int z) {
        return (long) x << 42 | (long) y << 21 | z;
    }

    private static int slot(long[] keys, int[] head, int mask, long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        int s = (int) (h ^ (h >>> 32)) & mask;
        while (head[s] >= 0 && keys[s] != key) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private static double sq(double x) {
        return x * x;
    }
}
