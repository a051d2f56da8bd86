package org.stllisting.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;

class MeshTopologyTest {
    /** Twins by brute force: every half-edge grouped with the others on its undirected edge. */
    /** The half-edges of each undirected edge (degenerate ones left out), by edge. */
    private static Map<Long, List<Integer>> byEdge(Mesh m) {
        int[] t = m.triangles();
        Map<Long, List<Integer>> byEdge = new HashMap<>();
        for (int h = 0; h < t.length; h++) {
            int a = t[h];
            int b = t[MeshTopology.next(h)];
            if (a != b) {
                byEdge.computeIfAbsent(key(a, b), k -> new ArrayList<>()).add(h);
            }
        }
        return byEdge;
    }

    private static long key(int a, int b) {
        return (long) Math.min(a, b) << 32 | Math.max(a, b);
    }

    private static int[] referenceTwins(Mesh m) {
        int[] t = m.triangles();
        Map<Long, List<Integer>> byEdge = byEdge(m);
        int[] twin = new int[t.length];
        for (int h = 0; h < t.length; h++) {
            int a = t[h];
            int b = t[MeshTopology.next(h)];
            if (a == b) {
                twin[h] = MeshTopology.DEGENERATE;
                continue;
            }
            List<Integer> on = byEdge.get(key(a, b));
            twin[h] = on.size() == 1 ? MeshTopology.BOUNDARY : on.size() > 2 ? MeshTopology.NON_MANIFOLD
                    : on.get(0) == h ? on.get(1) : on.get(0);
        }
        return twin;
    }

    private static Mesh nonManifold() {
        // a fin: a third facet on one edge of a box, plus a facet with a repeated corner
        Mesh box = MeshGenerators.box(2, 2, 2);
        int[] t = box.triangles();
        float[] v = java.util.Arrays.copyOf(box.vertices(), box.vertices().length + 3);
        int nv = box.vertexCount();
        v[3 * nv] = 5;
        v[3 * nv + 1] = 5;
        v[3 * nv + 2] = 5;
        int[] t2 = java.util.Arrays.copyOf(t, t.length + 6);
        t2[t.length] = t[0];
        t2[t.length + 1] = t[1];
        t2[t.length + 2] = nv;
        t2[t.length + 3] = t[3];
        t2[t.length + 4] = t[3];
        t2[t.length + 5] = nv;
        return new Mesh(v, t2);
    }

    @Test
    void twinsAndCountsMatchBruteForce() {
        Mesh sphere = MeshGenerators.sphere(10, 40, 60);
        List<Mesh> meshes = List.of(sphere, MeshDamage.punchHoles(sphere, 20), MeshDamage.flipFacets(sphere, 50),
                MeshDamage.duplicateFacets(sphere, 30), MeshDamage.degenerateFacets(sphere, 30), nonManifold(),
                MeshDamage.combine(MeshDamage.flipFacets(sphere, 7), MeshGenerators.torus(20, 4, 30, 12)));
        for (Mesh m : meshes) {
            int[] want = referenceTwins(m);
            MeshTopology topo = MeshTopology.of(m);
            assertThat(topo.twins()).isEqualTo(want);
            int[] t = m.triangles();
            Map<Long, List<Integer>> byEdge = byEdge(m);
            int open = 0;
            int nonManifold = 0;
            int inconsistent = 0;
            for (List<Integer> on : byEdge.values()) {
                if (on.size() == 1) {
                    open++;
                } else if (on.size() > 2) {
                    nonManifold++;
                } else if (t[on.get(0)] == t[on.get(1)]) {
                    inconsistent++;
                }
            }
            assertThat(topo.openEdges()).isEqualTo(open);
            assertThat(topo.nonManifoldEdges()).isEqualTo(nonManifold);
            assertThat(topo.inconsistentEdges()).isEqualTo(inconsistent);
            assertThat(topo.edgeCount()).isEqualTo(byEdge.size());
        }
        assertThat(MeshTopology.of(nonManifold()).nonManifoldEdges()).isPositive();
        assertThat(MeshTopology.of(MeshDamage.flipFacets(sphere, 1)).inconsistentEdges()).isEqualTo(3);
    }

    @Test
    void shellsAreNumberedInOrderOfTheirFirstFacet() {
        Mesh two = MeshDamage.combine(MeshGenerators.box(1, 1, 1),
                MeshDamage.translate(MeshGenerators.sphere(1, 8, 12), 10, 0, 0));
        int[] shells = MeshTopology.of(two).shellOfFacet();
        assertThat(shells[0]).isZero();
        assertThat(shells[shells.length - 1]).isEqualTo(1);
        assertThat(MeshTopology.count(shells)).isEqualTo(2);
    }
}
