package org.stllisting.mesh.repair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stllisting.mesh.MeshTopology;

/**
 * Splits the open edges of a mesh into simple closed loops. Where the boundary touches itself at a vertex (a
 * pinch), the walk cuts the loop there, so every loop visits each vertex once and a fill can never give an edge
 * a third facet. Each loop is returned in the order a filling facet must follow: against the existing facets'
 * direction along most of its edges.
 */
final class HoleLoops {
    private HoleLoops() {
    }

    static List<int[]> trace(MeshTopology topo) {
        int[] t = topo.mesh().triangles();
        MeshRepairer.IntList ea = new MeshRepairer.IntList();
        MeshRepairer.IntList eb = new MeshRepairer.IntList();
        for (int h = 0; h < t.length; h++) {
            if (topo.twin(h) == MeshTopology.BOUNDARY) {
                ea.add(t[h]);
                eb.add(t[MeshTopology.next(h)]);
            }
        }
        int ne = ea.size;
        // the walk indexes only the boundary's own vertices, numbered 0..nv-1 in order of appearance
        int[] global = new int[2 * ne];
        int nv = 0;
        int cap = Integer.highestOneBit(Math.max(16, 4 * ne - 1)) << 1;
        int[] slots = new int[cap]; // local index + 1, keyed by global vertex
        for (MeshRepairer.IntList ends : List.of(ea, eb)) {
            for (int e = 0; e < ne; e++) {
                int x = ends.data[e];
                int slot = (x * 0x9E3779B1 >>> 1) & (cap - 1);
                while (slots[slot] != 0 && global[slots[slot] - 1] != x) {
                    slot = (slot + 1) & (cap - 1);
                }
                if (slots[slot] == 0) {
                    global[nv] = x;
                    slots[slot] = ++nv;
                }
                ends.data[e] = slots[slot] - 1;
            }
        }
        int[] start = new int[nv + 1];
        for (int e = 0; e < ne; e++) {
            start[ea.data[e] + 1]++;
            start[eb.data[e] + 1]++;
        }
        for (int i = 0; i < nv; i++) {
            start[i + 1] += start[i];
        }
        int[] adj = new int[2 * ne];
        int[] fill = new int[nv];
        for (int e = 0; e < ne; e++) {
            int a = ea.data[e];
            int b = eb.data[e];
            adj[start[a] + fill[a]++] = e;
            adj[start[b] + fill[b]++] = e;
        }
        int[] cursor = Arrays.copyOf(start, nv);
        boolean[] used = new boolean[ne];
        int[] pos = new int[nv];
        Arrays.fill(pos, -1);
        List<int[]> loops = new ArrayList<>();
        MeshRepairer.IntList path = new MeshRepairer.IntList();
        MeshRepairer.IntList pathEdges = new MeshRepairer.IntList();
        for (int e0 = 0; e0 < ne; e0++) {
            if (used[e0]) {
                continue;
            }
            path.size = 0;
            pathEdges.size = 0;
            int cur = ea.data[e0];
            pos[cur] = 0;
            path.add(cur);
            int e = e0;
            while (true) {
                if (e < 0) {
                    e = nextUnused(cur, start, cursor, adj, used);
                    if (e < 0) {
                        break; // dead end: an open chain, not a loop
                    }
                }
                used[e] = true;
                int nxt = ea.data[e] == cur ? eb.data[e] : ea.data[e];
                pathEdges.add(e);
                if (pos[nxt] >= 0) {
                    int from = pos[nxt];
                    int len = path.size - from;
                    int[] loop = Arrays.copyOfRange(path.data, from, path.size);
                    int agree = 0;
                    for (int i = 0; i < len; i++) {
                        int edge = pathEdges.data[from + i];
                        if (ea.data[edge] == loop[i]) {
                            agree++;
                        }
                    }
                    if (len >= 3) {
                        if (agree * 2 > len) {
                            reverse(loop);
                        }
                        for (int i = 0; i < len; i++) {
                            loop[i] = global[loop[i]];
                        }
                        loops.add(loop);
                    }
                    for (int i = from + 1; i < path.size; i++) {
                        pos[path.data[i]] = -1;
                    }
                    path.size = from + 1;
                    pathEdges.size = from;
                    cur = nxt;
                } else {
                    pos[nxt] = path.size;
                    path.add(nxt);
                    cur = nxt;
                }
                e = -1;
            }
            for (int i = 0; i < path.size; i++) {
                pos[path.data[i]] = -1;
            }
        }
        return loops;
    }

    private static int nextUnused(int v, int[] start, int[] cursor, int[] adj, boolean[] used) {
        while (cursor[v] < start[v + 1]) {
            int e = adj[cursor[v]];
            if (!used[e]) {
                return e;
            }
            cursor[v]++;
        }
        return -1;
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }
}
