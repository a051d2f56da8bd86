package org.stllisting.mesh.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.stllisting.mesh.Mesh;

class MeshGeneratorsTest {
    /** Signed volume by the divergence theorem; positive means outward-facing facets. */
    static double signedVolume(Mesh m) {
        float[] v = m.vertices();
        int[] t = m.triangles();
        double sum = 0;
        for (int i = 0; i < t.length; i += 3) {
            int a = 3 * t[i];
            int b = 3 * t[i + 1];
            int c = 3 * t[i + 2];
            double ax = v[a], ay = v[a + 1], az = v[a + 2];
            double bx = v[b], by = v[b + 1], bz = v[b + 2];
            double cx = v[c], cy = v[c + 1], cz = v[c + 2];
            sum += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
        }
        return sum / 6.0;
    }

    @Test
    void boxHasItsVolumeAndFacesOutward() {
        assertThat(signedVolume(MeshGenerators.box(10, 20, 30))).isCloseTo(6000.0, within(1e-9));
    }

    @Test
    void cylinderApproachesPiRSquaredH() {
        double v = signedVolume(MeshGenerators.cylinder(10, 20, 512));
        assertThat(v).isCloseTo(Math.PI * 100 * 20, within(Math.PI * 100 * 20 * 1e-3));
    }

    @Test
    void sphereAndTorusFaceOutward() {
        assertThat(signedVolume(MeshGenerators.sphere(10, 64, 128)))
                .isCloseTo(4.0 / 3 * Math.PI * 1000, within(4.0 / 3 * Math.PI * 1000 * 5e-3));
        assertThat(signedVolume(MeshGenerators.torus(20, 5, 128, 64)))
                .isCloseTo(2 * Math.PI * Math.PI * 20 * 25, within(2 * Math.PI * Math.PI * 20 * 25 * 5e-3));
        assertThat(MeshGenerators.torus(20, 5, 128, 64).facetCount()).isEqualTo(2 * 128 * 64);
    }
}
