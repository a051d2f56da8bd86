package org.stllisting.mesh.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;

/** Counts in the validation's lines agree with their nouns and verbs: "1 facet stores", "2 facets store". */
class ValidationWordsTest {
    /** A box whose stored normals follow the winding except for the first {@code zero} facets, which store 0. */
    private static Mesh boxWithZeroNormals(int zero) {
        Mesh box = MeshGenerators.box(1, 1, 1);
        float[] v = box.vertices();
        int[] t = box.triangles();
        float[] n = new float[t.length];
        for (int f = zero; f < box.facetCount(); f++) {
            int a = 3 * t[3 * f];
            int b = 3 * t[3 * f + 1];
            int c = 3 * t[3 * f + 2];
            float ux = v[b] - v[a], uy = v[b + 1] - v[a + 1], uz = v[b + 2] - v[a + 2];
            float wx = v[c] - v[a], wy = v[c + 1] - v[a + 1], wz = v[c + 2] - v[a + 2];
            n[3 * f] = uy * wz - uz * wy;
            n[3 * f + 1] = uz * wx - ux * wz;
            n[3 * f + 2] = ux * wy - uy * wx;
        }
        return new Mesh(v, t, n);
    }

    @Test
    void oneFacetWithAZeroNormalIsOneFacet() {
        ValidationReport r = MeshValidator.validate(boxWithZeroNormals(1), ValidationLevel.STANDARD);
        assertThat(r.normalsZero()).isEqualTo(1);
        assertThat(r.warnings()).contains("1 facet stores a zero normal (harmless: slicers recompute normals)")
                .noneMatch(w -> w.startsWith("1 facets"));
    }

    @Test
    void severalFacetsKeepThePlural() {
        ValidationReport r = MeshValidator.validate(boxWithZeroNormals(3), ValidationLevel.STANDARD);
        assertThat(r.warnings()).contains("3 facets store a zero normal (harmless: slicers recompute normals)");
        assertThat(MeshValidator.counted(1, "shell", "shells")).isEqualTo("1 shell");
    }
}
