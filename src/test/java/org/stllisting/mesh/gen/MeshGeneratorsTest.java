package org.stllisting.mesh.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.stllisting.mesh.analyze.MeshAnalyzer;

class MeshGeneratorsTest {
    @Test
    void boxHasItsVolumeAndFacesOutward() {
        assertThat(MeshAnalyzer.volume(MeshGenerators.box(10, 20, 30))).isCloseTo(6000.0, within(1e-9));
    }

    @Test
    void cylinderApproachesPiRSquaredH() {
        double v = MeshAnalyzer.volume(MeshGenerators.cylinder(10, 20, 512));
        assertThat(v).isCloseTo(Math.PI * 100 * 20, within(Math.PI * 100 * 20 * 1e-3));
    }

    @Test
    void sphereAndTorusFaceOutward() {
        assertThat(MeshAnalyzer.volume(MeshGenerators.sphere(10, 64, 128)))
                .isCloseTo(4.0 / 3 * Math.PI * 1000, within(4.0 / 3 * Math.PI * 1000 * 5e-3));
        assertThat(MeshAnalyzer.volume(MeshGenerators.torus(20, 5, 128, 64)))
                .isCloseTo(2 * Math.PI * Math.PI * 20 * 25, within(2 * Math.PI * Math.PI * 20 * 25 * 5e-3));
        assertThat(MeshGenerators.torus(20, 5, 128, 64).facetCount()).isEqualTo(2 * 128 * 64);
    }
}
