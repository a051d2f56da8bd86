package org.stllisting.mesh.gen;

import java.util.Arrays;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshTopology;

/**
 * Broken variants of a mesh, the way real downloads are broken, for tests and benchmarks. Each returns a new mesh
 * and touches facets spread evenly over the mesh so that the damage is isolated, countable and deterministic.
 */
public final class MeshDamage {
    private MeshDamage() {
    }

    /** Removes {@code count} facets spread over the mesh: each leaves a hole of three open edges when isolated. */
    public static Mesh punchHoles(Mesh m, int count) {
        int nf = m.facetCount();
        boolean[] remove = new boolean[nf];
        for (int i : spread(nf, count)) {
            remove[i] = true;
        }
        int kept = nf - count;
        int[] t = new int[3 * kept];
        int k = 0;
        for (int f = 0; f < nf; f++) {
            if (!remove[f]) {
                System.arraycopy(m.triangles(), 3 * f, t, 3 * k++, 3);
            }
        }
        return new Mesh(m.vertices(), t);
    }

    /** Reverses the winding of {@code count} facets spread over the mesh. */
    public static Mesh flipFacets(Mesh m, int count) {
        int[] t = m.triangles().clone();
        for (int f : spread(m.facetCount(), count)) {
            int x = t[3 * f + 1];
            t[3 * f + 1] = t[3 * f + 2];
            t[3 * f + 2] = x;
        }
        return new Mesh(m.vertices(), t);
    }

    /** Reverses every facet: the mesh becomes inside-out. */
    public static Mesh insideOut(Mesh m) {
        return flipFacets(m, m.facetCount());
    }

    /** Appends a copy of {@code count} facets spread over the mesh. */
    public static Mesh duplicateFacets(Mesh m, int count) {
        int nf = m.facetCount();
        int[] t = Arrays.copyOf(m.triangles(), 3 * (nf + count));
        int k = nf;
        for (int f : spread(nf, count)) {
            System.arraycopy(m.triangles(), 3 * f, t, 3 * k++, 3);
        }
        return new Mesh(m.vertices(), t);
    }

    /**
     * Appends {@code count} degenerate facets: alternately a facet on one edge of an existing facet with a repeated
     * corner, and a zero-area facet whose third corner is that edge's start again seen from the other end.
     */
    public static Mesh degenerateFacets(Mesh m, int count) {
        int nf = m.facetCount();
        int[] t = Arrays.copyOf(m.triangles(), 3 * (nf + count));
        int k = nf;
        int[] src = m.triangles();
        int i = 0;
        for (int f : spread(nf, count)) {
            int a = src[3 * f];
            int b = src[3 * f + 1];
            t[3 * k] = a;
            t[3 * k + 1] = b;
            t[3 * k + 2] = i++ % 2 == 0 ? a : b;
            k++;
        }
        return new Mesh(m.vertices(), t);
    }

    /** How {@link #slivers} inserts a zero-area facet at an edge a-b of facet (a, b, c). */
    public enum Sliver {
        /** (a, b, a) or (a, b, b) alternately: a repeated corner. */
        REPEATED_CORNER,
        /**
         * (a, m, b) with m the float midpoint of a-b, laid over the edge its two facets already close: a-m and m-b
         * open, a-b on three facets.
         */
        OVER_EDGE,
        /** {@link #OVER_EDGE} with the sliver's reverse (b, m, a) as well: the pair closes its own short edges. */
        OVER_EDGE_TWICE,
        /**
         * The facet is split at the float midpoint m into (a, m, c) and (m, b, c), and the sliver (a, b, m) closes
         * the crack against the unsplit neighbour: a closed surface with a T-junction.
         */
        IN_SPLIT_EDGE,
        /**
         * Like {@link #IN_SPLIT_EDGE} at the two float third points m1, m2 of a-b, closed by a chain of two
         * slivers (a, b, m2) and (a, m2, m1).
         */
        THIRDS_CHAIN,
        /**
         * The neighbour across a-b is removed (a hole of three edges) and the facet split as in
         * {@link #IN_SPLIT_EDGE}: the sliver's long edge is on the hole's boundary.
         */
        ON_BOUNDARY,
        /**
         * Corner a is split in two: a copy a' at a float rounding's distance (one unit in the last place of each
         * coordinate) takes the facet, and the needle (a, a', ...) facets around it close the surface again.
         */
        SPLIT_CORNER
    }

    /**
     * Inserts {@code count} zero-area facets at edges spread over a closed mesh, cycling through {@code kinds};
     * each at a facet whose neighbours are untouched, so that the damage is isolated. New corners are computed
     * in float, as an exporter would, so they lie on their edge only up to float rounding.
     */
    public static Mesh slivers(Mesh m, int count, Sliver... kinds) {
        MeshTopology topo = MeshTopology.of(m);
        int nf = m.facetCount();
        float[] src = m.vertices();
        int[] st = m.triangles();
        float[] v = Arrays.copyOf(src, src.length + 6 * count);
        int nv = m.vertexCount();
        int[] t = Arrays.copyOf(st, st.length + 12 * count);
        boolean[] removed = new boolean[nf];
        boolean[] used = new boolean[nf];
        int k = nf;
        int i = 0;
        for (int pick : spread(nf, count)) {
            int f = pick;
            while (f < nf && !free(topo, used, f)) {
                f++;
            }
            if (f == nf) {
                throw new IllegalArgumentException("no room for " + count + " slivers in " + nf + " facets");
            }
            int g = MeshTopology.facetOf(topo.twin(3 * f));
            used[f] = true;
            used[g] = true;
            for (int e = 0; e < 3; e++) {
                used[MeshTopology.facetOf(topo.twin(3 * f + e))] = true;
                used[MeshTopology.facetOf(topo.twin(3 * g + e))] = true;
            }
            int a = st[3 * f];
            int b = st[3 * f + 1];
            int c = st[3 * f + 2];
            Sliver kind = kinds[i % kinds.length];
            switch (kind) {
                case REPEATED_CORNER -> k = put(t, k, a, b, i / kinds.length % 2 == 0 ? a : b);
                case OVER_EDGE, OVER_EDGE_TWICE -> {
                    int mid = nv++;
                    point(v, mid, src, a, b, 0.5f);
                    k = put(t, k, a, mid, b);
                    if (kind == Sliver.OVER_EDGE_TWICE) {
                        k = put(t, k, b, mid, a);
                    }
                }
                case IN_SPLIT_EDGE, ON_BOUNDARY -> {
                    int mid = nv++;
                    point(v, mid, src, a, b, 0.5f);
                    put(t, f, a, mid, c);
                    k = put(t, k, mid, b, c);
                    k = put(t, k, a, b, mid);
                    if (kind == Sliver.ON_BOUNDARY) {
                        removed[g] = true;
                    }
                }
                case THIRDS_CHAIN -> {
                    int m1 = nv++;
                    int m2 = nv++;
                    point(v, m1, src, a, b, 1f / 3);
                    point(v, m2, src, a, b, 2f / 3);
                    put(t, f, a, m1, c);
                    k = put(t, k, m1, m2, c);
                    k = put(t, k, m2, b, c);
                    k = put(t, k, a, b, m2);
                    k = put(t, k, a, m2, m1);
                }
                case SPLIT_CORNER -> {
                    // f takes a' instead of a; the needles (a, b, a') and (a, a', c) close the two cracks
                    int a2 = nv++;
                    for (int d = 0; d < 3; d++) {
                        v[3 * a2 + d] = Math.nextUp(src[3 * a + d]);
                    }
                    put(t, f, a2, b, c);
                    k = put(t, k, a, b, a2);
                    k = put(t, k, a, a2, c);
                }
            }
            i++;
        }
        int[] out = new int[3 * k];
        int n = 0;
        for (int f = 0; f < k; f++) {
            if (f >= nf || !removed[f]) {
                System.arraycopy(t, 3 * f, out, 3 * n++, 3);
            }
        }
        return new Mesh(Arrays.copyOf(v, 3 * nv), Arrays.copyOf(out, 3 * n));
    }

    /** Whether facet f, its neighbours and theirs are untouched, and its edges each have one neighbour. */
    private static boolean free(MeshTopology topo, boolean[] used, int f) {
        if (used[f]) {
            return false;
        }
        for (int e = 0; e < 3; e++) {
            int h = topo.twin(3 * f + e);
            if (h < 0 || used[MeshTopology.facetOf(h)]) {
                return false;
            }
            int g = MeshTopology.facetOf(h);
            for (int e2 = 0; e2 < 3; e2++) {
                int h2 = topo.twin(3 * g + e2);
                if (h2 < 0 || used[MeshTopology.facetOf(h2)]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Vertex {@code i} at {@code a + s (b - a)}, computed in float. */
    private static void point(float[] v, int i, float[] src, int a, int b, float s) {
        for (int d = 0; d < 3; d++) {
            float x = src[3 * a + d];
            v[3 * i + d] = s == 0.5f ? (x + src[3 * b + d]) * 0.5f : x + (src[3 * b + d] - x) * s;
        }
    }

    /** Writes facet (a, b, c) at index {@code f}; returns {@code f + 1}. */
    private static int put(int[] t, int f, int a, int b, int c) {
        t[3 * f] = a;
        t[3 * f + 1] = b;
        t[3 * f + 2] = c;
        return f + 1;
    }

    /** Moves the whole mesh by (dx, dy, dz). */
    public static Mesh translate(Mesh m, float dx, float dy, float dz) {
        float[] v = m.vertices().clone();
        for (int i = 0; i < v.length; i += 3) {
            v[i] += dx;
            v[i + 1] += dy;
            v[i + 2] += dz;
        }
        return new Mesh(v, m.triangles().clone());
    }

    /** Scales the mesh about the origin. */
    public static Mesh scale(Mesh m, float s) {
        float[] v = m.vertices().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
        return new Mesh(v, m.triangles().clone());
    }

    /** Both meshes in one (separate shells). */
    public static Mesh combine(Mesh a, Mesh b) {
        float[] v = Arrays.copyOf(a.vertices(), a.vertices().length + b.vertices().length);
        System.arraycopy(b.vertices(), 0, v, a.vertices().length, b.vertices().length);
        int[] t = Arrays.copyOf(a.triangles(), a.triangles().length + b.triangles().length);
        int off = a.vertexCount();
        for (int i = 0; i < b.triangles().length; i++) {
            t[a.triangles().length + i] = b.triangles()[i] + off;
        }
        return new Mesh(v, t);
    }

    /** {@code count} facet indices spread evenly over {@code n}, starting half a stride in. */
    static int[] spread(int n, int count) {
        if (count > n) {
            throw new IllegalArgumentException(count + " of " + n);
        }
        int[] out = new int[count];
        double stride = (double) n / count;
        for (int i = 0; i < count; i++) {
            out[i] = (int) (stride * i + stride / 2);
        }
        return out;
    }
}
