package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshChecks;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Json;

class InspectCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StlListingCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(Mesh m, String name) throws Exception {
        Path f = dir.resolve(name);
        StlWriter.writeBinary(m, f);
        return f;
    }

    @Test
    void jsonHasEveryStableKeyAndPassesForAClosedModel() throws Exception {
        Path f = write(MeshGenerators.box(10, 20, 30), "box.stl");
        Run r = run("--home", dir.resolve("home").toString(), "inspect", f.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode j = r.json();
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsSubsequence("file", "format", "facets", "vertices", "size_mm", "volume_mm3",
                "area_mm2", "shells", "watertight", "open_edges", "holes", "non_manifold_edges", "degenerate_facets",
                "duplicate_facets", "reversed_facets", "normals_mismatched", "passed", "warnings");
        assertThat(keys).doesNotContain("repair");
        assertThat(j.get("format").asText()).isEqualTo("binary");
        assertThat(j.get("facets").asInt()).isEqualTo(12);
        assertThat(j.get("volume_mm3").asDouble()).isEqualTo(6000.0);
        assertThat(j.get("size_mm").get(2).asDouble()).isEqualTo(30.0);
        assertThat(j.get("watertight").asBoolean()).isTrue();
        assertThat(j.get("passed").asBoolean()).isTrue();
        assertThat(j.get("warnings").isArray()).isTrue();
    }

    @Test
    void failedValidationExitsOneAndCountsTheDefects() throws Exception {
        Mesh broken = MeshDamage.flipFacets(MeshDamage.punchHoles(MeshGenerators.sphere(10, 32, 64), 4), 3);
        Path f = write(broken, "broken.stl");
        Run r = run("inspect", f.toString(), "--json", "--level", "basic");
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        JsonNode j = r.json();
        assertThat(j.get("open_edges").asInt()).isEqualTo(12);
        assertThat(j.get("holes").asInt()).isEqualTo(4);
        assertThat(j.get("reversed_facets").asInt()).isEqualTo(3);
        assertThat(j.get("passed").asBoolean()).isFalse();
        assertThat(j.get("warnings").size()).isPositive();
    }

    @Test
    void repairWritesAMeshThatReadsBackWatertightAndOutward() throws Exception {
        Mesh sphere = MeshGenerators.sphere(10, 32, 64);
        Mesh broken = MeshDamage.degenerateFacets(MeshDamage.duplicateFacets(
                MeshDamage.flipFacets(MeshDamage.punchHoles(sphere, 6), 9), 4), 3);
        Path f = write(broken, "broken.stl");
        Path out = dir.resolve("fixed.stl");
        Run r = run("inspect", f.toString(), "--repair", out.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode rep = r.json().get("repair");
        assertThat(rep).isNotNull();
        List<String> keys = new ArrayList<>();
        rep.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsSubsequence("facets_removed", "facets_added", "facets_reversed", "edges_fixed",
                "normals_fixed", "volume_mm3", "watertight");
        assertThat(rep.get("facets_added").asInt()).isEqualTo(6);
        assertThat(rep.get("facets_reversed").asInt()).isEqualTo(9);
        assertThat(rep.get("facets_removed").asInt()).isEqualTo(7);
        assertThat(rep.get("watertight").asBoolean()).isTrue();

        Mesh fixed = StlReader.read(out);
        MeshTopology topo = MeshTopology.of(fixed);
        assertThat(topo.watertight()).isTrue();
        assertThat(MeshChecks.orientation(topo).reversed()).isZero();
        double expected = MeshAnalyzer.volume(sphere);
        assertThat(MeshAnalyzer.volume(fixed)).isPositive().isCloseTo(expected, within(expected * 1e-9));
        assertThat(rep.get("volume_mm3").asDouble()).isCloseTo(expected, within(expected * 1e-9));
        assertThat(Files.list(dir)).noneMatch(p -> p.toString().endsWith(".tmp"));
    }

    @Test
    void unreadableFileExitsTwoWithOneLineNamingIt() throws Exception {
        Path junk = dir.resolve("junk.stl");
        Files.writeString(junk, "definitely not a mesh\n");
        for (Path p : new Path[] {junk, dir.resolve("missing.stl")}) {
            Run r = run("inspect", p.toString());
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().lines().count()).isEqualTo(1);
            assertThat(r.err()).contains(p.getFileName().toString()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void unknownLevelIsBadUsage() throws Exception {
        Path f = write(MeshGenerators.box(1, 1, 1), "box.stl");
        Run r = run("inspect", f.toString(), "--level", "paranoid");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("paranoid");
    }

    @Test
    void textReportSaysWhatFailed() throws Exception {
        Path f = write(MeshDamage.punchHoles(MeshGenerators.sphere(10, 16, 32), 1), "holed.stl");
        Run r = run("inspect", f.toString(), "--level", "strict");
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("FAILED").contains("open_edges").contains("3 open edges");
    }
}
