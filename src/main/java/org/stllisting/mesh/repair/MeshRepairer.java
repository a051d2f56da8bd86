package org.stllisting.mesh.repair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshBuilder;
import org.stllisting.mesh.MeshChecks;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.Parallel;
import org.stllisting.mesh.VertexGrid;
import org.stllisting.mesh.analyze.MeshAnalyzer;

/**
 * Repairs a mesh in admesh's order and returns a new mesh with a report; the input is never modified.
 *
 * <ol>
 *   <li>Exact merge: vertices at exactly the same position become one.</li>
 *   <li>Degenerate facets are removed: repeated corners, and zero-area facets with three collinear corners. For
 *   the latter, the neighbour across the long edge is split at the middle corner so that no crack opens.</li>
 *   <li>Duplicate facets (same three vertices, either winding) are removed, keeping the first, so that
 *   duplicates never make a shell look inconsistently oriented.</li>
 *   <li>Nearby merge: vertices on open edges that lie within a tolerance of another open-edge vertex (and share
 *   no edge with it) are merged into the one used by more facets, with a tolerance growing tenfold per pass
 *   from {@code max(1e-5 mm, 1e-6 × diagonal)} up to half the shortest open edge; a pass that would add open
 *   or non-manifold edges is undone.</li>
 *   <li>Unconnected facets (sharing no edge with any other) are removed, and optionally shells smaller than a
 *   facet count.</li>
 *   <li>Holes: each boundary loop is closed, by ear clipping in the loop's best-fit plane when that works
 *   without reusing an existing edge, otherwise by a fan around a new vertex at the loop's centroid; either
 *   way no edge gets more than two facets. A fill that would add non-manifold edges is undone.</li>
 *   <li>Orientation: within each shell the minority of facets that disagree with their neighbours are reversed;
 *   then each shell with negative volume that is not inside another shell (a cavity) is reversed as a whole.</li>
 *   <li>Normals are recomputed from the winding.</li>
 *   <li>Verify: if the result has more open or non-manifold edges than the input, the input is returned
 *   unchanged with a warning: a repair never makes a mesh worse.</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class MeshRepairer {
    private MeshRepairer() {
    }

    /**
     * Mutable working copy: arrays are replaced, never written into once another field or a topology holds them,
     * so that a step can be undone by putting the saved arrays back. The twins of the current triangles are kept
     * up to date through removals, additions and flips ({@link TwinEdits}); only a step that renumbers corners
     * (a vertex merge) leaves them to be matched again.
     */
    private static final class Work {
        float[] v;
        int[] t;
        /** Facet of the input each facet came from, -1 for added facets; null while it is the identity. */
        int[] src;
        private MeshTopology topo;
        private int[] topoT;
        private float[] topoV;
        /** Twins of the triangles {@code twinT}, or null. */
        private int[] twin;
        private int[] twinT;
        /** Shells of the facets of {@code shellsT} (any edit but a flip changes them), or null. */
        private int[] shells;
        private int[] shellsT;

        Mesh mesh() {
            return new Mesh(v, t);
        }

        /** Topology of the current arrays, derived from the tracked twins or, failing that, built again. */
        MeshTopology topo() {
            if (topo == null || topoT != t || topoV != v) {
                setTopo(twinT == t ? MeshTopology.ofTwins(mesh(), twin, shellsT == t ? shells : null)
                        : MeshTopology.of(mesh()));
            }
            return topo;
        }

        void setTopo(MeshTopology topology) {
            topo = topology;
            topoT = t;
            topoV = v;
            twin = topology.twins();
            twinT = t;
        }

        /** The current triangles have the same adjacency as {@code before}: twins and shells carry over. */
        void renumbered(int[] before) {
            if (twinT == before) {
                twinT = t;
            }
            if (shellsT == before) {
                shellsT = t;
            }
        }

        /** Replaces the triangles by {@code flippedT}, the current ones with the facets marked in flips reversed. */
        void flipped(int[] flippedT, byte[] flips) {
            if (twinT == t) {
                twin = TwinEdits.afterFlip(twin, flips);
                twinT = flippedT;
            }
            if (shellsT == t) {
                shellsT = flippedT;
            }
            t = flippedT;
        }

        /** The topology of {@code out}, a mesh of the current triangles. */
        MeshTopology topologyOf(Mesh out) {
            return twinT == t ? MeshTopology.ofTwins(out, twin, shellsT == t ? shells : null) : MeshTopology.of(out);
        }

        void shells(int[] shellOfFacet) {
            shells = shellOfFacet;
            shellsT = t;
        }

        Saved save() {
            return new Saved(v, t, src, twin, twinT);
        }

        void restore(Saved s) {
            v = s.v();
            t = s.t();
            src = s.src();
            twin = s.twin();
            twinT = s.twinT();
        }

        int facets() {
            return t.length / 3;
        }

        /** The input facets the facets [from, to) came from, into {@code out} from {@code at}. */
        private void copyOrigins(int from, int to, int[] out, int at) {
            if (src != null) {
                System.arraycopy(src, from, out, at, to - from);
            } else {
                for (int f = from; f < to; f++) {
                    out[at++] = f;
                }
            }
        }

        /** Drops the facets marked in {@code remove} (null: none) and appends {@code extraCount} new ones. */
        void keep(boolean[] remove, int[] extraTris, int[] extraSrc, int extraCount) {
            int nf = facets();
            int kept = nf;
            if (remove != null) {
                kept = 0;
                for (int f = 0; f < nf; f++) {
                    if (!remove[f]) {
                        kept++;
                    }
                }
            }
            int[] nt;
            int[] ns = new int[kept + extraCount];
            int k = 0;
            if (remove == null) {
                nt = Arrays.copyOf(t, 3 * (kept + extraCount));
                k = nf;
                copyOrigins(0, nf, ns, 0);
            } else {
                nt = new int[3 * (kept + extraCount)];
                for (int f = 0; f < nf; ) {
                    int end = f;
                    while (end < nf && !remove[end]) {
                        end++;
                    }
                    // a run of kept facets [f, end)
                    System.arraycopy(t, 3 * f, nt, 3 * k, 3 * (end - f));
                    copyOrigins(f, end, ns, k);
                    k += end - f;
                    f = end + 1;
                }
            }
            if (extraCount > 0) {
                System.arraycopy(extraTris, 0, nt, 3 * k, 3 * extraCount);
                System.arraycopy(extraSrc, 0, ns, k, extraCount);
            }
            if (twinT == t) {
                twin = TwinEdits.afterKeep(t, twin, remove, nt, v.length / 3);
                twinT = nt;
            }
            t = nt;
            src = ns;
        }
    }

    private record Saved(float[] v, int[] t, int[] src, int[] twin, int[] twinT) {
    }

    /** Counters shared by the steps. */
    private static final class Counts {
        int removed;
        int added;
        int reversed;
        int edgesFixed;
        int verticesMerged;
        int degenerate;
        int duplicates;
        int unconnected;
        int holes;
        final List<String> warnings = new ArrayList<>();
    }

    public static RepairResult repair(Mesh mesh) {
        return repair(mesh, RepairOptions.defaults());
    }

    public static RepairResult repair(Mesh input, RepairOptions options) {
        return repair(MeshTopology.of(input), options);
    }

    /** Repairs {@code inputTopology.mesh()}, reusing its topology (e.g. the one validation built). */
    public static RepairResult repair(MeshTopology inputTopology, RepairOptions options) {
        Mesh input = inputTopology.mesh();
        int open0 = inputTopology.openEdges();
        int nm0 = inputTopology.nonManifoldEdges();
        Work w = new Work();
        w.v = input.vertices(); // shared: steps replace the arrays, never write into them
        w.t = input.triangles();
        w.setTopo(inputTopology);
        Counts c = new Counts();
        if (!options.verticesMerged()) {
            exactMerge(w, c);
        }
        removeDegenerate(w, c);
        removeDuplicates(w, c);
        if (options.nearby()) {
            nearbyMerge(w, c, options.nearbyToleranceMm());
        }
        if (options.removeUnconnected() || options.minShellFacets() > 0) {
            removeUnconnected(w, c, options.removeUnconnected(), options.minShellFacets());
        }
        if (options.fillHoles()) {
            fillHoles(w, c);
        }
        if (options.fixOrientation()) {
            fixOrientation(w, c);
        }
        compactVertices(w);
        int[] fixed = new int[1];
        float[] normals = normals(w.v, w.t, input, w.src, fixed);
        Mesh out = new Mesh(w.v, w.t, normals);
        MeshTopology topo = w.topologyOf(out);
        if (topo.openEdges() > open0 || topo.nonManifoldEdges() > nm0) {
            c.warnings.add(String.format(Locale.ROOT, "repair refused: the result would have %d open and %d "
                    + "non-manifold edges against %d and %d before; the mesh is returned unchanged",
                    topo.openEdges(), topo.nonManifoldEdges(), open0, nm0));
            MeshTopology t0 = inputTopology;
            return new RepairResult(input, new RepairReport(input.facetCount(), input.facetCount(), 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, open0, open0, nm0, MeshTopology.count(t0.shellOfFacet()),
                    MeshAnalyzer.volume(input), t0.watertight(), false, c.warnings), t0);
        }
        int normalsFixed = fixed[0];
        boolean changed = c.removed + c.added + c.reversed + c.verticesMerged > 0
                || out.vertexCount() != input.vertexCount() || normalsFixed > 0 || !input.hasStoredNormals();
        return new RepairResult(out, new RepairReport(input.facetCount(), out.facetCount(), c.removed, c.added,
                c.reversed, c.edgesFixed, normalsFixed, c.verticesMerged, c.degenerate, c.duplicates, c.unconnected,
                c.holes, open0, topo.openEdges(), topo.nonManifoldEdges(), MeshTopology.count(topo.shellOfFacet()),
                MeshAnalyzer.volume(out), topo.watertight(), changed, c.warnings), topo);
    }

    // ---- 1. exact merge -------------------------------------------------------------------------------------

    private static void exactMerge(Work w, Counts c) {
        int nv = w.v.length / 3;
        if (!hasRepeatedPosition(w.v)) {
            return; // the usual case: the reader has merged them already
        }
        MeshBuilder b = MeshBuilder.verticesOnly(nv);
        int[] remap = new int[nv];
        for (int i = 0; i < nv; i++) {
            remap[i] = b.vertex(w.v[3 * i], w.v[3 * i + 1], w.v[3 * i + 2]);
        }
        if (b.vertexCount() == nv) {
            return;
        }
        c.verticesMerged += nv - b.vertexCount();
        float[] nvts = new float[3 * b.vertexCount()];
        for (int i = 0; i < nv; i++) {
            int r = remap[i];
            nvts[3 * r] = w.v[3 * i];
            nvts[3 * r + 1] = w.v[3 * i + 1];
            nvts[3 * r + 2] = w.v[3 * i + 2];
        }
        int[] nt = new int[w.t.length];
        for (int k = 0; k < nt.length; k++) {
            nt[k] = remap[w.t[k]];
        }
        w.t = nt;
        w.v = nvts;
    }

    /**
     * Whether two vertices sit at exactly the same position, by {@link MeshBuilder}'s rule (same float bits,
     * {@code -0.0} counting as {@code 0.0}). Each thread hashes the vertices of its share of the hash values.
     */
    static boolean hasRepeatedPosition(float[] v) {
        int nv = v.length / 3;
        int parts = Parallel.parts(nv);
        boolean[] found = new boolean[parts];
        Parallel.run(parts, part -> {
            int cap = Integer.highestOneBit(Math.max(16, 2 * (nv / parts + 1) - 1)) << 1;
            int mask = cap - 1;
            int[] table = new int[cap]; // vertex + 1
            for (int i = 0; i < nv; i++) {
                int bx = bits(v[3 * i]);
                int by = bits(v[3 * i + 1]);
                int bz = bits(v[3 * i + 2]);
                int h = bx * 0x9E3779B1;
                h = (h ^ (h >>> 15)) + by * 0x85EBCA77;
                h = (h ^ (h >>> 13)) + bz * 0xC2B2AE3D;
                h ^= h >>> 16;
                if (parts > 1 && ((h >>> 24) % parts) != part) {
                    continue;
                }
                int slot = h & mask;
                int e;
                while ((e = table[slot]) != 0) {
                    int j = 3 * (e - 1);
                    if (bits(v[j]) == bx && bits(v[j + 1]) == by && bits(v[j + 2]) == bz) {
                        found[part] = true;
                        return;
                    }
                    slot = (slot + 1) & mask;
                }
                table[slot] = i + 1;
            }
        });
        for (boolean f : found) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    private static int bits(float x) {
        return x == 0 ? 0 : Float.floatToRawIntBits(x);
    }

    // ---- 2. degenerate facets ---------------------------------------------------------------------------------

    private static void removeDegenerate(Work w, Counts c) {
        // repeated corners: no area and no edge of their own, removing them never opens the surface
        int nf = w.facets();
        boolean[] remove = new boolean[nf];
        int parts = Parallel.parts(nf);
        int[] repeatedIn = new int[parts];
        boolean[] zeroAreaIn = new boolean[parts];
        float[] v = w.v;
        int[] t0 = w.t;
        double tol = MeshChecks.degenerateTolerance(w.mesh());
        boolean[] repeatedCorner = remove;
        Parallel.run(parts, part -> {
            int n = 0;
            boolean zeroArea = false;
            for (int f = lo(t0.length / 3, part, parts), to = lo(t0.length / 3, part + 1, parts); f < to; f++) {
                int a = t0[3 * f];
                int b = t0[3 * f + 1];
                int d = t0[3 * f + 2];
                if (a == b || b == d || a == d) {
                    repeatedCorner[f] = true;
                    n++;
                } else if (!zeroArea) {
                    zeroArea = MeshChecks.isDegenerate(v, t0, f, tol);
                }
            }
            repeatedIn[part] = n;
            zeroAreaIn[part] = zeroArea;
        });
        int repeated = 0;
        boolean zeroArea = false;
        for (int p = 0; p < parts; p++) {
            repeated += repeatedIn[p];
            zeroArea |= zeroAreaIn[p];
        }
        if (repeated > 0) {
            w.keep(remove, null, null, 0);
            c.degenerate += repeated;
            c.removed += repeated;
        }
        if (!zeroArea) {
            return;
        }
        collapseShortEdges(w, c, tol);
        removeZeroArea(w, c, tol);
    }

    /**
     * Facets with an edge no longer than {@code tol} (two corners that are one point up to float rounding): the
     * edge is collapsed, its ends becoming the lower-numbered one, and the facets that then repeat a corner are
     * dropped. Collapsing an edge between two facets of a closed surface leaves it closed; if the result has more
     * open or non-manifold edges, nothing is collapsed.
     */
    private static void collapseShortEdges(Work w, Counts c, double tol) {
        int[] t = w.t;
        float[] v = w.v;
        double tol2 = tol * tol;
        int[] parent = null;
        int merged = 0;
        for (int h = 0; h < t.length; h++) {
            int a = t[h];
            int b = t[MeshTopology.next(h)];
            if (a == b) {
                continue;
            }
            double d2 = sq(v[3 * a] - v[3 * b]) + sq(v[3 * a + 1] - v[3 * b + 1]) + sq(v[3 * a + 2] - v[3 * b + 2]);
            if (d2 > tol2) {
                continue;
            }
            if (parent == null) {
                parent = new int[v.length / 3];
                for (int i = 0; i < parent.length; i++) {
                    parent[i] = i;
                }
            }
            if (find(parent, a) != find(parent, b)) {
                union(parent, a, b);
                merged++;
            }
        }
        if (merged == 0) {
            return;
        }
        MeshTopology before = w.topo();
        Saved saved = w.save();
        int[] nt = new int[t.length];
        for (int k = 0; k < t.length; k++) {
            nt[k] = find(parent, t[k]);
        }
        w.t = nt; // corners renumbered: the twins are matched again
        int nf = w.facets();
        boolean[] remove = new boolean[nf];
        int collapsed = 0;
        for (int f = 0; f < nf; f++) {
            if (nt[3 * f] == nt[3 * f + 1] || nt[3 * f + 1] == nt[3 * f + 2] || nt[3 * f] == nt[3 * f + 2]) {
                remove[f] = true;
                collapsed++;
            }
        }
        w.keep(remove, null, null, 0);
        MeshTopology after = w.topo();
        if (after.openEdges() > before.openEdges() || after.nonManifoldEdges() > before.nonManifoldEdges()) {
            w.restore(saved);
            c.warnings.add(merged + " edges shorter than " + String.format(Locale.ROOT, "%.2g", tol)
                    + " mm kept: collapsing them would have opened the surface");
            return;
        }
        c.verticesMerged += merged;
        c.degenerate += collapsed;
        c.removed += collapsed;
    }

    /**
     * Zero-area facets whose corners are apart: the corner opposite the longest edge lies on that edge. When one
     * other facet shares the long edge, the sliver is removed and that neighbour split at the middle corner, so
     * the surface stays closed; a neighbour is split once per pass, so fans and chains of slivers take several
     * passes. When no other facet shares it (the sliver lies on the boundary) or more than one does (the sliver
     * was laid over an edge the others already close, its two short edges open), the sliver is removed alone; a
     * sliver and its reverse on the same corners are removed together.
     */
    private static void removeZeroArea(Work w, Counts c, double tol) {
        Saved saved = w.save();
        MeshTopology before = w.topo();
        int open0 = before.openEdges();
        int nm0 = before.nonManifoldEdges();
        int removedHere = 0;
        int addedHere = 0;
        // a sliver removed from a boundary turns its one open edge into the two it shared: the same gap
        int boundarySlivers = 0;
        for (int pass = 0; pass < 16; pass++) {
            MeshTopology topo = w.topo();
            int nf = w.facets();
            int[] t = w.t;
            boolean[] remove = new boolean[nf];
            boolean[] touched = new boolean[nf];
            IntList extra = new IntList();
            IntList extraSrc = new IntList();
            int done = 0;
            for (int f = 0; f < nf; f++) {
                if (touched[f] || !MeshChecks.isDegenerate(w.v, t, f, tol)) {
                    continue;
                }
                int pair = reversePair(topo, t, f);
                if (pair >= 0 && !touched[pair]) {
                    // a sliver and its reverse on the same corners: neither has an edge the other does not close
                    remove[f] = true;
                    remove[pair] = true;
                    touched[f] = true;
                    touched[pair] = true;
                    removedHere += 2;
                    done++;
                    continue;
                }
                int k = longestEdge(w.v, t, f);
                int g = topo.twin(3 * f + k);
                if (g == MeshTopology.BOUNDARY || g == MeshTopology.NON_MANIFOLD && topo.twin(3 * f + (k + 1) % 3)
                        == MeshTopology.BOUNDARY && topo.twin(3 * f + (k + 2) % 3) == MeshTopology.BOUNDARY) {
                    remove[f] = true;
                    touched[f] = true;
                    removedHere++;
                    if (g == MeshTopology.BOUNDARY) {
                        boundarySlivers++;
                    }
                    done++;
                    continue;
                }
                if (g < 0) {
                    continue;
                }
                int gf = g / 3;
                if (touched[gf] || MeshChecks.isDegenerate(w.v, t, gf, tol)) {
                    continue;
                }
                int mid = t[3 * f + (k + 2) % 3];
                int gb = t[g];
                int ga = t[MeshTopology.next(g)];
                int gx = t[MeshTopology.next(MeshTopology.next(g))];
                remove[f] = true;
                remove[gf] = true;
                touched[f] = true;
                touched[gf] = true;
                extra.add(gb, mid, gx);
                extra.add(mid, ga, gx);
                int from = w.src == null ? gf : w.src[gf];
                extraSrc.add(from);
                extraSrc.add(from);
                removedHere++; // the sliver is gone, its neighbour became two facets
                addedHere++;
                done++;
            }
            if (done == 0) {
                break;
            }
            w.keep(remove, extra.data, extraSrc.data, extraSrc.size);
        }
        MeshTopology after = w.topo();
        if (after.openEdges() > open0 + boundarySlivers || after.nonManifoldEdges() > nm0) {
            w.restore(saved);
            c.warnings.add("zero-area facets kept: removing them would have opened the surface");
            return;
        }
        c.degenerate += removedHere;
        c.removed += removedHere;
        c.added += addedHere;
        int left = 0;
        for (int f = 0; f < w.facets(); f++) {
            if (MeshChecks.isDegenerate(w.v, w.t, f, tol)) {
                left++;
            }
        }
        if (left > 0) {
            c.warnings.add(left + " zero-area facets kept: no neighbour could absorb them without opening the "
                    + "surface");
        }
    }

    /** The facet across one of f's edges that is made of f's three corners, or -1. */
    private static int reversePair(MeshTopology topo, int[] t, int f) {
        for (int k = 0; k < 3; k++) {
            int g = topo.twin(3 * f + k);
            if (g < 0) {
                continue;
            }
            int p = MeshTopology.facetOf(g);
            boolean same = true;
            for (int j = 0; j < 3 && same; j++) {
                int x = t[3 * p + j];
                same = x == t[3 * f] || x == t[3 * f + 1] || x == t[3 * f + 2];
            }
            if (same) {
                return p;
            }
        }
        return -1;
    }

    private static int longestEdge(float[] v, int[] t, int f) {
        int best = 0;
        double bestLen = -1;
        for (int k = 0; k < 3; k++) {
            int a = 3 * t[3 * f + k];
            int b = 3 * t[3 * f + (k + 1) % 3];
            double dx = (double) v[a] - v[b];
            double dy = (double) v[a + 1] - v[b + 1];
            double dz = (double) v[a + 2] - v[b + 2];
            double len = dx * dx + dy * dy + dz * dz;
            if (len > bestLen) {
                bestLen = len;
                best = k;
            }
        }
        return best;
    }

    // ---- 3. duplicates ------------------------------------------------------------------------------------

    private static void removeDuplicates(Work w, Counts c) {
        MeshTopology topo = w.topo();
        if (MeshChecks.countDuplicates(topo) == 0) {
            return; // usually settled by a scan of the topology, without the per-facet tables below
        }
        int[] dup = MeshChecks.duplicateOf(topo.mesh(), topo);
        boolean[] remove = new boolean[dup.length];
        int n = 0;
        for (int f = 0; f < dup.length; f++) {
            if (dup[f] >= 0) {
                remove[f] = true;
                n++;
            }
        }
        if (n > 0) {
            c.duplicates += n;
            c.removed += n;
            w.keep(remove, null, null, 0);
        }
    }

    // ---- 4. nearby merge ----------------------------------------------------------------------------------

    private static void nearbyMerge(Work w, Counts c, double maxTolOption) {
        MeshTopology topo = w.topo();
        if (topo.openEdges() == 0) {
            return;
        }
        double[][] box = MeshAnalyzer.boundingBox(w.mesh());
        double diag = Math.sqrt(sq(box[1][0] - box[0][0]) + sq(box[1][1] - box[0][1]) + sq(box[1][2] - box[0][2]));
        double tol0 = Math.max(1e-5, diag * 1e-6);
        double maxTol = maxTolOption > 0 ? maxTolOption : 0.5 * shortestOpenEdge(w, topo);
        maxTol = Math.max(maxTol, tol0);
        if (!anyNearbyBoundaryVertex(w, topo, maxTol)) {
            return; // no pass could merge anything: a partner within a tolerance is one within the largest
        }
        for (double tol = tol0; ; tol = Math.min(tol * 10, maxTol)) {
            int openBefore = topo.openEdges();
            int nmBefore = topo.nonManifoldEdges();
            Saved saved = w.save();
            int merged = mergeBoundaryPass(w, topo, tol);
            if (merged > 0) {
                // merging can collapse facets: drop those that now repeat a vertex
                boolean[] remove = new boolean[w.facets()];
                int deg = 0;
                for (int f = 0; f < w.facets(); f++) {
                    int a = w.t[3 * f];
                    int b = w.t[3 * f + 1];
                    int d = w.t[3 * f + 2];
                    if (a == b || b == d || a == d) {
                        remove[f] = true;
                        deg++;
                    }
                }
                if (deg > 0) {
                    w.keep(remove, null, null, 0);
                }
                MeshTopology after = w.topo();
                if (after.openEdges() > openBefore || after.nonManifoldEdges() > nmBefore) {
                    w.restore(saved);
                    c.warnings.add(String.format(Locale.ROOT,
                            "nearby merge at %.6f mm skipped: it would have added open or non-manifold edges", tol));
                } else {
                    c.edgesFixed += openBefore - after.openEdges();
                    c.verticesMerged += merged;
                    c.degenerate += deg;
                    c.removed += deg;
                    topo = after;
                    w.setTopo(after);
                }
            }
            if (topo.openEdges() == 0 || tol >= maxTol) {
                break;
            }
        }
    }

    private static boolean anyNearbyBoundaryVertex(Work w, MeshTopology topo, double tol) {
        int[] t = w.t;
        boolean[] seen = new boolean[w.v.length / 3];
        IntList ids = new IntList();
        for (int h = 0; h < t.length; h++) {
            if (topo.twin(h) == MeshTopology.BOUNDARY) {
                int a = t[h];
                int b = t[MeshTopology.next(h)];
                if (!seen[a]) {
                    seen[a] = true;
                    ids.add(a);
                }
                if (!seen[b]) {
                    seen[b] = true;
                    ids.add(b);
                }
            }
        }
        for (int p : VertexGrid.nearestWithin(w.v, Arrays.copyOf(ids.data, ids.size), tol)) {
            if (p >= 0) {
                return true;
            }
        }
        return false;
    }

    private static double shortestOpenEdge(Work w, MeshTopology topo) {
        double best = Double.POSITIVE_INFINITY;
        for (int h = 0; h < w.t.length; h++) {
            if (topo.twin(h) == MeshTopology.BOUNDARY) {
                int a = 3 * w.t[h];
                int b = 3 * w.t[MeshTopology.next(h)];
                double d = Math.sqrt(sq(w.v[a] - w.v[b]) + sq(w.v[a + 1] - w.v[b + 1]) + sq(w.v[a + 2] - w.v[b + 2]));
                if (d > 0) {
                    best = Math.min(best, d);
                }
            }
        }
        return Double.isFinite(best) ? best : 0;
    }

    /** One pass of nearby merging at a tolerance; returns vertices merged away. */
    private static int mergeBoundaryPass(Work w, MeshTopology topo, double tol) {
        int nv = w.v.length / 3;
        int[] t = w.t;
        int[] bIndex = new int[nv];
        Arrays.fill(bIndex, -1);
        IntList ids = new IntList();
        for (int h = 0; h < t.length; h++) {
            if (topo.twin(h) == MeshTopology.BOUNDARY) {
                for (int x : new int[] {t[h], t[MeshTopology.next(h)]}) {
                    if (bIndex[x] < 0) {
                        bIndex[x] = ids.size;
                        ids.add(x);
                    }
                }
            }
        }
        int nb = ids.size;
        if (nb < 2) {
            return 0;
        }
        int[] idArr = Arrays.copyOf(ids.data, nb);
        int[] partner = VertexGrid.nearestWithin(w.v, idArr, tol);
        // neighbours of boundary vertices (through any facet), to refuse collapsing an edge
        int[] uses = new int[nv];
        for (int x : t) {
            uses[x]++;
        }
        int[] start = new int[nb + 1];
        for (int k = 0; k < t.length; k++) {
            int bi = bIndex[t[k]];
            if (bi >= 0) {
                start[bi + 1] += 2;
            }
        }
        for (int i = 0; i < nb; i++) {
            start[i + 1] += start[i];
        }
        int[] nbr = new int[start[nb]];
        int[] fill = new int[nb];
        for (int k = 0; k < t.length; k++) {
            int bi = bIndex[t[k]];
            if (bi >= 0) {
                int f = k / 3;
                int j = k % 3;
                nbr[start[bi] + fill[bi]++] = t[3 * f + (j + 1) % 3];
                nbr[start[bi] + fill[bi]++] = t[3 * f + (j + 2) % 3];
            }
        }
        int[] parent = new int[nv];
        for (int i = 0; i < nv; i++) {
            parent[i] = i;
        }
        boolean any = false;
        for (int i = 0; i < nb; i++) {
            int p = partner[i];
            if (p < 0) {
                continue;
            }
            boolean adjacent = false;
            for (int k = start[i]; k < start[i + 1]; k++) {
                if (nbr[k] == p) {
                    adjacent = true;
                    break;
                }
            }
            if (!adjacent) {
                union(parent, idArr[i], p);
                any = true;
            }
        }
        if (!any) {
            return 0;
        }
        // representative: the member used by most facets (its position is kept), ties to the lower index
        int[] best = new int[nv];
        Arrays.fill(best, -1);
        for (int i = 0; i < nb; i++) {
            int x = idArr[i];
            int r = find(parent, x);
            if (best[r] < 0 || uses[x] > uses[best[r]] || uses[x] == uses[best[r]] && x < best[r]) {
                best[r] = x;
            }
        }
        int merged = 0;
        int[] nt = t.clone();
        for (int k = 0; k < nt.length; k++) {
            int x = nt[k];
            if (bIndex[x] >= 0) {
                int rep = best[find(parent, x)];
                if (rep != x) {
                    nt[k] = rep;
                }
            }
        }
        for (int i = 0; i < nb; i++) {
            int x = idArr[i];
            if (best[find(parent, x)] != x) {
                merged++;
            }
        }
        w.t = nt;
        return merged;
    }

    // ---- 5. unconnected facets ------------------------------------------------------------------------------

    private static void removeUnconnected(Work w, Counts c, boolean isolated, int minShellFacets) {
        MeshTopology topo = w.topo();
        int nf = w.facets();
        boolean[] remove = new boolean[nf];
        int n = 0;
        if (isolated) {
            for (int f = 0; f < nf; f++) {
                if (topo.twin(3 * f) < 0 && topo.twin(3 * f + 1) < 0 && topo.twin(3 * f + 2) < 0
                        && topo.twin(3 * f) != MeshTopology.NON_MANIFOLD
                        && topo.twin(3 * f + 1) != MeshTopology.NON_MANIFOLD
                        && topo.twin(3 * f + 2) != MeshTopology.NON_MANIFOLD) {
                    remove[f] = true;
                    n++;
                }
            }
        }
        if (minShellFacets > 0) {
            int[] shell = topo.shellOfFacet();
            int[] size = new int[MeshTopology.count(shell)];
            for (int s : shell) {
                size[s]++;
            }
            for (int f = 0; f < nf; f++) {
                if (!remove[f] && size[shell[f]] < minShellFacets) {
                    remove[f] = true;
                    n++;
                }
            }
        }
        if (n > 0) {
            c.unconnected += n;
            c.removed += n;
            w.keep(remove, null, null, 0);
        }
    }

    // ---- 6. holes -----------------------------------------------------------------------------------------

    private static void fillHoles(Work w, Counts c) {
        MeshTopology topo = w.topo();
        if (topo.openEdges() == 0) {
            return;
        }
        int nmBefore = topo.nonManifoldEdges();
        int openBefore = topo.openEdges();
        List<int[]> loops = HoleLoops.trace(topo);
        if (loops.isEmpty()) {
            return;
        }
        // edges that already exist around the loops: a fill must not reuse them
        int nv = w.v.length / 3;
        boolean[] onLoop = new boolean[nv];
        for (int[] loop : loops) {
            for (int x : loop) {
                onLoop[x] = true;
            }
        }
        Set<Long> edges = new HashSet<>();
        int[] t = w.t;
        for (int f = 0; f < w.facets(); f++) {
            for (int k = 0; k < 3; k++) {
                int a = t[3 * f + k];
                int b = t[3 * f + (k + 1) % 3];
                if (onLoop[a] && onLoop[b]) {
                    edges.add(edgeKey(a, b));
                }
            }
        }
        FloatList newVerts = new FloatList();
        IntList extra = new IntList();
        int filled = 0;
        for (int[] loop : loops) {
            int before = extra.size;
            if (HoleFiller.fill(w.v, nv, loop, edges, extra, newVerts)) {
                filled++;
            } else {
                extra.size = before;
            }
        }
        int added = extra.size / 3;
        Saved saved = w.save();
        if (newVerts.size > 0) {
            float[] nvts = Arrays.copyOf(w.v, w.v.length + newVerts.size);
            System.arraycopy(newVerts.data, 0, nvts, w.v.length, newVerts.size);
            w.v = nvts;
        }
        int[] extraSrc = new int[added];
        Arrays.fill(extraSrc, -1);
        w.keep(null, extra.data, extraSrc, added);
        MeshTopology after = w.topo();
        if (after.nonManifoldEdges() > nmBefore || after.openEdges() > openBefore) {
            w.restore(saved);
            c.warnings.add("hole filling skipped: it would have added non-manifold edges");
            return;
        }
        c.holes += filled;
        c.added += added;
    }

    static long edgeKey(int a, int b) {
        return a < b ? (long) a << 32 | b : (long) b << 32 | a;
    }

    // ---- 7. orientation -----------------------------------------------------------------------------------

    private static void fixOrientation(Work w, Counts c) {
        MeshTopology topo = w.topo();
        MeshChecks.Orientation o = MeshChecks.orientation(topo);
        // flipping changes no adjacency, so the shells found before still hold
        int[] shells = topo.shellOfFacet();
        w.shells(shells);
        byte[] flips = o.flip(); // a fresh array: facets to reverse, then also those of inside-out shells
        c.reversed += o.reversed();
        if (o.conflicts() > 0) {
            c.warnings.add("part of the surface cannot be oriented consistently (non-orientable patch)");
        }
        int n = Outward.apply(w.v, w.t, shells, flips);
        c.reversed += n;
        if (o.reversed() == 0 && n == 0) {
            return;
        }
        int[] t = w.t.clone();
        for (int f = 0; f < flips.length; f++) {
            if (flips[f] != 0) {
                flip(t, f);
            }
        }
        w.flipped(t, flips);
    }

    static void flip(int[] t, int f) {
        int tmp = t[3 * f + 1];
        t[3 * f + 1] = t[3 * f + 2];
        t[3 * f + 2] = tmp;
    }

    // ---- 8. normals and clean-up ----------------------------------------------------------------------------

    private static void compactVertices(Work w) {
        int nv = w.v.length / 3;
        boolean[] used = new boolean[nv];
        int n = 0;
        for (int x : w.t) {
            if (!used[x]) {
                used[x] = true;
                n++;
            }
        }
        if (n == nv) {
            return; // every vertex is used: numbering them in order changes nothing
        }
        int[] remap = new int[nv]; // kept vertices keep their order
        for (int i = 0, k = 0; i < nv; i++) {
            remap[i] = used[i] ? k++ : -1;
        }
        float[] nvts = new float[3 * n];
        for (int i = 0; i < nv; i++) {
            if (remap[i] >= 0) {
                System.arraycopy(w.v, 3 * i, nvts, 3 * remap[i], 3);
            }
        }
        int[] nt = new int[w.t.length];
        for (int k = 0; k < nt.length; k++) {
            nt[k] = remap[w.t[k]];
        }
        int[] before = w.t;
        w.v = nvts;
        w.t = nt;
        w.renumbered(before);
    }

    /**
     * Unit normals of the winding (zero for a degenerate facet), in one pass with the count of facets whose
     * stored normal in the input differs from the new one (a zero stored normal counts; added facets do not).
     *
     * @param fixed receives that count in {@code fixed[0]} (0 when the input stores no normals)
     */
    static float[] normals(float[] v, int[] t, Mesh input, int[] src, int[] fixed) {
        float[] n = new float[t.length];
        float[] stored = input.storedNormals();
        int nf = t.length / 3;
        int parts = Parallel.parts(nf);
        int[] fixedIn = new int[parts];
        Parallel.run(parts, part -> {
            double[] cross = new double[3];
            int differ = 0;
            for (int f = lo(nf, part, parts), to = lo(nf, part + 1, parts); f < to; f++) {
                double len = MeshChecks.windingNormal(v, t, f, cross);
                if (len > 0) {
                    n[3 * f] = (float) (cross[0] / len);
                    n[3 * f + 1] = (float) (cross[1] / len);
                    n[3 * f + 2] = (float) (cross[2] / len);
                }
                int s = src == null ? f : src[f];
                if (stored != null && s >= 0 && differs(stored, s, n, f)) {
                    differ++;
                }
            }
            fixedIn[part] = differ;
        });
        for (int x : fixedIn) {
            fixed[0] += x;
        }
        return n;
    }

    private static boolean differs(float[] stored, int s, float[] normals, int f) {
        double sx = stored[3 * s];
        double sy = stored[3 * s + 1];
        double sz = stored[3 * s + 2];
        double len = Math.sqrt(sx * sx + sy * sy + sz * sz);
        if (len == 0) {
            return true;
        }
        double dx = sx / len - normals[3 * f];
        double dy = sy / len - normals[3 * f + 1];
        double dz = sz / len - normals[3 * f + 2];
        return dx * dx + dy * dy + dz * dz > 1e-6;
    }

    /** Start of part {@code part} of {@code n} items split into {@code parts} equal ranges. */
    static int lo(int n, int part, int parts) {
        return (int) ((long) n * part / parts);
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
            p[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    static double sq(double x) {
        return x * x;
    }

    /** A growable int array. */
    static final class IntList {
        int[] data = new int[16];
        int size;

        void add(int x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = x;
        }

        void add(int a, int b, int c) {
            add(a);
            add(b);
            add(c);
        }
    }

    /** A growable float array. */
    static final class FloatList {
        float[] data = new float[16];
        int size;

        void add(float x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = x;
        }
    }
}
