package org.stllisting.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VertexMergeTest {
    /** Corner keys (x, y, z bits) with repeats near and far apart, from a small pool of coordinates. */
    private static int[] corners(int count, int pool, long seed) {
        Random r = new Random(seed);
        int[] keys = new int[3 * pool];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Float.floatToIntBits(r.nextInt(7) - 3 + r.nextInt(4) * 0.25f);
        }
        int[] c = new int[3 * count];
        for (int i = 0; i < count; i++) {
            // mostly recent vertices (as in STL files), sometimes any vertex of the pool
            int v = r.nextInt(10) < 7 ? Math.min(pool - 1, i / 3 + r.nextInt(4)) : r.nextInt(pool);
            System.arraycopy(keys, 3 * v, c, 3 * i, 3);
        }
        return c;
    }

    /** Vertices in order of first corner, and each corner's vertex: the numbering a single table gives. */
    private static Object[] reference(int[] c) {
        Map<List<Integer>, Integer> index = new LinkedHashMap<>();
        int n = c.length / 3;
        int[] tri = new int[n];
        for (int i = 0; i < n; i++) {
            List<Integer> key = List.of(c[3 * i], c[3 * i + 1], c[3 * i + 2]);
            tri[i] = index.computeIfAbsent(key, k -> index.size());
        }
        float[] v = new float[3 * index.size()];
        int k = 0;
        for (List<Integer> key : index.keySet()) {
            for (int d = 0; d < 3; d++) {
                v[k++] = Float.intBitsToFloat(key.get(d));
            }
        }
        return new Object[] {v, tri};
    }

    private static Object[] merge(int[] c, int parts, int recentBits, int partitionBits) {
        int n = c.length / 3;
        VertexMerge.Corners[] cs = new VertexMerge.Corners[parts];
        int[] bounds = new int[parts + 1];
        int[] tri = new int[n];
        for (int p = 0; p < parts; p++) {
            bounds[p] = n * p / parts;
            bounds[p + 1] = n * (p + 1) / parts;
            cs[p] = new VertexMerge.Corners(4, recentBits);
            for (int i = bounds[p]; i < bounds[p + 1]; i++) {
                tri[i] = cs[p].add(c[3 * i], c[3 * i + 1], c[3 * i + 2]);
            }
        }
        float[] v = VertexMerge.merge(cs, tri, bounds, partitionBits);
        return new Object[] {v, tri};
    }

    @Test
    void mergeNumbersVerticesLikeOneTableForAnyPartsCacheAndPartitions() {
        int[] c = corners(30_000, 4_000, 7);
        Object[] want = reference(c);
        for (int parts : new int[] {1, 2, 3}) {
            for (int recentBits : new int[] {1, 4, 15}) {
                for (int partitionBits : new int[] {-1, 0, 3, 9}) {
                    Object[] got = merge(c, parts, recentBits, partitionBits);
                    assertThat((float[]) got[0]).as("vertices, %d parts", parts).isEqualTo((float[]) want[0]);
                    assertThat((int[]) got[1]).as("corners, %d parts", parts).isEqualTo((int[]) want[1]);
                }
            }
        }
    }

    @Test
    void distinctCoordinatesWithTheSameHashStayDistinct() {
        // find pairs of different keys whose 32-bit hashes are equal (fixed seed: the search is deterministic)
        Random r = new Random(42);
        Map<Integer, int[]> seen = new HashMap<>();
        List<int[]> colliding = new ArrayList<>();
        while (colliding.size() < 6) {
            int[] k = {Float.floatToIntBits(r.nextFloat() * 100), Float.floatToIntBits(r.nextFloat() * 100),
                Float.floatToIntBits(r.nextFloat() * 100)};
            int[] prev = seen.putIfAbsent(VertexMerge.hash(k[0], k[1], k[2]), k);
            if (prev != null && !Arrays.equals(prev, k)) {
                colliding.add(prev);
                colliding.add(k);
            }
        }
        int[] c = new int[3 * 4 * colliding.size()];
        int i = 0;
        for (int round = 0; round < 4; round++) {
            for (int[] k : colliding) {
                System.arraycopy(k, 0, c, 3 * i++, 3);
            }
        }
        Object[] want = reference(c);
        assertThat(((float[]) want[0]).length).isEqualTo(3 * colliding.size());
        for (int parts : new int[] {1, 2}) {
            for (int partitionBits : new int[] {-1, 0, 5}) {
                Object[] got = merge(c, parts, 3, partitionBits);
                assertThat((float[]) got[0]).isEqualTo((float[]) want[0]);
                assertThat((int[]) got[1]).isEqualTo((int[]) want[1]);
            }
        }
    }

    @Test
    void emptyPartsAndNoCornersAreFine() {
        VertexMerge.Corners[] cs = {new VertexMerge.Corners(0), new VertexMerge.Corners(0)};
        assertThat(VertexMerge.merge(cs, new int[0], new int[] {0, 0, 0})).isEmpty();
        VertexMerge.Corners one = new VertexMerge.Corners(0);
        int[] tri = {one.add(1, 2, 3), one.add(1, 2, 3), one.add(4, 5, 6)};
        VertexMerge.Corners[] two = {new VertexMerge.Corners(0), one};
        assertThat(VertexMerge.merge(two, tri, new int[] {0, 0, 3})).hasSize(6);
        assertThat(tri).containsExactly(0, 0, 1);
    }
}
