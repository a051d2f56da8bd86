package org.stllisting.mesh.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stllisting.mesh.Corpus;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshChecks;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.io.StlReader;

/**
 * admesh's golden pairs: {@code <op>-bad.stl} repaired by the matching step must match {@code <op>-good.stl} in
 * facet count, volume (1e-6 relative), open edges and orientation.
 */
class AdmeshGoldenTest {
    static Stream<Arguments> pairs() {
        Path root = Corpus.dir().resolve("admesh/test");
        Stream.Builder<Arguments> b = Stream.builder();
        for (String model : new String[] {"block", "conveyor", "hourglass"}) {
            for (String op : new String[] {"exact", "nearby", "remove-unconnected", "fill-holes",
                "normal-directions"}) {
                if (Files.exists(root.resolve(model).resolve(op + "-bad.stl"))) {
                    b.add(Arguments.of(model, op));
                }
            }
        }
        return b.build();
    }

    static RepairOptions step(String op) {
        RepairOptions none = RepairOptions.minimal();
        return switch (op) {
            // admesh's exact test file has a vertex off by 0.0005: the exact pass alone leaves the crack, its
            // good file is the result after admesh's default (nearby) pass too
            case "exact", "nearby" -> none.withNearby(true);
            case "remove-unconnected" -> none.withRemoveUnconnected(true);
            case "fill-holes" -> none.withFillHoles(true);
            case "normal-directions" -> none.withFixOrientation(true);
            default -> throw new IllegalArgumentException(op);
        };
    }

    /**
     * Where admesh's own output is wrong, the intended model ({@code basic.stl}) is the reference: admesh leaves the
     * cracks of the block's exact/nearby files open, adds its hole-filling facet with the wrong winding, and turns
     * the whole block inside-out in normal-directions. Facet counts always equal admesh's.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pairs")
    void badRepairedByItsStepMatchesGood(String model, String op) throws Exception {
        Path dir = Corpus.dir().resolve("admesh/test").resolve(model);
        Mesh bad = StlReader.read(dir.resolve(op + "-bad.stl"));
        Mesh good = StlReader.read(dir.resolve(op + "-good.stl"));
        Mesh basic = StlReader.read(dir.resolve("basic.stl"));
        RepairResult r = MeshRepairer.repair(bad, step(op));
        Mesh fixed = r.mesh();
        MeshTopology ft = MeshTopology.of(fixed);
        MeshTopology gt = MeshTopology.of(good);
        assertThat(fixed.facetCount()).as("facets").isEqualTo(good.facetCount());
        assertThat(ft.openEdges()).as("open edges").isLessThanOrEqualTo(gt.openEdges());
        assertThat(MeshChecks.orientation(ft).reversed()).as("reversed facets").isZero();
        assertThat(ft.inconsistentEdges()).as("inconsistent edges").isZero();
        double goodVolume = MeshAnalyzer.volume(good);
        boolean goodIsRight = ft.openEdges() == gt.openEdges() && MeshChecks.orientation(gt).reversed() == 0
                && goodVolume > 0;
        double expected = goodIsRight ? goodVolume : MeshAnalyzer.volume(basic);
        assertThat(MeshAnalyzer.volume(fixed)).as("volume").isCloseTo(expected, within(Math.abs(expected) * 1e-6));
        assertThat(r.report().openEdgesAfter()).isEqualTo(ft.openEdges());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void fullRepairOfEveryBadFileGivesTheIntendedModelOrBetter(String model, String op) throws Exception {
        Path dir = Corpus.dir().resolve("admesh/test").resolve(model);
        Mesh bad = StlReader.read(dir.resolve(op + "-bad.stl"));
        RepairResult r = MeshRepairer.repair(bad);
        MeshTopology before = MeshTopology.of(bad);
        MeshTopology after = MeshTopology.of(r.mesh());
        assertThat(after.openEdges()).isLessThanOrEqualTo(before.openEdges());
        assertThat(after.nonManifoldEdges()).isLessThanOrEqualTo(before.nonManifoldEdges());
        assertThat(MeshAnalyzer.volume(r.mesh())).isPositive();
        assertThat(MeshChecks.orientation(after).reversed()).isZero();
    }

    static Stream<Arguments> models() {
        return pairs();
    }
}
