package org.stllisting.mesh.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.repair.MeshRepairer;
import org.stllisting.mesh.repair.RepairResult;

class SampleModelsTest {

    @Test
    void everyGoodSampleIsClosedManifoldAndOutwardFacing() {
        for (Map.Entry<String, Mesh> e : SampleModels.all().entrySet()) {
            Mesh m = e.getValue();
            // each directed edge exactly once, and its reverse exactly once: closed, 2-manifold, consistently wound
            Map<Long, Integer> directed = new HashMap<>();
            int[] t = m.triangles();
            for (int i = 0; i < t.length; i += 3) {
                for (int k = 0; k < 3; k++) {
                    long key = ((long) t[i + k] << 32) | t[i + (k + 1) % 3];
                    directed.merge(key, 1, Integer::sum);
                }
            }
            assertThat(directed.values()).as(e.getKey() + " directed edges").allMatch(c -> c == 1);
            for (long key : directed.keySet()) {
                long reverse = ((key & 0xffffffffL) << 32) | (key >>> 32);
                assertThat(directed).as(e.getKey() + " edge twin").containsKey(reverse);
            }
            assertThat(MeshAnalyzer.volume(m)).as(e.getKey() + " volume").isPositive();
            assertThat(84 + 50L * m.facetCount()).as(e.getKey() + " file size").isLessThan(300_000);
            float minZ = Float.MAX_VALUE;
            for (int i = 2; i < m.vertices().length; i += 3) {
                minZ = Math.min(minZ, m.vertices()[i]);
            }
            assertThat(minZ).as(e.getKey() + " rests on the bed").isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-3f));
        }
    }

    @Test
    void theNeedsRepairSampleIsRepairedBackToTheBracket() {
        Mesh bracket = SampleModels.wallBracket();
        RepairResult r = MeshRepairer.repair(SampleModels.bracketNeedsRepair());
        assertThat(r.report().holesFilled()).isEqualTo(1);
        assertThat(r.report().facetsReversed()).isEqualTo(2);
        assertThat(r.report().duplicatesRemoved()).isEqualTo(1);
        assertThat(r.report().degenerateRemoved()).isEqualTo(1);
        assertThat(r.report().openEdgesAfter()).isZero();
        assertThat(r.mesh().facetCount()).isEqualTo(bracket.facetCount());
        assertThat(MeshAnalyzer.volume(r.mesh())).isCloseTo(MeshAnalyzer.volume(bracket),
                org.assertj.core.data.Offset.offset(1e-6 * MeshAnalyzer.volume(bracket)));
    }

    @Test
    void brokenSampleIsATruncatedBinaryFile(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("broken.stl");
        SampleModels.writeBroken(f);
        byte[] b = Files.readAllBytes(f);
        int claimed = java.nio.ByteBuffer.wrap(b, 80, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(84 + 50L * claimed).isGreaterThan(b.length);
    }

    @Test
    void shippedSamplesAreExactlyWhatTheGeneratorWrites(@TempDir Path tmp) throws IOException {
        Path shipped = Path.of(System.getProperty("stl.project", "."), "app", "samples");
        Assumptions.assumeTrue(Files.isDirectory(shipped));
        for (Path p : SampleModels.writeAll(tmp)) {
            assertThat(shipped.resolve(p.getFileName())).as(p.getFileName().toString())
                    .hasSameBinaryContentAs(p);
        }
    }
}
