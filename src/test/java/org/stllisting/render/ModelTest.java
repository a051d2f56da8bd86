package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stllisting.mesh.Corpus;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.SampleModels;
import org.stllisting.mesh.io.StlReader;

class ModelTest {
    /** The shortcut for a vertex on one closed smooth ring must give exactly what the general grouping gives. */
    @Test
    void smoothRingShortcutGivesTheSameNormalsAsTheGeneralPath() throws Exception {
        Map<String, Mesh> meshes = new LinkedHashMap<>(SampleModels.all());
        meshes.put("cube", TestModels.cube());
        meshes.put("cylinder", TestModels.cylinder());
        meshes.put("torus", TestModels.smoothTorus());
        meshes.put("low-poly part", TestModels.lowPolyPart());
        meshes.put("bar", TestModels.bar());
        Mesh torus = TestModels.smoothTorus();
        meshes.put("torus with a hole", withTriangles(torus, drop(torus.triangles(), 40)));
        meshes.put("torus with a flipped facet", withTriangles(torus, flip(torus.triangles(), 17)));
        meshes.put("torus with a duplicated facet", withTriangles(torus, duplicate(torus.triangles(), 5)));
        for (Map.Entry<String, Mesh> e : meshes.entrySet()) {
            assertSameModel(e.getKey(), e.getValue());
        }
    }

    @Test
    void smoothRingShortcutGivesTheSameNormalsOnRealFiles() throws Exception {
        Path dir = Corpus.dir();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(f -> f.getFileName().toString().toLowerCase().endsWith(".stl") && Files.isRegularFile(f))
                    .forEach(files::add);
        }
        int compared = 0;
        for (Path f : files) {
            Mesh mesh;
            try {
                mesh = StlReader.read(f);
            } catch (Exception unreadable) {
                continue;
            }
            if (mesh.facetCount() > 0 && mesh.facetCount() < 3_000_000) {
                assertSameModel(f.getFileName().toString(), mesh);
                compared++;
            }
        }
        assertThat(compared).isPositive();
    }

    private static void assertSameModel(String name, Mesh mesh) throws Exception {
        Parallel par = new Parallel(null, 1);
        Model fast = Model.of(mesh, false, par, true);
        Model general = Model.of(mesh, false, par, false);
        assertThat(java.util.Arrays.mismatch(fast.normal, general.normal)).as(name + ": first differing normal")
                .isEqualTo(-1);
        assertThat(java.util.Arrays.equals(fast.cornerRow, general.cornerRow)).as(name + ": corner rows").isTrue();
        assertThat(fast.cull).as(name + " culling").isEqualTo(general.cull);
        assertThat(fast.allVerticesUsed).as(name).isEqualTo(general.allVerticesUsed);
    }

    private static Mesh withTriangles(Mesh m, int[] tri) {
        return new Mesh(m.vertices(), tri);
    }

    private static int[] drop(int[] t, int facet) {
        int[] out = new int[t.length - 3];
        System.arraycopy(t, 0, out, 0, 3 * facet);
        System.arraycopy(t, 3 * facet + 3, out, 3 * facet, t.length - 3 * facet - 3);
        return out;
    }

    private static int[] flip(int[] t, int facet) {
        int[] out = t.clone();
        out[3 * facet + 1] = t[3 * facet + 2];
        out[3 * facet + 2] = t[3 * facet + 1];
        return out;
    }

    private static int[] duplicate(int[] t, int facet) {
        int[] out = java.util.Arrays.copyOf(t, t.length + 3);
        System.arraycopy(t, 3 * facet, out, t.length, 3);
        return out;
    }

    @Test
    void facetsOnBothSidesOfASmoothEdgeAgreeOnItsNormals() throws Exception {
        // a twisted 12-sided tube: neighbouring sides meet at a little over 30°, the triangles of one quad at a
        // few degrees; a per-facet-pair decision used to give the two triangles different normals (stripes)
        Mesh knot = SampleModels.torusKnot();
        try (RenderService rs = new RenderService(2)) {
            Model m = Model.of(knot, false, rs.parallel());
            int[] t = m.tri;
            Map<Long, Integer> firstUse = new HashMap<>();
            int shared = 0;
            for (int f = 0; f < m.facets; f++) {
                for (int k = 0; k < 3; k++) {
                    int a = t[3 * f + k];
                    int b = t[3 * f + (k + 1) % 3];
                    long key = (long) Math.min(a, b) << 32 | Math.max(a, b);
                    Integer g = firstUse.putIfAbsent(key, f);
                    if (g == null) {
                        continue;
                    }
                    shared++;
                    for (int v : new int[] {a, b}) {
                        assertThat(normalAt(m, f, v)).as("normal at vertex %d of facets %d and %d", v, f, g)
                                .containsExactly(normalAt(m, g, v));
                    }
                }
            }
            assertThat(shared).isEqualTo(3 * m.facets / 2);
            assertThat(m.cull).isEqualTo(1);
        }
    }

    @Test
    void creasesStayCrispAndFlatFacesStayFlat() throws Exception {
        // an octagonal prism on a box: 45° and 90° edges everywhere, so every corner keeps its facet's normal
        Mesh part = TestModels.lowPolyPart();
        try (RenderService rs = new RenderService(1)) {
            Model m = Model.of(part, false, rs.parallel());
            float[] p = m.pos;
            for (int f = 0; f < m.facets; f++) {
                int a = 3 * m.tri[3 * f], b = 3 * m.tri[3 * f + 1], c = 3 * m.tri[3 * f + 2];
                double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
                double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
                double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
                double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                for (int k = 0; k < 3; k++) {
                    int o = 3 * m.row(f, k);
                    double d = (m.normal[o] * nx + m.normal[o + 1] * ny + m.normal[o + 2] * nz) / len;
                    assertThat(d).as("corner %d of facet %d", k, f).isGreaterThan(0.99999);
                }
            }
        }
    }

    @Test
    void smoothSurfaceGetsOneNormalPerVertexWhateverTheThreadCount() throws Exception {
        Mesh torus = TestModels.smoothTorus();
        float[] one;
        try (RenderService rs = new RenderService(1)) {
            one = Model.of(torus, false, rs.parallel()).normal;
        }
        try (RenderService rs = new RenderService(3)) {
            Model m = Model.of(torus, false, rs.parallel());
            assertThat(m.normal).isEqualTo(one);
            assertThat(m.cornerRow).as("no corner needs a row of its own").isNull();
            float[][] byVertex = new float[torus.vertexCount()][];
            for (int f = 0; f < m.facets; f++) {
                for (int k = 0; k < 3; k++) {
                    float[] n = normalAt(m, f, m.tri[3 * f + k]);
                    float[] seen = byVertex[m.tri[3 * f + k]];
                    if (seen == null) {
                        byVertex[m.tri[3 * f + k]] = n;
                    } else {
                        assertThat(n).containsExactly(seen);
                    }
                }
            }
        }
    }

    private static float[] normalAt(Model m, int f, int v) {
        for (int k = 0; k < 3; k++) {
            if (m.tri[3 * f + k] == v) {
                int o = 3 * m.row(f, k);
                return new float[] {m.normal[o], m.normal[o + 1], m.normal[o + 2]};
            }
        }
        throw new AssertionError("facet " + f + " has no vertex " + v);
    }
}
