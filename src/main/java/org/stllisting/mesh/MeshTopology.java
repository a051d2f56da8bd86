package org.stllisting.mesh;

/**
 * Edge connectivity of a {@link Mesh}, built once and shared by validation, repair and analysis.
 *
 * <p>Half-edge {@code h = 3 * f + k} of facet {@code f} runs from corner {@code k} to corner {@code (k + 1) % 3}.
 * For each half-edge {@link #twin(int)} gives the other facet's half-edge on the same undirected edge when
 * exactly two facets share it ({@link #BOUNDARY} when only this one does, {@link #NON_MANIFOLD} when more than two
 * do, {@link #DEGENERATE} for an edge from a vertex to itself). Two facets are consistently oriented across an
 * edge when the twin runs the opposite way.
 *
 * <p>Memory: {@code 4 * (vertices + 1) + 24 * facets} bytes (plus 4 per facet once shells are asked for).
 * Immutable after construction apart from that cache; thread-safe for reading.
 */
public final class MeshTopology {
    public static final int BOUNDARY = -1;
    public static final int NON_MANIFOLD = -2;
    public static final int DEGENERATE = -3;

    private final Mesh mesh;
    private final int[] twin;
    private final int openEdges;
    private final int nonManifoldEdges;
    private final int inconsistentEdges;
    private final int edges;
    /** Computed on first use; a benign race at worst computes it twice. */
    private volatile int[] shells;
    /** Whether some facet is not degenerate; computed on first use like the shells. */
    private volatile Boolean hasArea;

    private MeshTopology(Mesh mesh) {
        this.mesh = mesh;
        int[] t = mesh.triangles();
        int nv = mesh.vertexCount();
        int nh = t.length;
        // CSR of outgoing half-edges per origin vertex; each entry is the half-edge's end corner next(h), so
        // that t[entry] is the vertex it runs to without dividing by 3
        int[] start = new int[nv + 1];
        for (int h = 0; h < nh; h++) {
            start[t[h]]++;
        }
        int run = 0;
        for (int i = 0; i < nv; i++) {
            run += start[i];
            start[i] = run; // end of vertex i's run; filling backwards moves it to the start
        }
        start[nv] = nh;
        int[] out = new int[nh];
        for (int f = nh / 3 - 1; f >= 0; f--) {
            int c = 3 * f;
            out[--start[t[c + 2]]] = c;
            out[--start[t[c + 1]]] = c + 2;
            out[--start[t[c]]] = c + 1;
        }
        twin = new int[nh];
        int parts = Parallel.parts(nh);
        int[][] counts = new int[parts][4];
        Parallel.run(parts, part -> {
            int from = (int) ((long) nh / 3 * part / parts) * 3;
            int to = (int) ((long) nh / 3 * (part + 1) / parts) * 3;
            counts[part] = matchEdges(t, start, out, from, to);
        });
        int open = 0;
        int nonManifold = 0;
        int inconsistent = 0;
        int edgeCount = 0;
        for (int[] c : counts) {
            open += c[0];
            nonManifold += c[1];
            inconsistent += c[2];
            edgeCount += c[3];
        }
        this.openEdges = open;
        this.nonManifoldEdges = nonManifold;
        this.inconsistentEdges = inconsistent;
        this.edges = edgeCount;
    }

    private MeshTopology(Mesh mesh, int[] twin, int[] shells) {
        this.mesh = mesh;
        this.twin = twin;
        int[] t = mesh.triangles();
        int nh = t.length;
        int parts = Parallel.parts(nh);
        int[][] counts = new int[parts][];
        long[][] nmKeys = new long[parts][];
        Parallel.run(parts, part -> {
            int from = (int) ((long) nh * part / parts);
            int to = (int) ((long) nh * (part + 1) / parts);
            int open = 0;
            int pairs = 0;
            int inconsistent = 0;
            long[] nm = new long[16];
            int nmCount = 0;
            for (int h = from; h < to; h++) {
                int g = twin[h];
                if (g == BOUNDARY) {
                    open++;
                } else if (g > h) {
                    pairs++;
                    if (t[next(g)] == t[next(h)]) {
                        inconsistent++;
                    }
                } else if (g == NON_MANIFOLD) {
                    if (nmCount == nm.length) {
                        nm = java.util.Arrays.copyOf(nm, 2 * nmCount);
                    }
                    int a = t[h];
                    int b = t[next(h)];
                    nm[nmCount++] = a < b ? (long) a << 32 | b : (long) b << 32 | a;
                }
            }
            counts[part] = new int[] {open, pairs, inconsistent};
            nmKeys[part] = java.util.Arrays.copyOf(nm, nmCount);
        });
        int open = 0;
        int pairs = 0;
        int inconsistent = 0;
        int nmTotal = 0;
        for (int p = 0; p < parts; p++) {
            open += counts[p][0];
            pairs += counts[p][1];
            inconsistent += counts[p][2];
            nmTotal += nmKeys[p].length;
        }
        long[] all = new long[nmTotal];
        int k = 0;
        for (long[] keys : nmKeys) {
            System.arraycopy(keys, 0, all, k, keys.length);
            k += keys.length;
        }
        java.util.Arrays.sort(all);
        int nonManifold = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                nonManifold++;
            }
        }
        this.openEdges = open;
        this.nonManifoldEdges = nonManifold;
        this.inconsistentEdges = inconsistent;
        this.edges = open + pairs + nonManifold;
        if (shells != null && shells.length != mesh.facetCount()) {
            throw new IllegalArgumentException("one shell per facet expected");
        }
        this.shells = shells;
    }

    /**
     * The topology of a mesh whose twins are already known, e.g. kept up to date by an editing step: the counts are
     * derived from {@code twins} in one pass instead of matching every edge again. The caller vouches that
     * {@code twins} (and {@code shellOfFacet}, when given) are exactly what {@link #of(Mesh)} would compute for
     * {@code mesh}; both arrays are shared, never copied. The result becomes the one {@link #of(Mesh)} returns for
     * {@code mesh}.
     */
    public static MeshTopology ofTwins(Mesh mesh, int[] twins, int[] shellOfFacet) {
        if (twins.length != mesh.triangles().length) {
            throw new IllegalArgumentException("one twin per half-edge expected");
        }
        MeshTopology t = new MeshTopology(mesh, twins, shellOfFacet);
        recent = new java.lang.ref.SoftReference<>(t);
        return t;
    }

    /** The half-edge whose end corner is {@code c}: the one before it around the facet. */
    private static int before(int c) {
        return c % 3 == 0 ? c + 2 : c - 1;
    }

    /**
     * Twins of half-edges [from, to) (whole facets); returns {open, non-manifold, inconsistent, edges} counted
     * there.
     */
    private int[] matchEdges(int[] t, int[] start, int[] out, int from, int to) {
        int open = 0;
        int nonManifold = 0;
        int inconsistent = 0;
        int edgeCount = 0;
        for (int h = from, k = 0; h < to; h++, k = k == 2 ? 0 : k + 1) {
            int end = k == 2 ? h - 2 : h + 1; // from is a facet's first half-edge: k is h % 3
            int a = t[h];
            int b = t[end];
            if (a == b) {
                twin[h] = DEGENERATE;
                continue;
            }
            int count = 1;
            int otherEnd = -1;
            // half-edges b -> a (opposite direction)
            for (int i = start[b], e = start[b + 1]; i < e; i++) {
                int c = out[i];
                if (t[c] == a) {
                    count++;
                    otherEnd = c;
                }
            }
            // other half-edges a -> b (same direction)
            for (int i = start[a], e = start[a + 1]; i < e; i++) {
                int c = out[i];
                if (c != end && t[c] == b) {
                    count++;
                    otherEnd = c;
                }
            }
            if (count == 1) {
                twin[h] = BOUNDARY;
                open++;
                edgeCount++;
            } else if (count == 2) {
                int other = before(otherEnd);
                twin[h] = other;
                if (h < other) {
                    edgeCount++;
                    if (t[otherEnd] == b) {
                        inconsistent++;
                    }
                }
            } else {
                twin[h] = NON_MANIFOLD;
                if (isFirst(t, start, out, h, a, b, end)) {
                    nonManifold++;
                    edgeCount++;
                }
            }
        }
        return new int[] {open, nonManifold, inconsistent, edgeCount};
    }

    /** Whether {@code h} is the lowest-numbered half-edge on its (non-manifold) edge. */
    private static boolean isFirst(int[] t, int[] start, int[] out, int h, int a, int b, int end) {
        for (int i = start[b], e = start[b + 1]; i < e; i++) {
            if (t[out[i]] == a && before(out[i]) < h) {
                return false;
            }
        }
        for (int i = start[a], e = start[a + 1]; i < e; i++) {
            if (out[i] != end && t[out[i]] == b && before(out[i]) < h) {
                return false;
            }
        }
        return true;
    }

    /**
     * The topology of a mesh. The most recent result is kept through a soft reference, so that validation,
     * analysis and repair of the same mesh object build it once; memory pressure clears it.
     */
    public static MeshTopology of(Mesh mesh) {
        java.lang.ref.SoftReference<MeshTopology> ref = recent;
        MeshTopology cached = ref == null ? null : ref.get();
        if (cached != null && cached.mesh == mesh) {
            return cached;
        }
        MeshTopology t = new MeshTopology(mesh);
        recent = new java.lang.ref.SoftReference<>(t);
        return t;
    }

    private static volatile java.lang.ref.SoftReference<MeshTopology> recent;

    public Mesh mesh() {
        return mesh;
    }

    /** The next half-edge around the same facet. */
    public static int next(int h) {
        return h % 3 == 2 ? h - 2 : h + 1;
    }

    /** The twin half-edge, or {@link #BOUNDARY}, {@link #NON_MANIFOLD}, {@link #DEGENERATE}. */
    public int twin(int h) {
        return twin[h];
    }

    /** Shared array of twins; never modify it. */
    public int[] twins() {
        return twin;
    }

    /** Edges used by exactly one facet. */
    public int openEdges() {
        return openEdges;
    }

    /** Edges used by more than two facets. */
    public int nonManifoldEdges() {
        return nonManifoldEdges;
    }

    /** Two-facet edges whose facets run the edge the same way (one of them is flipped). */
    public int inconsistentEdges() {
        return inconsistentEdges;
    }

    /** Distinct undirected edges, excluding those from a vertex to itself. */
    public int edgeCount() {
        return edges;
    }

    /**
     * Closed: no open and no non-manifold edges, and some facet with area (facets that all repeat a corner or
     * have zero area pair up their edges without enclosing anything).
     */
    public boolean watertight() {
        if (openEdges != 0 || nonManifoldEdges != 0 || mesh.facetCount() == 0) {
            return false;
        }
        Boolean a = hasArea;
        if (a == null) {
            a = MeshChecks.hasArea(mesh);
            hasArea = a;
        }
        return a;
    }

    /**
     * Shell (connected part) of every facet, facets being connected through shared edges; shells are numbered
     * 0.. in order of their first facet.
     */
    public int[] shellOfFacet() {
        int[] s = shells;
        if (s == null) {
            s = computeShells();
            shells = s;
        }
        return s;
    }

    /** Number of shells; computed once. */
    public int shellCount() {
        return count(shellOfFacet());
    }

    private int[] computeShells() {
        if (nonManifoldEdges == 0) {
            return floodShells();
        }
        int nf = mesh.facetCount();
        int[] parent = new int[nf];
        for (int i = 0; i < nf; i++) {
            parent[i] = i;
        }
        int[] t = mesh.triangles();
        int nv = mesh.vertexCount();
        int[] firstFacet = new int[nv];
        java.util.Arrays.fill(firstFacet, -1);
        for (int h = 0; h < t.length; h++) {
            int tw = twin[h];
            if (tw >= 0) {
                union(parent, h / 3, tw / 3);
            }
        }
        // facets on a non-manifold edge belong together; joining them through the edge's end vertices is
        // cheaper than matching the edge and only over-joins parts that touch there anyway
        for (int h = 0; h < t.length; h++) {
            if (twin[h] == NON_MANIFOLD) {
                for (int v : new int[] {t[h], t[next(h)]}) {
                    if (firstFacet[v] < 0) {
                        firstFacet[v] = h / 3;
                    } else {
                        union(parent, firstFacet[v], h / 3);
                    }
                }
            }
        }
        int[] shell = new int[nf];
        int[] label = new int[nf];
        java.util.Arrays.fill(label, -1);
        int next = 0;
        for (int f = 0; f < nf; f++) {
            int r = find(parent, f);
            if (label[r] < 0) {
                label[r] = next++;
            }
            shell[f] = label[r];
        }
        return shell;
    }

    /**
     * Shells of a mesh without non-manifold edges: a flood fill through the twins from each facet not yet
     * reached, in facet order, so that shells are numbered in order of their first facet.
     */
    private int[] floodShells() {
        int nf = mesh.facetCount();
        int[] shell = new int[nf];
        java.util.Arrays.fill(shell, -1);
        int[] queue = new int[nf];
        int next = 0;
        for (int seed = 0; seed < nf; seed++) {
            if (shell[seed] >= 0) {
                continue;
            }
            int s = next++;
            shell[seed] = s;
            int head = 0;
            int tail = 0;
            queue[tail++] = seed;
            while (head < tail) {
                int h = 3 * queue[head++];
                for (int k = 0; k < 3; k++) {
                    int tw = twin[h + k];
                    if (tw >= 0) {
                        int g = facetOf(tw);
                        if (shell[g] < 0) {
                            shell[g] = s;
                            queue[tail++] = g;
                        }
                    }
                }
            }
        }
        return shell;
    }

    /** {@code h / 3} for a half-edge {@code h >= 0}, by multiplication (exact for every non-negative int). */
    public static int facetOf(int h) {
        return (int) ((h * 0xAAAAAAABL) >>> 33);
    }

    /** Number of shells in {@link #shellOfFacet()}. */
    public static int count(int[] shellOfFacet) {
        int max = -1;
        for (int s : shellOfFacet) {
            max = Math.max(max, s);
        }
        return max + 1;
    }

    static int find(int[] p, int x) {
        while (p[x] != x) {
            p[x] = p[p[x]];
            x = p[x];
        }
        return x;
    }

    static void union(int[] p, int a, int b) {
        int ra = find(p, a);
        int rb = find(p, b);
        if (ra != rb) {
            if (ra < rb) {
                p[rb] = ra;
            } else {
                p[ra] = rb;
            }
        }
    }
}
