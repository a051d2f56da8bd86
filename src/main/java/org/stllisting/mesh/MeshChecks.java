package org.stllisting.mesh;

import java.util.Arrays;

/**
 * The geometric and topological tests shared by validation and repair. Each states the exact rule it applies.
 * Stateless and thread-safe.
 */
public final class MeshChecks {
    /**
     * The cross product of facet {@code f}'s edges in double precision, in winding order (not normalized),
     * into {@code out}; returns its length (twice the facet's area; 0 for a degenerate facet).
     */
    public static double windingNormal(float[] v, int[] t, int f, double[] out) {
        int a = 3 * t[3 * f];
        int b = 3 * t[3 * f + 1];
        int c = 3 * t[3 * f + 2];
        double ux = (double) v[b] - v[a];
        double uy = (double) v[b + 1] - v[a + 1];
        double uz = (double) v[b + 2] - v[a + 2];
        double wx = (double) v[c] - v[a];
        double wy = (double) v[c + 1] - v[a + 1];
        double wz = (double) v[c + 2] - v[a + 2];
        out[0] = uy * wz - uz * wy;
        out[1] = uz * wx - ux * wz;
        out[2] = ux * wy - uy * wx;
        return Math.sqrt(out[0] * out[0] + out[1] * out[1] + out[2] * out[2]);
    }

    /**
     * A facet is degenerate when two corners are the same vertex, or when its area is negligible: the corner
     * opposite its longest edge lies within {@code max(1e-8 × that edge, tol)} of the edge's line, where
     * {@code tol} is {@link #degenerateTolerance} of the model. The first bound catches collinear corners up to the
     * rounding of the products; the second a corner computed in float on an edge (a midpoint, a third point),
     * which float rounding puts up to about {@code 1e-7 ×} the largest coordinate off the line, and corners closer
     * together than that.
     */
    public static final double DEGENERATE_RELATIVE = 1e-8;

    /** {@link #degenerateTolerance} as a fraction of the model's size or distance from the origin. */
    public static final double DEGENERATE_MODEL_RELATIVE = 1e-6;

    private MeshChecks() {
    }

    /**
     * The distance under which a facet's height counts as zero for this mesh: {@code 1e-6 ×} the larger of the
     * bounding-box diagonal and the largest coordinate magnitude (float coordinates far from the origin are
     * coarser). 0 for a mesh without vertices.
     */
    public static double degenerateTolerance(Mesh mesh) {
        float[] v = mesh.vertices();
        if (v.length == 0) {
            return 0;
        }
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < v.length; i += 3) {
            for (int d = 0; d < 3; d++) {
                lo[d] = Math.min(lo[d], v[i + d]);
                hi[d] = Math.max(hi[d], v[i + d]);
            }
        }
        double diag2 = 0;
        double far = 0;
        for (int d = 0; d < 3; d++) {
            diag2 += (hi[d] - lo[d]) * (hi[d] - lo[d]);
            far = Math.max(far, Math.max(Math.abs(lo[d]), Math.abs(hi[d])));
        }
        return DEGENERATE_MODEL_RELATIVE * Math.max(Math.sqrt(diag2), far);
    }

    /** Whether facet {@code f} is degenerate with the model tolerance {@code tol} (see {@link #DEGENERATE_RELATIVE}). */
    public static boolean isDegenerate(float[] v, int[] t, int f, double tol) {
        int ia = t[3 * f];
        int ib = t[3 * f + 1];
        int ic = t[3 * f + 2];
        if (ia == ib || ib == ic || ia == ic) {
            return true;
        }
        int a = 3 * ia;
        int b = 3 * ib;
        int c = 3 * ic;
        double ux = (double) v[b] - v[a];
        double uy = (double) v[b + 1] - v[a + 1];
        double uz = (double) v[b + 2] - v[a + 2];
        double wx = (double) v[c] - v[a];
        double wy = (double) v[c + 1] - v[a + 1];
        double wz = (double) v[c + 2] - v[a + 2];
        double nx = uy * wz - uz * wy;
        double ny = uz * wx - ux * wz;
        double nz = ux * wy - uy * wx;
        double cross2 = nx * nx + ny * ny + nz * nz; // (2 × area)², = (longest edge × height)²
        double sx = wx - ux;
        double sy = wy - uy;
        double sz = wz - uz;
        double l2 = Math.max(ux * ux + uy * uy + uz * uz, Math.max(wx * wx + wy * wy + wz * wz,
                sx * sx + sy * sy + sz * sz));
        double h = Math.max(DEGENERATE_RELATIVE * Math.sqrt(l2), tol);
        return cross2 <= l2 * h * h;
    }

    /** Number of degenerate facets, with the mesh's own {@link #degenerateTolerance}. */
    public static int countDegenerate(Mesh mesh) {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        double tol = degenerateTolerance(mesh);
        int n = 0;
        for (int f = 0; f < mesh.facetCount(); f++) {
            if (isDegenerate(v, t, f, tol)) {
                n++;
            }
        }
        return n;
    }

    /** Whether some facet is not degenerate: a surface made only of zero-area facets encloses nothing. */
    public static boolean hasArea(Mesh mesh) {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        double tol = -1;
        for (int f = 0; f < mesh.facetCount(); f++) {
            int a = t[3 * f];
            int b = t[3 * f + 1];
            int c = t[3 * f + 2];
            if (a == b || b == c || a == c) {
                continue;
            }
            if (tol < 0) {
                tol = degenerateTolerance(mesh);
            }
            if (!isDegenerate(v, t, f, tol)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For each facet, the first earlier facet made of the same three vertices (in any order or winding), or -1.
     * Facets with a repeated vertex are compared like any other.
     */
    public static int[] duplicateOf(Mesh mesh) {
        return duplicateOf(mesh, null);
    }

    /**
     * Like {@link #duplicateOf(Mesh)}, hashing only facets that can be duplicates: a facet sharing its three
     * vertices with another has, on each edge, either that facet as its only neighbour or more than two facets.
     * On a clean mesh no facet qualifies, so no table is built.
     */
    public static int[] duplicateOf(Mesh mesh, MeshTopology topo) {
        int[] t = mesh.triangles();
        int nf = mesh.facetCount();
        boolean[] candidate = null;
        int candidates = nf;
        if (topo != null) {
            candidate = new boolean[nf];
            candidates = 0;
            for (int f = 0; f < nf; f++) {
                if (couldBeDuplicate(t, topo, f)) {
                    candidate[f] = true;
                    candidates++;
                }
            }
        }
        int[] dup = new int[nf];
        Arrays.fill(dup, -1);
        if (candidates < 2) {
            return dup;
        }
        int cap = Integer.highestOneBit(Math.max(16, candidates * 2 - 1)) << 1;
        int mask = cap - 1;
        int[] table = new int[cap]; // facet + 1
        for (int f = 0; f < nf; f++) {
            if (candidate != null && !candidate[f]) {
                continue;
            }
            int a = t[3 * f];
            int b = t[3 * f + 1];
            int c = t[3 * f + 2];
            int lo = Math.min(a, Math.min(b, c));
            int hi = Math.max(a, Math.max(b, c));
            int mid = a + b + c - lo - hi;
            int h = lo * 0x9E3779B1;
            h = (h ^ (h >>> 15)) + mid * 0x85EBCA77;
            h = (h ^ (h >>> 13)) + hi * 0xC2B2AE3D;
            h ^= h >>> 16;
            int slot = h & mask;
            dup[f] = -1;
            while (table[slot] != 0) {
                int g = table[slot] - 1;
                int ga = t[3 * g];
                int gb = t[3 * g + 1];
                int gc = t[3 * g + 2];
                int glo = Math.min(ga, Math.min(gb, gc));
                int ghi = Math.max(ga, Math.max(gb, gc));
                if (glo == lo && ghi == hi && ga + gb + gc - glo - ghi == mid) {
                    dup[f] = g;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (dup[f] < 0) {
                table[slot] = f + 1;
            }
        }
        return dup;
    }

    /** Number of facets made of the same three vertices as an earlier facet (see {@link #duplicateOf}). */
    public static int countDuplicates(MeshTopology topo) {
        int[] t = topo.mesh().triangles();
        int nf = topo.mesh().facetCount();
        int parts = Parallel.parts(nf);
        int[] candidates = new int[parts];
        Parallel.run(parts, p -> {
            int n = 0;
            for (int f = (int) ((long) nf * p / parts), e = (int) ((long) nf * (p + 1) / parts); f < e; f++) {
                if (couldBeDuplicate(t, topo, f)) {
                    n++;
                }
            }
            candidates[p] = n;
        });
        if (Arrays.stream(candidates).sum() < 2) {
            return 0;
        }
        int n = 0;
        for (int d : duplicateOf(topo.mesh(), topo)) {
            if (d >= 0) {
                n++;
            }
        }
        return n;
    }

    private static boolean couldBeDuplicate(int[] t, MeshTopology topo, int f) {
        int a = t[3 * f];
        int b = t[3 * f + 1];
        int c = t[3 * f + 2];
        if (a == b || b == c || a == c) {
            return true;
        }
        // a facet on the same three vertices shares all three edges: every edge that has exactly one other
        // facet has that one, so twins on different facets rule the facet out without reading them
        int g = -1;
        for (int k = 0; k < 3; k++) {
            int tw = topo.twin(3 * f + k);
            if (tw == MeshTopology.NON_MANIFOLD) {
                continue;
            }
            if (tw < 0) {
                return false;
            }
            int gk = MeshTopology.facetOf(tw);
            if (g >= 0 && gk != g) {
                return false;
            }
            g = gk;
        }
        if (g < 0) {
            return true;
        }
        int ga = t[3 * g];
        int gb = t[3 * g + 1];
        int gc = t[3 * g + 2];
        return (ga == a || ga == b || ga == c) && (gb == a || gb == b || gb == c)
                && (gc == a || gc == b || gc == c);
    }

    /** Boundary loops: connected groups of open edges (joined through shared vertices). */
    public static int countHoles(MeshTopology topo) {
        if (topo.openEdges() == 0) {
            return 0;
        }
        int[] t = topo.mesh().triangles();
        int nv = topo.mesh().vertexCount();
        int[] parent = new int[nv];
        Arrays.fill(parent, -1);
        for (int h = 0; h < t.length; h++) {
            if (topo.twin(h) == MeshTopology.BOUNDARY) {
                int a = t[h];
                int b = t[MeshTopology.next(h)];
                if (parent[a] < 0) {
                    parent[a] = a;
                }
                if (parent[b] < 0) {
                    parent[b] = b;
                }
                MeshTopology.union(parent, a, b);
            }
        }
        int holes = 0;
        for (int i = 0; i < nv; i++) {
            if (parent[i] == i) {
                holes++;
            }
        }
        return holes;
    }

    /**
     * Orientation of each facet relative to its neighbours: facets are grouped into patches connected through
     * two-facet edges; within a patch each facet gets a flip bit such that flipping the facets with bit 1 makes
     * every shared edge run opposite ways. The bit is chosen so that the larger part of each patch keeps its
     * winding.
     *
     * @param flip per facet: 1 when it disagrees with the majority of its patch
     * @param reversed number of facets with flip 1
     * @param conflicts shared edges that no flip assignment can make consistent (non-orientable patches)
     */
    public record Orientation(byte[] flip, int reversed, int conflicts) {
    }

    public static Orientation orientation(MeshTopology topo) {
        int[] t = topo.mesh().triangles();
        int nf = topo.mesh().facetCount();
        if (topo.inconsistentEdges() == 0) {
            // every shared edge already runs opposite ways: nothing to propagate
            return new Orientation(new byte[nf], 0, 0);
        }
        byte[] label = new byte[nf];
        Arrays.fill(label, (byte) -1);
        int[] queue = new int[nf];
        int[] members = new int[nf];
        int reversed = 0;
        int conflicts = 0;
        for (int seed = 0; seed < nf; seed++) {
            if (label[seed] >= 0) {
                continue;
            }
            label[seed] = 0;
            int qh = 0;
            int qt = 0;
            queue[qt++] = seed;
            int count = 0;
            int ones = 0;
            while (qh < qt) {
                int f = queue[qh++];
                members[count++] = f;
                ones += label[f];
                for (int k = 0; k < 3; k++) {
                    int h = 3 * f + k;
                    int g = topo.twin(h);
                    if (g < 0) {
                        continue;
                    }
                    int nb = g / 3;
                    // consistent when the twin runs the opposite way
                    boolean same = t[MeshTopology.next(g)] == t[MeshTopology.next(h)];
                    byte want = (byte) (label[f] ^ (same ? 1 : 0));
                    if (label[nb] < 0) {
                        label[nb] = want;
                        queue[qt++] = nb;
                    } else if (label[nb] != want && nb > f) {
                        conflicts++;
                    }
                }
            }
            if (ones * 2 > count) {
                for (int i = 0; i < count; i++) {
                    label[members[i]] ^= 1;
                }
                ones = count - ones;
            }
            reversed += ones;
        }
        return new Orientation(label, reversed, conflicts);
    }

    /**
     * Vertices on open edges that lie within {@code tol} of another such vertex: the
     * unconnected corners a nearby merge would join. Only boundary vertices are considered, since a closed
     * surface has nothing to merge.
     */
    public static int countNearbyBoundaryVertices(MeshTopology topo, double tol) {
        if (topo.openEdges() == 0) {
            return 0;
        }
        int[] t = topo.mesh().triangles();
        float[] v = topo.mesh().vertices();
        int nv = topo.mesh().vertexCount();
        boolean[] boundary = new boolean[nv];
        int nb = 0;
        for (int h = 0; h < t.length; h++) {
            if (topo.twin(h) == MeshTopology.BOUNDARY) {
                for (int x : new int[] {t[h], t[MeshTopology.next(h)]}) {
                    if (!boundary[x]) {
                        boundary[x] = true;
                        nb++;
                    }
                }
            }
        }
        if (nb < 2 || tol <= 0) {
            return 0;
        }
        int[] ids = new int[nb];
        int k = 0;
        for (int i = 0; i < nv; i++) {
            if (boundary[i]) {
                ids[k++] = i;
            }
        }
        int[] partner = VertexGrid.nearestWithin(v, ids, tol);
        int n = 0;
        for (int p : partner) {
            if (p >= 0) {
                n++;
            }
        }
        return n;
    }
}
