package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.gen.SampleModels;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;

/**
 * Every job ends with a verdict against its template's validation level, and a model that still has problems
 * is not reported as plain success: verdict {@code problems} in queue_summary.json and the history, counted
 * apart in the summary, exit code 1 unless {@code --accept-invalid}.
 */
class VerdictRunTest {
    /** How the history warnings say a problem a model still has. */
    private static final String STILL = "still has problems: ";

    @TempDir
    Path tmp;

    /** A closed box with a single facet sticking out of one edge: repair leaves its 2 open edges and 1 non-manifold edge. */
    static Mesh boxWithFin() {
        Mesh box = MeshGenerators.box(10, 10, 10);
        float[] v = Arrays.copyOf(box.vertices(), box.vertices().length + 3);
        int n = box.vertexCount();
        v[3 * n] = -5;
        v[3 * n + 1] = -5;
        v[3 * n + 2] = 20;
        int[] t = Arrays.copyOf(box.triangles(), box.triangles().length + 3);
        int k = box.triangles().length;
        t[k] = box.triangles()[0];
        t[k + 1] = box.triangles()[1];
        t[k + 2] = n;
        return new Mesh(v, t);
    }

    /** Two closed boxes touching along one edge: that edge joins four facets, which repair does not change. */
    static Mesh boxesSharingAnEdge() {
        Mesh box = MeshGenerators.box(10, 10, 10);
        return MeshDamage.combine(box, MeshDamage.translate(box, 10, 10, 0));
    }

    private Path write(String name, Mesh m) throws Exception {
        Path f = tmp.resolve("src").resolve(name);
        Files.createDirectories(f.getParent());
        StlWriter.writeBinary(m, f);
        return f;
    }

    /** queue_summary.json's job lines by source file name. */
    private static Map<String, JsonNode> summaryJobs(Path out) throws Exception {
        JsonNode s = Json.mapper().readTree(out.resolve("queue_summary.json").toFile());
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        for (JsonNode j : s.get("jobs")) {
            jobs.put(Path.of(j.get("source").asText()).getFileName().toString(), j);
        }
        return jobs;
    }

    private static List<String> texts(JsonNode array) {
        List<String> l = new ArrayList<>();
        if (array != null) {
            array.forEach(x -> l.add(x.asText()));
        }
        return l;
    }

    @Test
    void validationOnlyReportsAModelStillOpenAfterRepairAndOneWithANonManifoldEdgeAsProblems() throws Exception {
        Path home = tmp.resolve("home");
        Path fin = write("fin.stl", boxWithFin());
        Path touching = write("touching.stl", boxesSharingAnEdge());
        Path clean = write("clean.stl", SampleModels.wallBracket());
        Path out = tmp.resolve("out");

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", fin.toString(), touching.toString(),
                clean.toString(), "--out", out.toString(), "--template", "validation_only");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("1 completed, 2 completed with problems");
        assertThat(r.out()).contains("Still has problems").contains("slicers may drop walls")
                .contains("touching: done in").contains(", still has problems: 1 non-manifold edge");
        assertThat(r.err()).contains("--accept-invalid");
        Map<String, JsonNode> jobs = summaryJobs(out);
        assertThat(jobs.get("fin.stl").get("state").asText()).isEqualTo("completed");
        assertThat(jobs.get("fin.stl").get("verdict").asText()).isEqualTo("problems");
        assertThat(texts(jobs.get("fin.stl").get("problems"))).contains(
                "1 hole, 2 open edges: slicers may drop walls",
                "1 non-manifold edge (shared by more than two facets): slicers may misread the inside");
        assertThat(jobs.get("touching.stl").get("verdict").asText()).isEqualTo("problems");
        assertThat(texts(jobs.get("touching.stl").get("problems"))).containsExactly(
                "1 non-manifold edge (shared by more than two facets): slicers may misread the inside");
        assertThat(jobs.get("clean.stl").get("verdict").asText()).isEqualTo("passed");
        assertThat(texts(jobs.get("clean.stl").get("problems"))).isEmpty();

        TinyRuns.Outcome status = TinyRuns.cli("--home", home.toString(), "status");
        assertThat(status.out()).contains("3 completed, 2 with problems")
                .contains(STILL + "1 non-manifold edge (shared by more than two facets)");
        JsonNode st = Json.mapper().readTree(TinyRuns.cli("--home", home.toString(), "status", "--json").out());
        assertThat(st.get("with_problems").asInt()).isEqualTo(2);
        assertThat(st.get("jobs").findValuesAsText("verdict")).containsExactly("problems", "problems", "passed");

        HistoryStore history = HistoryStore.open(Home.at(home).historyDb());
        HistoryRecord finRow = history.similar(fin).get(0);
        assertThat(finRow.state()).isEqualTo("completed");
        assertThat(finRow.warnings()).contains(STILL
                + "1 hole, 2 open edges: slicers may drop walls");
        assertThat(history.similar(touching).get(0).warnings()).contains(STILL
                + "1 non-manifold edge (shared by more than two facets): slicers may misread the inside");
        assertThat(history.similar(clean).get(0).warnings()).noneMatch(w -> w.startsWith(STILL));
    }

    @Test
    void acceptInvalidEndsARunWithProblemsWithExitCodeZeroAndStillSaysSo() throws Exception {
        Path home = tmp.resolve("home");
        Path touching = write("touching.stl", boxesSharingAnEdge());
        Path out = tmp.resolve("out");

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", touching.toString(), "--out",
                out.toString(), "--template", "validation_only", "--accept-invalid", "--json");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("with_problems").asInt()).isEqualTo(1);
        assertThat(doc.get("jobs").get(0).get("verdict").asText()).isEqualTo("problems");
        assertThat(texts(doc.get("jobs").get(0).get("problems"))).isNotEmpty();
        assertThat(summaryJobs(out).get("touching.stl").get("verdict").asText()).isEqualTo("problems");
        // resume takes the option too (here with nothing left to do)
        TinyRuns.Outcome resumed = TinyRuns.cli("--home", home.toString(), "resume", "--accept-invalid");
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isEqualTo(ExitCodes.OK);
        assertThat(TinyRuns.cli("resume", "--help").out()).contains("--accept-invalid");
    }

    @Test
    void quickPreviewOfAModelWithManyOpenEdgesIsNotPlainSuccess() throws Exception {
        Path home = tmp.resolve("home");
        // 192 facets missing from a sphere: 576 open edges, the figure a real download showed
        Path holes = write("holes.stl", MeshDamage.punchHoles(MeshGenerators.sphere(10, 24, 48), 192));
        Path out = tmp.resolve("out");

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", holes.toString(), "--out",
                out.toString(), "--template", "quick_preview");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
        JsonNode job = summaryJobs(out).get("holes.stl");
        assertThat(job.get("state").asText()).isEqualTo("completed");
        assertThat(job.get("verdict").asText()).isEqualTo("problems");
        assertThat(texts(job.get("problems"))).containsExactly("186 holes, 576 open edges: slicers may drop walls");
        assertThat(HistoryStore.open(Home.at(home).historyDb()).similar(holes).get(0).warnings())
                .contains(STILL + "186 holes, 576 open edges: slicers may drop walls");
    }

    @Test
    void aCleanModelPassesAndTheSampleThatRepairFixesIsRepairedBothWithExitCodeZero() throws Exception {
        Path home = tmp.resolve("home");
        Path clean = write("clean.stl", SampleModels.wallBracket());
        Path fixable = write("fixable.stl", SampleModels.bracketNeedsRepair());
        Path out = tmp.resolve("out");

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", clean.toString(), fixable.toString(),
                "--out", out.toString(), "--template", "validation_only");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).doesNotContain("problems");
        Map<String, JsonNode> jobs = summaryJobs(out);
        assertThat(jobs.get("clean.stl").get("verdict").asText()).isEqualTo("passed");
        assertThat(jobs.get("fixable.stl").get("verdict").asText()).isEqualTo("repaired");
        assertThat(texts(jobs.get("fixable.stl").get("problems"))).isEmpty();
    }
}
