package org.stllisting.mesh.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshChecks;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshDamage.Sliver;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.mesh.validate.MeshValidator;
import org.stllisting.mesh.validate.ValidationLevel;
import org.stllisting.mesh.validate.ValidationReport;

/**
 * Zero-area facets the way exported files carry them: repeated corners, and corners computed in float on an edge
 * (midpoints, third points), which lie on the edge's line only up to float rounding. Validation finds every one
 * and repair removes them so that the surface they were inserted into is closed again, with its volume.
 */
class SliverRepairTest {
    @TempDir
    Path dir;

    /** Damages a closed sphere, writes and reads it as binary STL, repairs it and checks the result. */
    private RepairResult damageAndRepair(Mesh sphere, double volumeTolerance, int slivers, Sliver... kinds)
            throws Exception {
        Mesh damaged = MeshDamage.slivers(sphere, slivers, kinds);
        Path f = dir.resolve("slivers.stl");
        StlWriter.writeBinary(damaged, f);
        Mesh read = StlReader.read(f);
        int zeroArea = 0;
        for (int i = 0; i < slivers; i++) {
            Sliver k = kinds[i % kinds.length];
            zeroArea += k == Sliver.SPLIT_CORNER || k == Sliver.THIRDS_CHAIN || k == Sliver.OVER_EDGE_TWICE ? 2 : 1;
        }
        ValidationReport before = MeshValidator.validate(read, ValidationLevel.STANDARD);
        assertThat(before.degenerateFacets()).as("zero-area facets found").isEqualTo(zeroArea);

        RepairResult r = MeshRepairer.repair(read);
        MeshTopology topo = MeshTopology.of(r.mesh());
        assertThat(r.report().warnings()).isEmpty();
        assertThat(topo.openEdges()).as("open edges").isZero();
        assertThat(topo.nonManifoldEdges()).as("non-manifold edges").isZero();
        assertThat(r.report().watertight()).isTrue();
        assertThat(MeshChecks.countDegenerate(r.mesh())).as("zero-area facets left").isZero();
        double v = MeshAnalyzer.volume(sphere);
        assertThat(r.report().volumeMm3()).isCloseTo(v, within(v * volumeTolerance));
        assertThat(MeshValidator.validate(r.mesh(), ValidationLevel.STANDARD).passed()).isTrue();
        return r;
    }

    @Test
    void repeatedCornersAndFloatMidpointSliversAreRemovedAndTheSphereClosesAgain() throws Exception {
        // 1,000,000 facets, 10,000 slivers: half repeat a corner, half have a corner at the float midpoint of an
        // edge, laid over the edge (its facets already close it) or closing a facet split at that midpoint
        // (5 to 12 s on two busy cores)
        Mesh sphere = MeshGenerators.sphere(25, 501, 1000);
        RepairResult r = damageAndRepair(sphere, 1e-9, 10_000, Sliver.REPEATED_CORNER, Sliver.OVER_EDGE,
                Sliver.REPEATED_CORNER, Sliver.IN_SPLIT_EDGE);
        assertThat(r.report().degenerateRemoved()).isEqualTo(10_000);
        // each split facet's neighbour is split at the same midpoint: two more facets per T-junction
        assertThat(r.mesh().facetCount()).isEqualTo(sphere.facetCount() + 2 * 2500);
    }

    @ParameterizedTest
    @EnumSource(value = Sliver.class, names = {"THIRDS_CHAIN", "ON_BOUNDARY", "SPLIT_CORNER", "OVER_EDGE",
        "OVER_EDGE_TWICE", "IN_SPLIT_EDGE"})
    void eachKindOfSliverIsRemovedAndTheSurfaceCloses(Sliver kind) throws Exception {
        damageAndRepair(MeshGenerators.sphere(25, 61, 120), 1e-9, 200, kind);
    }

    @Test
    void everyKindMixedOnATorus() throws Exception {
        damageAndRepair(MeshGenerators.torus(30, 8, 200, 100), 1e-9, 700, Sliver.values());
    }

    @Test
    void sliversFarFromTheOriginAreFoundAtTheCoarserFloatSpacing() throws Exception {
        // at 5 m from the origin a float step is 0.5 µm: the midpoints lie up to that far off their edges, and a
        // neighbour split at one moves its surface by as much (2e-9 of this sphere's volume for 100 splits)
        Mesh far = MeshDamage.translate(MeshGenerators.sphere(25, 61, 120), 5000, 0, 0);
        damageAndRepair(far, 1e-8, 200, Sliver.IN_SPLIT_EDGE, Sliver.OVER_EDGE);
    }
}
