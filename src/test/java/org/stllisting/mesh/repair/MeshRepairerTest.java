package org.stllisting.mesh.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.validate.MeshValidator;
import org.stllisting.mesh.validate.ValidationLevel;
import org.stllisting.mesh.validate.ValidationReport;

class MeshRepairerTest {
    private static final Mesh SPHERE = MeshGenerators.sphere(10, 48, 96);
    private static final double V = MeshAnalyzer.volume(SPHERE);

    private static void assertClean(RepairResult r, double volume) {
        ValidationReport v = MeshValidator.validate(r.mesh(), ValidationLevel.STRICT);
        assertThat(v.passed()).as(v.warnings().toString()).isTrue();
        assertThat(r.report().watertight()).isTrue();
        assertThat(r.report().volumeMm3()).isCloseTo(volume, within(Math.abs(volume) * 1e-9));
    }

    @Test
    void inputIsNeverModified() {
        Mesh broken = MeshDamage.flipFacets(MeshDamage.punchHoles(SPHERE, 10), 10);
        float[] v = broken.vertices().clone();
        int[] t = broken.triangles().clone();
        MeshRepairer.repair(broken);
        assertThat(broken.vertices()).isEqualTo(v);
        assertThat(broken.triangles()).isEqualTo(t);
    }

    @Test
    void triangularHolesAreFilledWithOneFacetEach() {
        RepairResult r = MeshRepairer.repair(MeshDamage.punchHoles(SPHERE, 25));
        assertThat(r.report().facetsAdded()).isEqualTo(25);
        assertThat(r.report().holesFilled()).isEqualTo(25);
        assertThat(r.mesh().facetCount()).isEqualTo(SPHERE.facetCount());
        assertClean(r, V);
    }

    @Test
    void largeIrregularHoleIsClosedWithoutNonManifoldEdges() {
        // remove a whole band of the sphere's facets: one big non-planar loop on each side
        Mesh m = SPHERE;
        int[] t = m.triangles();
        int nf = m.facetCount();
        java.util.List<Integer> keep = new java.util.ArrayList<>();
        float[] v = m.vertices();
        for (int f = 0; f < nf; f++) {
            float z = (v[3 * t[3 * f] + 2] + v[3 * t[3 * f + 1] + 2] + v[3 * t[3 * f + 2] + 2]) / 3;
            float x = (v[3 * t[3 * f]] + v[3 * t[3 * f + 1]] + v[3 * t[3 * f + 2]]) / 3;
            if (!(z > 12 && x > 2)) {
                keep.add(f);
            }
        }
        int[] nt = new int[keep.size() * 3];
        for (int i = 0; i < keep.size(); i++) {
            System.arraycopy(t, 3 * keep.get(i), nt, 3 * i, 3);
        }
        Mesh holed = new Mesh(v, nt);
        assertThat(MeshTopology.of(holed).openEdges()).isGreaterThan(50);
        RepairResult r = MeshRepairer.repair(holed);
        MeshTopology after = MeshTopology.of(r.mesh());
        assertThat(after.openEdges()).isZero();
        assertThat(after.nonManifoldEdges()).isZero();
        assertThat(r.report().holesFilled()).isEqualTo(1);
        // a flat patch over a spherical cap: a bit less volume, but outward and closed
        assertThat(r.report().volumeMm3()).isBetween(0.8 * V, V);
    }

    @Test
    void flippedFacetsAreReversedBackAndVolumeIsExact() {
        RepairResult r = MeshRepairer.repair(MeshDamage.flipFacets(SPHERE, 33));
        assertThat(r.report().facetsReversed()).isEqualTo(33);
        assertThat(r.report().facetsAdded()).isZero();
        assertClean(r, V);
    }

    @Test
    void insideOutShellIsTurnedOutward() {
        RepairResult r = MeshRepairer.repair(MeshDamage.insideOut(SPHERE));
        assertThat(r.report().facetsReversed()).isEqualTo(SPHERE.facetCount());
        assertClean(r, V);
    }

    @Test
    void cavityInsideASolidKeepsFacingInward() {
        Mesh outer = MeshGenerators.box(30, 30, 30);
        Mesh cavity = MeshDamage.insideOut(MeshDamage.translate(MeshGenerators.box(10, 10, 10), 10, 10, 10));
        RepairResult r = MeshRepairer.repair(MeshDamage.combine(outer, cavity));
        assertThat(r.report().facetsReversed()).isZero();
        assertThat(r.report().volumeMm3()).isCloseTo(27000 - 1000, within(1e-6));
    }

    @Test
    void duplicatesAreRemovedBeforeOrientationIsDecided() {
        // a duplicate with flipped winding must not make its neighbours look flipped
        Mesh dup = MeshDamage.duplicateFacets(SPHERE, 12);
        Mesh dupFlipped = new Mesh(dup.vertices(), flipTail(dup.triangles(), 12));
        RepairResult r = MeshRepairer.repair(dupFlipped);
        assertThat(r.report().duplicatesRemoved()).isEqualTo(12);
        assertThat(r.report().facetsReversed()).isZero();
        assertThat(r.mesh().facetCount()).isEqualTo(SPHERE.facetCount());
        assertClean(r, V);
    }

    @Test
    void degenerateFacetsAreRemoved() {
        RepairResult r = MeshRepairer.repair(MeshDamage.degenerateFacets(SPHERE, 20));
        assertThat(r.report().degenerateRemoved()).isEqualTo(20);
        assertThat(r.mesh().facetCount()).isEqualTo(SPHERE.facetCount());
        assertClean(r, V);
    }

    @Test
    void collinearSliverIsAbsorbedBySplittingItsNeighbour() {
        // a box whose bottom edge (0,0,0)-(10,0,0) carries a midpoint vertex used by a zero-area sliver
        float[] v = {0, 0, 0, 10, 0, 0, 10, 10, 0, 0, 10, 0, 0, 0, 10, 10, 0, 10, 10, 10, 10, 0, 10, 10, 5, 0, 0};
        int[] t = {
            0, 2, 1, 0, 3, 2, // bottom: edge 1-0 is crossed by the midpoint 8
            4, 5, 6, 4, 6, 7,
            0, 8, 4, 8, 1, 5, 8, 5, 4, // front, fanned through the midpoint
            2, 3, 7, 2, 7, 6, 1, 2, 6, 1, 6, 5, 3, 0, 4, 3, 4, 7,
            0, 1, 8, // the sliver closes the T-junction
        };
        Mesh m = new Mesh(v, t);
        assertThat(MeshTopology.of(m).openEdges()).isZero();
        RepairResult r = MeshRepairer.repair(m);
        assertThat(r.report().degenerateRemoved()).isEqualTo(1);
        assertClean(r, 1000);
    }

    @Test
    void nearbyCrackIsMergedShut() {
        Mesh box = MeshGenerators.box(10, 10, 10);
        float[] v = java.util.Arrays.copyOf(box.vertices(), box.vertices().length + 3);
        v[24] = 10.0004f;
        v[25] = 10f;
        v[26] = 10f;
        int[] t = box.triangles().clone();
        t[3 * 3 + 1] = 8; // facet 4,6,7 uses the displaced copy of vertex 6
        Mesh cracked = new Mesh(v, t);
        assertThat(MeshTopology.of(cracked).openEdges()).isEqualTo(4);
        RepairResult r = MeshRepairer.repair(cracked);
        assertThat(r.report().edgesFixed()).isEqualTo(4);
        assertThat(r.report().verticesMerged()).isEqualTo(1);
        assertClean(r, 1000);
    }

    @Test
    void isolatedFacetIsRemovedAndTinyFragmentsOnlyOnRequest() {
        Mesh stray = MeshDamage.combine(SPHERE, new Mesh(new float[] {50, 0, 0, 51, 0, 0, 50, 1, 0},
                new int[] {0, 1, 2}));
        RepairResult r = MeshRepairer.repair(stray);
        assertThat(r.report().unconnectedRemoved()).isEqualTo(1);
        assertClean(r, V);
        Mesh withSmallBox = MeshDamage.combine(SPHERE, MeshDamage.translate(MeshGenerators.box(1, 1, 1), 50, 0, 0));
        assertThat(MeshRepairer.repair(withSmallBox).report().shells()).isEqualTo(2);
        RepairResult dropped = MeshRepairer.repair(withSmallBox, RepairOptions.defaults().withMinShellFacets(20));
        assertThat(dropped.report().shells()).isEqualTo(1);
        assertThat(dropped.report().unconnectedRemoved()).isEqualTo(12);
    }

    @Test
    void cleanMeshComesBackUnchangedInShape() {
        RepairResult r = MeshRepairer.repair(SPHERE);
        assertThat(r.report().facetsRemoved() + r.report().facetsAdded() + r.report().facetsReversed()).isZero();
        assertThat(r.mesh().triangles()).isEqualTo(SPHERE.triangles());
        assertThat(r.mesh().hasStoredNormals()).isTrue();
    }

    @Test
    void everyKindOfDamageAtOnceIsRepaired() {
        Mesh m = MeshDamage.degenerateFacets(MeshDamage.duplicateFacets(
                MeshDamage.flipFacets(MeshDamage.punchHoles(SPHERE, 15), 40), 10), 10);
        RepairResult r = MeshRepairer.repair(m);
        assertClean(r, V);
        assertThat(r.mesh().facetCount()).isEqualTo(SPHERE.facetCount());
    }

    private static int[] flipTail(int[] t, int n) {
        int[] out = t.clone();
        for (int f = t.length / 3 - n; f < t.length / 3; f++) {
            int x = out[3 * f + 1];
            out[3 * f + 1] = out[3 * f + 2];
            out[3 * f + 2] = x;
        }
        return out;
    }
}
