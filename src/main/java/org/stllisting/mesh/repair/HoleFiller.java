package org.stllisting.mesh.repair;

import java.util.Set;

/**
 * Closes one simple boundary loop. Triangles follow the loop's order, so they continue the winding of the
 * surrounding facets.
 *
 * <p>Rules: a triangle closes a three-vertex loop. Larger loops are ear-clipped in the plane of their Newell
 * normal; an ear is taken only when it is convex, contains no other loop vertex, and its new diagonal is not an
 * edge that already exists (which would give that edge a third facet). Loops over 1000 vertices, loops with no
 * usable plane, and loops where clipping gets stuck are closed by a fan around a new vertex at the loop's
 * centroid, whose edges are all new.
 */
final class HoleFiller {
    private static final int MAX_EAR_CLIP = 1000;

    private HoleFiller() {
    }

    /**
     * @param nv vertex count before any new vertex of this repair step
     * @param edges existing undirected edges among loop vertices; diagonals made here are added
     * @param out receives the new triangles
     * @param newVerts receives coordinates of new vertices (numbered from {@code nv})
     */
    static boolean fill(float[] v, int nv, int[] loop, Set<Long> edges, MeshRepairer.IntList out,
            MeshRepairer.FloatList newVerts) {
        int n = loop.length;
        if (n < 3) {
            return false;
        }
        if (n == 3) {
            out.add(loop[0], loop[1], loop[2]);
            return true;
        }
        int startSize = out.size;
        if (n <= MAX_EAR_CLIP && earClip(v, loop, edges, out)) {
            return true;
        }
        out.size = startSize;
        fan(v, nv, loop, out, newVerts);
        return true;
    }

    private static void fan(float[] v, int nv, int[] loop, MeshRepairer.IntList out, MeshRepairer.FloatList nvs) {
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (int x : loop) {
            cx += v[3 * x];
            cy += v[3 * x + 1];
            cz += v[3 * x + 2];
        }
        int c = nv + nvs.size / 3;
        nvs.add((float) (cx / loop.length));
        nvs.add((float) (cy / loop.length));
        nvs.add((float) (cz / loop.length));
        for (int i = 0; i < loop.length; i++) {
            out.add(loop[i], loop[(i + 1) % loop.length], c);
        }
    }

    private static boolean earClip(float[] v, int[] loop, Set<Long> edges, MeshRepairer.IntList out) {
        int n = loop.length;
        // Newell normal of the loop in its order
        double nx = 0;
        double ny = 0;
        double nz = 0;
        for (int i = 0; i < n; i++) {
            int a = 3 * loop[i];
            int b = 3 * loop[(i + 1) % n];
            nx += ((double) v[a + 1] - v[b + 1]) * ((double) v[a + 2] + v[b + 2]);
            ny += ((double) v[a + 2] - v[b + 2]) * ((double) v[a] + v[b]);
            nz += ((double) v[a] - v[b]) * ((double) v[a + 1] + v[b + 1]);
        }
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len == 0 || !Double.isFinite(len)) {
            return false;
        }
        nx /= len;
        ny /= len;
        nz /= len;
        // u: any unit vector perpendicular to n; w = n × u, so (u, w) is counter-clockwise seen along n
        double ux;
        double uy;
        double uz;
        if (Math.abs(nx) < 0.9) {
            ux = 0;
            uy = nz;
            uz = -ny;
        } else {
            ux = -nz;
            uy = 0;
            uz = nx;
        }
        double ul = Math.sqrt(ux * ux + uy * uy + uz * uz);
        ux /= ul;
        uy /= ul;
        uz /= ul;
        double wx = ny * uz - nz * uy;
        double wy = nz * ux - nx * uz;
        double wz = nx * uy - ny * ux;
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0; i < n; i++) {
            int a = 3 * loop[i];
            px[i] = v[a] * ux + v[a + 1] * uy + v[a + 2] * uz;
            py[i] = v[a] * wx + v[a + 1] * wy + v[a + 2] * wz;
        }
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            prev[i] = (i + n - 1) % n;
            next[i] = (i + 1) % n;
        }
        int remaining = n;
        int cur = 0;
        int sinceLastEar = 0;
        java.util.List<Long> made = new java.util.ArrayList<>();
        while (remaining > 3) {
            if (sinceLastEar > remaining) {
                edges.removeAll(made);
                return false;
            }
            int p = prev[cur];
            int q = next[cur];
            if (isEar(px, py, p, cur, q, next, loop) && !edges.contains(MeshRepairer.edgeKey(loop[p], loop[q]))) {
                out.add(loop[p], loop[cur], loop[q]);
                long key = MeshRepairer.edgeKey(loop[p], loop[q]);
                edges.add(key);
                made.add(key);
                next[p] = q;
                prev[q] = p;
                remaining--;
                sinceLastEar = 0;
                cur = q;
            } else {
                cur = next[cur];
                sinceLastEar++;
            }
        }
        out.add(loop[prev[cur]], loop[cur], loop[next[cur]]);
        return true;
    }

    private static boolean isEar(double[] px, double[] py, int p, int c, int q, int[] next, int[] loop) {
        double cross = (px[c] - px[p]) * (py[q] - py[c]) - (py[c] - py[p]) * (px[q] - px[c]);
        if (cross <= 0) {
            return false;
        }
        for (int i = next[q]; i != p; i = next[i]) {
            if (loop[i] == loop[p] || loop[i] == loop[c] || loop[i] == loop[q]) {
                continue;
            }
            if (px[i] == px[p] && py[i] == py[p] || px[i] == px[c] && py[i] == py[c]
                    || px[i] == px[q] && py[i] == py[q]) {
                continue;
            }
            double d1 = (px[c] - px[p]) * (py[i] - py[p]) - (py[c] - py[p]) * (px[i] - px[p]);
            double d2 = (px[q] - px[c]) * (py[i] - py[c]) - (py[q] - py[c]) * (px[i] - px[c]);
            double d3 = (px[p] - px[q]) * (py[i] - py[q]) - (py[p] - py[q]) * (px[i] - px[q]);
            if (d1 >= 0 && d2 >= 0 && d3 >= 0) {
                return false;
            }
        }
        return true;
    }
}
