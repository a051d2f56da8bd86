package org.stllisting.mesh.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.mesh.io.StlWriter;

class MeshAnalyzerTest {
    @TempDir
    Path dir;

    @Test
    void boxMeasuresAreExact() {
        MeshAnalysis a = MeshAnalyzer.analyze(MeshGenerators.box(10, 20, 30), MeshAnalysis.PLA_DENSITY);
        assertThat(a.facets()).isEqualTo(12);
        assertThat(a.vertices()).isEqualTo(8);
        assertThat(a.volumeMm3()).isEqualTo(6000.0);
        assertThat(a.areaMm2()).isEqualTo(2200.0);
        assertThat(a.sizeMm()).containsExactly(10, 20, 30);
        assertThat(a.sizeIn()).containsExactly(new double[] {10 / 25.4, 20 / 25.4, 30 / 25.4}, within(1e-12));
        assertThat(a.bboxMin()).containsExactly(0, 0, 0);
        assertThat(a.centerOfMass()).containsExactly(new double[] {5, 10, 15}, within(1e-12));
        assertThat(a.materialGrams()).isCloseTo(6.0 * 1.24, within(1e-12));
        assertThat(a.watertight()).isTrue();
        assertThat(a.shells()).isEqualTo(1);
    }

    @Test
    void surfaceOfOnlyZeroAreaFacetsIsNotWatertight() {
        float[] v = {0, 0, 0, 1, 0, 0, 2, 0, 0, 5, 5, 5};
        // every facet's edges are paired, so no edge is open, yet nothing is enclosed: one point (corner 3
        // three times), a repeated corner, and a collinear facet with its reverse
        Mesh m = new Mesh(v, new int[] {3, 3, 3, 0, 0, 1, 0, 1, 2, 2, 1, 0});
        MeshAnalysis a = MeshAnalyzer.analyze(m, MeshAnalysis.PLA_DENSITY);
        assertThat(a.watertight()).isFalse();
        assertThat(MeshAnalyzer.analyze(new Mesh(v, new int[] {3, 3, 3}), MeshAnalysis.PLA_DENSITY).watertight())
                .isFalse();
    }

    @Test
    void densityIsConfigurable() {
        MeshAnalysis resin = MeshAnalyzer.analyze(MeshGenerators.box(10, 10, 10), 1.1);
        assertThat(resin.materialGrams()).isCloseTo(1.1, within(1e-12));
        assertThat(resin.density()).isEqualTo(1.1);
    }

    @Test
    void openMeshIsNotWatertightAndTwoPartsAreTwoShells() {
        Mesh sphere = MeshGenerators.sphere(5, 16, 32);
        assertThat(MeshAnalyzer.analyze(MeshDamage.punchHoles(sphere, 1), 1.24).watertight()).isFalse();
        Mesh two = MeshDamage.combine(sphere, MeshDamage.translate(sphere, 30, 0, 0));
        MeshAnalysis a = MeshAnalyzer.analyze(two, 1.24);
        assertThat(a.shells()).isEqualTo(2);
        assertThat(a.volumeMm3()).isCloseTo(2 * MeshAnalyzer.volume(sphere), within(1e-4)); // float translation rounds
        assertThat(a.centerOfMass()[0]).isCloseTo(15, within(1e-5));
    }

    @Test
    void torusVolumeApproachesTheAnalyticValue() {
        MeshAnalysis a = MeshAnalyzer.analyze(MeshGenerators.torus(20, 5, 256, 128), 1.24);
        double exact = 2 * Math.PI * Math.PI * 20 * 25;
        assertThat(a.volumeMm3()).isCloseTo(exact, within(exact * 1e-3));
        assertThat(a.areaMm2()).isCloseTo(4 * Math.PI * Math.PI * 20 * 5, within(4 * Math.PI * Math.PI * 100 * 1e-3));
    }

    /**
     * The big one: a 5,000,000-facet sphere written as binary STL and read back reports the volume that exact
     * arithmetic gives, to 1e-9 relative, where single-precision summation (admesh) drifts.
     */
    @Test
    void fiveMillionFacetSphereVolumeIsExactToOneBillionth() throws Exception {
        Mesh sphere = MeshGenerators.sphere(50, 1251, 2000);
        assertThat(sphere.facetCount()).isEqualTo(5_000_000);
        Path f = dir.resolve("sphere5m.stl");
        StlWriter.writeBinary(sphere, f);
        sphere = null;
        Mesh read = StlReader.read(f);
        Files.delete(f);
        assertThat(read.facetCount()).isEqualTo(5_000_000);
        double reference = exactVolume(read);
        MeshAnalysis a = MeshAnalyzer.analyze(read, 1.24);
        assertThat(a.watertight()).isTrue();
        assertThat(a.volumeMm3()).isCloseTo(reference, within(reference * 1e-9));
        assertThat(reference).isCloseTo(4.0 / 3 * Math.PI * 125000, within(4.0 / 3 * Math.PI * 125000 * 1e-5));
        // what a float accumulator makes of the same facets
        assertThat(Math.abs(floatVolume(read) - reference) / reference).isGreaterThan(1e-6);
    }

    /**
     * Signed volume in double-double arithmetic: a product of two floats is exact in a double, and its product
     * with a third float is exact as a double-double (via fma), so each term is exact and only the sum rounds,
     * at about 1e-32 relative.
     */
    static double exactVolume(Mesh m) {
        float[] v = m.vertices();
        int[] t = m.triangles();
        double hi = 0;
        double lo = 0;
        for (int i = 0; i < t.length; i += 3) {
            int a = 3 * t[i];
            int b = 3 * t[i + 1];
            int c = 3 * t[i + 2];
            double[][] terms = {
                {v[a], v[b + 1], v[c + 2], 1}, {v[a], v[b + 2], v[c + 1], -1},
                {v[a + 1], v[b], v[c + 2], -1}, {v[a + 1], v[b + 2], v[c], 1},
                {v[a + 2], v[b], v[c + 1], 1}, {v[a + 2], v[b + 1], v[c], -1},
            };
            for (double[] term : terms) {
                double ab = term[0] * term[1]; // exact: 24 + 24 bits
                double p = ab * term[2];
                double e = Math.fma(ab, term[2], -p);
                double[] s = twoSum(hi, term[3] * p);
                hi = s[0];
                lo += s[1] + term[3] * e;
            }
            double[] s = twoSum(hi, lo);
            hi = s[0];
            lo = s[1];
        }
        return (hi + lo) / 6.0;
    }

    private static double[] twoSum(double a, double b) {
        double s = a + b;
        double bb = s - a;
        double err = (a - (s - bb)) + (b - bb);
        return new double[] {s, err};
    }

    static double floatVolume(Mesh m) {
        float[] v = m.vertices();
        int[] t = m.triangles();
        float sum = 0;
        for (int i = 0; i < t.length; i += 3) {
            int a = 3 * t[i];
            int b = 3 * t[i + 1];
            int c = 3 * t[i + 2];
            float det = v[a] * (v[b + 1] * v[c + 2] - v[b + 2] * v[c + 1])
                    - v[a + 1] * (v[b] * v[c + 2] - v[b + 2] * v[c])
                    + v[a + 2] * (v[b] * v[c + 1] - v[b + 1] * v[c]);
            sum += det / 6f;
        }
        return sum;
    }
}
