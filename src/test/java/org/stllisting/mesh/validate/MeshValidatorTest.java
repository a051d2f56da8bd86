package org.stllisting.mesh.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;

class MeshValidatorTest {
    private static final Mesh SPHERE = MeshGenerators.sphere(10, 64, 128);

    @Test
    void closedGeneratedMeshesPassEveryLevel() {
        for (Mesh m : new Mesh[] {SPHERE, MeshGenerators.torus(20, 5, 64, 32), MeshGenerators.box(10, 20, 30),
            MeshGenerators.cylinder(5, 10, 48)}) {
            ValidationReport r = MeshValidator.validate(m, ValidationLevel.STRICT);
            assertThat(r.passed()).as(r.warnings().toString()).isTrue();
            assertThat(r.openEdges()).isZero();
            assertThat(r.shells()).isEqualTo(1);
            assertThat(r.selfIntersections()).isZero();
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void punchedHolesAreCountedAsOpenEdgesAndLoops() {
        ValidationReport r = MeshValidator.validate(MeshDamage.punchHoles(SPHERE, 20), ValidationLevel.BASIC);
        assertThat(r.passed()).isFalse();
        assertThat(r.openEdges()).isEqualTo(60);
        assertThat(r.holes()).isEqualTo(20);
        assertThat(r.check("open_edges").passed()).isFalse();
    }

    @Test
    void flippedFacetsAreReversedAgainstTheirNeighbours() {
        ValidationReport r = MeshValidator.validate(MeshDamage.flipFacets(SPHERE, 7), ValidationLevel.STANDARD);
        assertThat(r.reversedFacets()).isEqualTo(7);
        assertThat(r.inconsistentEdges()).isEqualTo(21);
        assertThat(r.check("orientation").passed()).isFalse();
        assertThat(r.passed()).isFalse();
        // orientation is not enforced at basic level
        assertThat(MeshValidator.validate(MeshDamage.flipFacets(SPHERE, 7), ValidationLevel.BASIC).check("orientation")
                .enforced()).isFalse();
    }

    @Test
    void insideOutMeshHasNegativeVolumeButConsistentOrientation() {
        ValidationReport r = MeshValidator.validate(MeshDamage.insideOut(SPHERE), ValidationLevel.BASIC);
        assertThat(r.volumeMm3()).isNegative();
        assertThat(r.reversedFacets()).isZero();
        assertThat(r.check("volume").passed()).isFalse();
    }

    @Test
    void duplicatedFacetsAreCountedAndMakeEdgesNonManifold() {
        ValidationReport r = MeshValidator.validate(MeshDamage.duplicateFacets(SPHERE, 5), ValidationLevel.STANDARD);
        assertThat(r.duplicateFacets()).isEqualTo(5);
        assertThat(r.nonManifoldEdges()).isEqualTo(15);
        assertThat(r.passed()).isFalse();
    }

    @Test
    void degenerateFacetsIncludeCollinearZeroAreaOnes() {
        float[] v = {0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 1};
        int[] t = {0, 1, 2, 0, 1, 3, 1, 1, 4};
        ValidationReport r = MeshValidator.validate(new Mesh(v, t), ValidationLevel.BASIC);
        assertThat(r.degenerateFacets()).isEqualTo(2); // collinear 0-1-3 and repeated 1-1-4
        assertThat(MeshValidator.validate(MeshDamage.degenerateFacets(SPHERE, 9), ValidationLevel.BASIC)
                .degenerateFacets()).isEqualTo(9);
    }

    @Test
    void separatePartsAreShellsAndOnlyAWarning() {
        Mesh two = MeshDamage.combine(MeshGenerators.box(10, 10, 10),
                MeshDamage.translate(MeshGenerators.box(5, 5, 5), 20, 0, 0));
        ValidationReport r = MeshValidator.validate(two, ValidationLevel.STRICT);
        assertThat(r.shells()).isEqualTo(2);
        assertThat(r.passed()).isTrue();
        assertThat(r.warnings()).anyMatch(w -> w.contains("2 separate shells"));
    }

    @Test
    void overlappingPartsSelfIntersectAtStrictLevelOnly() {
        Mesh overlap = MeshDamage.combine(MeshGenerators.box(10, 10, 10),
                MeshDamage.translate(MeshGenerators.box(10, 10, 10), 5, 5, 5));
        ValidationReport strict = MeshValidator.validate(overlap, ValidationLevel.STRICT);
        assertThat(strict.selfIntersections()).isPositive();
        assertThat(strict.passed()).isFalse();
        ValidationReport standard = MeshValidator.validate(overlap, ValidationLevel.STANDARD);
        assertThat(standard.selfIntersections()).isNull();
        assertThat(standard.passed()).isTrue();
    }

    @Test
    void largeMeshesAreCheckedForSelfIntersectionsOnAGrid() {
        Mesh sphere = MeshGenerators.sphere(10, 100, 200); // 39,600 facets
        assertThat(MeshValidator.validate(sphere, ValidationLevel.STRICT).selfIntersections()).isZero();
        Mesh two = MeshDamage.combine(sphere, MeshDamage.translate(sphere, 10, 0, 0));
        ValidationReport r = MeshValidator.validate(two, ValidationLevel.STRICT);
        // the two spheres cross along a circle: only facets near it intersect
        assertThat(r.selfIntersections()).isPositive().isLessThan(two.facetCount() / 10);
    }

    @Test
    void cracksOfUnsharedNearbyVerticesAreFound() {
        // a box whose top-corner is stored twice, 1e-6 mm apart, in different facets
        Mesh box = MeshGenerators.box(10, 10, 10);
        float[] v = java.util.Arrays.copyOf(box.vertices(), box.vertices().length + 3);
        v[24] = 10f;
        v[25] = 10f;
        v[26] = Math.nextUp(10f);
        int[] t = box.triangles().clone();
        for (int i = 0; i < t.length; i += 3) {
            if (t[i] == 6 && i / 3 % 2 == 0) {
                t[i] = 8;
            } else if (t[i + 1] == 6 && i / 3 % 2 == 0) {
                t[i + 1] = 8;
            } else if (t[i + 2] == 6 && i / 3 % 2 == 0) {
                t[i + 2] = 8;
            }
        }
        ValidationReport r = MeshValidator.validate(new Mesh(v, t), ValidationLevel.STRICT);
        assertThat(r.openEdges()).isPositive();
        assertThat(r.nearbyVertices()).isEqualTo(2);
        assertThat(r.check("nearby_vertices").passed()).isFalse();
    }

    @Test
    void likelyUnitMistakesAreWarnedAbout() {
        Mesh metres = MeshDamage.scale(MeshGenerators.box(10, 20, 30), 0.001f);
        assertThat(MeshValidator.validate(metres, ValidationLevel.BASIC).warnings())
                .anyMatch(w -> w.contains("likely exported in metres"));
        Mesh huge = MeshDamage.scale(MeshGenerators.box(10, 20, 30), 1000f);
        assertThat(MeshValidator.validate(huge, ValidationLevel.BASIC).warnings())
                .anyMatch(w -> w.contains("m) across"));
    }

    @Test
    void storedNormalsThatDisagreeAreCounted() {
        Mesh box = MeshGenerators.box(1, 1, 1);
        float[] n = new float[box.triangles().length];
        for (int f = 0; f < box.facetCount(); f++) {
            n[3 * f + 2] = f < 4 ? -1 : 0; // facets 0,1 face -z (right), 2,3 face +z (wrong), rest zero
        }
        ValidationReport r = MeshValidator.validate(new Mesh(box.vertices(), box.triangles(), n),
                ValidationLevel.STRICT);
        assertThat(r.normalsMismatched()).isEqualTo(2);
        assertThat(r.normalsZero()).isEqualTo(8);
        assertThat(r.check("normals").passed()).isFalse();
    }

    @Test
    void emptyMeshFailsTheFacetCount() {
        ValidationReport r = MeshValidator.validate(new Mesh(new float[0], new int[0]), ValidationLevel.BASIC);
        assertThat(r.passed()).isFalse();
        assertThat(r.check("facet_count").passed()).isFalse();
    }
}
