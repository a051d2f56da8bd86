package org.stllisting.mesh.repair;

import java.util.Arrays;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.Parallel;

/**
 * Keeps the twins of a repair's working mesh up to date through its edits, so that a step that removes, adds or
 * flips a few facets of a million costs a pass over the arrays instead of matching every edge again. The result is
 * exactly what {@link MeshTopology} computes for the edited facets: an edge's twins can only change when a removed
 * or added facet has that edge, and then both its ends are corners of such a facet; every half-edge between two
 * such corners is matched again from scratch, all others keep their twin, renumbered.
 */
final class TwinEdits {
    /** Placeholder for a half-edge whose twin is matched again. */
    private static final int PENDING = Integer.MIN_VALUE;

    private TwinEdits() {
    }

    /**
     * Twins after removing facets and appending new ones.
     *
     * @param oldT triangles before the edit
     * @param oldTwin their twins
     * @param remove per old facet, whether it is dropped; null when none is
     * @param newT the kept facets in their order, then the appended ones
     * @param vertexCount vertices the new triangles may use
     */
    static int[] afterKeep(int[] oldT, int[] oldTwin, boolean[] remove, int[] newT, int vertexCount) {
        int nf = oldT.length / 3;
        boolean[] touched = new boolean[vertexCount];
        int[] newIndex = null; // null: the identity
        int kept = nf;
        if (remove != null) {
            newIndex = new int[nf];
            int k = 0;
            for (int f = 0; f < nf; f++) {
                if (remove[f]) {
                    newIndex[f] = -1;
                    touched[oldT[3 * f]] = true;
                    touched[oldT[3 * f + 1]] = true;
                    touched[oldT[3 * f + 2]] = true;
                } else {
                    newIndex[f] = k++;
                }
            }
            kept = k;
        }
        int[] index = newIndex;
        for (int i = 3 * kept; i < newT.length; i++) {
            touched[newT[i]] = true;
        }
        int[] twin = new int[newT.length];
        int parts = Parallel.parts(oldT.length);
        int[][] pending = new int[parts][];
        Parallel.run(parts, part -> {
            int from = MeshRepairer.lo(nf, part, parts);
            int to = MeshRepairer.lo(nf, part + 1, parts);
            MeshRepairer.IntList mine = new MeshRepairer.IntList();
            for (int f = from; f < to; f++) {
                int nfIndex = index == null ? f : index[f];
                if (nfIndex < 0) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    int h = 3 * f + c;
                    int nh = 3 * nfIndex + c;
                    if (touched[oldT[h]] && touched[oldT[MeshTopology.next(h)]]) {
                        twin[nh] = PENDING;
                        mine.add(nh);
                    } else {
                        int g = oldTwin[h];
                        twin[nh] = g < 0 || index == null ? g : 3 * index[g / 3] + g % 3;
                    }
                }
            }
            pending[part] = Arrays.copyOf(mine.data, mine.size);
        });
        int total = newT.length - 3 * kept;
        for (int[] p : pending) {
            total += p.length;
        }
        int[] todo = new int[total];
        int n = 0;
        for (int[] p : pending) {
            System.arraycopy(p, 0, todo, n, p.length);
            n += p.length;
        }
        for (int h = 3 * kept; h < newT.length; h++) {
            todo[n++] = h;
        }
        match(newT, twin, todo);
        return twin;
    }

    /** Twins after reversing the winding of the facets marked in {@code flipped} (corners 1 and 2 swapped). */
    static int[] afterFlip(int[] oldTwin, byte[] flipped) {
        int[] twin = new int[oldTwin.length];
        int nf = flipped.length;
        int parts = Parallel.parts(oldTwin.length);
        Parallel.run(parts, part -> {
            int from = MeshRepairer.lo(nf, part, parts);
            int to = MeshRepairer.lo(nf, part + 1, parts);
            for (int f = from; f < to; f++) {
                boolean flip = flipped[f] != 0;
                for (int c = 0; c < 3; c++) {
                    // a flipped facet's half-edge c runs along its old half-edge 2 - c
                    int g = oldTwin[3 * f + (flip ? 2 - c : c)];
                    if (g >= 0 && flipped[g / 3] != 0) {
                        g = g - g % 3 + 2 - g % 3;
                    }
                    twin[3 * f + c] = g;
                }
            }
        });
        return twin;
    }

    /**
     * Matches the listed half-edges among themselves, with {@link MeshTopology}'s rules: one on its edge is open,
     * two are twins, more are non-manifold, an edge from a vertex to itself is degenerate. The list must hold every
     * half-edge of each edge it touches.
     */
    private static void match(int[] t, int[] twin, int[] todo) {
        int n = todo.length;
        if (n == 0) {
            return;
        }
        int cap = Integer.highestOneBit(Math.max(16, 2 * n - 1)) << 1;
        int mask = cap - 1;
        long[] keys = new long[cap];
        int[] head = new int[cap];
        Arrays.fill(head, -1);
        int[] nextInEdge = new int[n];
        for (int i = 0; i < n; i++) {
            int h = todo[i];
            int a = t[h];
            int b = t[MeshTopology.next(h)];
            if (a == b) {
                twin[h] = MeshTopology.DEGENERATE;
                nextInEdge[i] = -2;
                continue;
            }
            long key = MeshRepairer.edgeKey(a, b);
            int slot = (int) (mix(key) & mask);
            while (head[slot] >= 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            nextInEdge[i] = head[slot];
            head[slot] = i;
        }
        for (int slot = 0; slot < cap; slot++) {
            int first = head[slot];
            if (first < 0) {
                continue;
            }
            int second = nextInEdge[first];
            if (second < 0) {
                twin[todo[first]] = MeshTopology.BOUNDARY;
            } else if (nextInEdge[second] < 0) {
                twin[todo[first]] = todo[second];
                twin[todo[second]] = todo[first];
            } else {
                for (int i = first; i >= 0; i = nextInEdge[i]) {
                    twin[todo[i]] = MeshTopology.NON_MANIFOLD;
                }
            }
        }
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
