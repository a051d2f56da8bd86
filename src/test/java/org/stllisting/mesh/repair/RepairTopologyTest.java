package org.stllisting.mesh.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.Parallel;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.mesh.validate.MeshValidator;
import org.stllisting.mesh.validate.ValidationLevel;
import org.stllisting.mesh.validate.ValidationReport;

/**
 * The repair keeps its edge topology up to date through its edits instead of matching every edge again, and hands
 * the final one to validation. Whatever the damage, that topology must be exactly the one built from scratch, and
 * validating with it must give exactly the report a fresh read of the written file gives.
 */
class RepairTopologyTest {
    /** Large enough that the edits and the writer split their work across threads. */
    private static final Mesh SPHERE = MeshGenerators.sphere(50, 170, 600);
    private static final double V = MeshAnalyzer.volume(SPHERE);

    static Stream<Arguments> broken() {
        int k = SPHERE.facetCount() / 100;
        return Stream.of(
                Arguments.of("holes", MeshDamage.punchHoles(SPHERE, k / 10)),
                Arguments.of("flipped", MeshDamage.flipFacets(SPHERE, k)),
                Arguments.of("duplicated", MeshDamage.duplicateFacets(SPHERE, k)),
                Arguments.of("degenerate", MeshDamage.degenerateFacets(SPHERE, k)),
                Arguments.of("inside out", MeshDamage.insideOut(SPHERE)),
                Arguments.of("all at once", MeshDamage.degenerateFacets(MeshDamage.duplicateFacets(
                        MeshDamage.flipFacets(MeshDamage.punchHoles(SPHERE, k / 10), k), k), k)),
                Arguments.of("holes and a stray facet", MeshDamage.combine(MeshDamage.punchHoles(SPHERE, 50),
                        new Mesh(new float[] {200, 0, 0, 201, 0, 0, 200, 1, 0}, new int[] {0, 1, 2}))),
                Arguments.of("clean", SPHERE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void keptTopologyEqualsAFreshOneAndValidatesLikeTheWrittenFile(String name, Mesh broken, @TempDir Path dir)
            throws Exception {
        assertThat(SPHERE.facetCount()).isGreaterThan(Parallel.MIN_ITEMS);
        RepairResult r = MeshRepairer.repair(broken);
        MeshTopology kept = r.topology();
        assertThat(kept.mesh()).isSameAs(r.mesh());
        // a new Mesh object is never in the topology cache: this one is matched from scratch
        MeshTopology fresh = MeshTopology.of(new Mesh(r.mesh().vertices(), r.mesh().triangles()));
        assertThat(kept.twins()).isEqualTo(fresh.twins());
        assertThat(kept.openEdges()).isEqualTo(fresh.openEdges()).isZero();
        assertThat(kept.nonManifoldEdges()).isEqualTo(fresh.nonManifoldEdges()).isZero();
        assertThat(kept.inconsistentEdges()).isEqualTo(fresh.inconsistentEdges()).isZero();
        assertThat(kept.edgeCount()).isEqualTo(fresh.edgeCount());
        assertThat(kept.shellOfFacet()).isEqualTo(fresh.shellOfFacet());
        assertThat(r.report().shells()).isEqualTo(fresh.shellCount());
        assertThat(r.report().volumeMm3()).isCloseTo(V, within(V * 1e-9));

        ValidationReport reused = MeshValidator.validate(kept, ValidationLevel.STANDARD);
        Path out = dir.resolve("repaired.stl");
        StlWriter.writeBinary(r.mesh(), out);
        Mesh back = StlReader.read(out);
        ValidationReport readBack = MeshValidator.validate(back, ValidationLevel.STANDARD);
        assertThat(reused).isEqualTo(readBack);
        assertThat(reused.passed()).as(reused.warnings().toString()).isTrue();
        // the reader merges exactly-equal vertices, which lets a repair of what it read skip the exact merge
        assertThat(MeshRepairer.hasRepeatedPosition(back.vertices())).isFalse();
        assertThat(MeshRepairer.hasRepeatedPosition(broken.vertices())).isFalse();
        RepairResult trusted = MeshRepairer.repair(broken, RepairOptions.defaults().withVerticesMerged(true));
        assertThat(trusted.report()).isEqualTo(r.report());
        assertThat(trusted.mesh().triangles()).isEqualTo(r.mesh().triangles());
    }

    @Test
    void unmergedCornersAreMergedExactlyFirst() {
        // a triangle soup: every facet has its own three vertices, as a naive exporter writes them
        float[] v = SPHERE.vertices();
        int[] t = SPHERE.triangles();
        float[] sv = new float[3 * t.length];
        int[] st = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            System.arraycopy(v, 3 * t[i], sv, 3 * i, 3);
            st[i] = i;
        }
        assertThat(MeshRepairer.hasRepeatedPosition(sv)).isTrue();
        assertThat(MeshRepairer.hasRepeatedPosition(v)).isFalse();
        RepairResult r = MeshRepairer.repair(MeshDamage.flipFacets(new Mesh(sv, st), 40));
        assertThat(r.report().verticesMerged()).isEqualTo(t.length - SPHERE.vertexCount());
        assertThat(r.report().facetsReversed()).isEqualTo(40);
        assertThat(r.mesh().vertexCount()).isEqualTo(SPHERE.vertexCount());
        assertThat(r.report().watertight()).isTrue();
        assertThat(r.report().volumeMm3()).isCloseTo(V, within(V * 1e-9));
    }

    @Test
    void negativeZeroIsTheSamePositionAsZero() {
        assertThat(MeshRepairer.hasRepeatedPosition(new float[] {0f, 1, 2, -0f, 1, 2})).isTrue();
        assertThat(MeshRepairer.hasRepeatedPosition(new float[] {0f, 1, 2, 0f, 1, 3})).isFalse();
    }
}
