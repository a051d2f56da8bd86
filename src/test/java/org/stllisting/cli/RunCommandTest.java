package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.gen.SampleModels;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.Json;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;
import org.stllisting.store.queue.SessionState;

class RunCommandTest {
    @TempDir
    Path tmp;

    private Path home() throws Exception {
        Path home = tmp.resolve("home");
        TinyRuns.installTinyTemplate(home, false);
        return home;
    }

    @Test
    void aQueueMixingBrokenAndGoodFilesFinishesTheGoodOnesExitsOneAndExplainsTheFailures() throws Exception {
        Path home = home();
        Path src = tmp.resolve("src");
        TinyRuns.models(src, 2);
        SampleModels.writeBroken(src.resolve("Broken.STL"));
        Files.writeString(src.resolve("notes.txt"), "not a model");
        Path out = tmp.resolve("out");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--out", out.toString(),
                "--template", "tiny");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("ignored (not an STL file): " + src.resolve("notes.txt"))
                .contains("2 completed, 1 failed").contains("Broken");
        assertThat(out.resolve("model_00/renders/model_00_render.png")).exists();
        assertThat(out.resolve("model_01/analysis/model_01_analysis.json")).exists();
        assertThat(Files.readString(out.resolve("failed/Broken_error.log"))).contains("truncated")
                .contains(src.resolve("Broken.STL").toString());
        assertThat(Files.readSymbolicLink(out.resolve("failed/Broken.STL"))).isEqualTo(src.resolve("Broken.STL"));
        assertThat(out.resolve("Broken")).doesNotExist();
        JsonNode summary = Json.mapper().readTree(out.resolve("queue_summary.json").toFile());
        assertThat(summary.path("totals").path("completed").asInt()).isEqualTo(2);
        assertThat(summary.path("totals").path("failed").asInt()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("processing_log.txt"))).contains("Broken  failed");
        assertThat(HistoryStore.open(Home.at(home).historyDb()).count()).isEqualTo(3);
    }

    @Test
    void twoSourcesWithTheSameNameNeverOverwriteEachOtherEvenAcrossRuns() throws Exception {
        Path home = home();
        Path a = tmp.resolve("src/a/part.stl");
        Path b = tmp.resolve("src/b/part.stl");
        Path c = tmp.resolve("src/c/part.stl");
        Files.createDirectories(a.getParent());
        Files.createDirectories(b.getParent());
        Files.createDirectories(c.getParent());
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), a);
        StlWriter.writeBinary(MeshGenerators.box(20, 5, 5), b);
        StlWriter.writeBinary(MeshGenerators.cylinder(5, 10, 20), c);
        Path out = tmp.resolve("out");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", a.toString(), b.toString(), "--out",
                out.toString(), "--template", "tiny", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.path("completed").asInt()).isEqualTo(2);
        assertThat(originalOf(out.resolve("part"))).isEqualTo(a.toString());
        assertThat(originalOf(out.resolve("part_2"))).isEqualTo(b.toString());
        // a later run into the same folder does not take over either name
        r = TinyRuns.cli("--home", home.toString(), "run", c.toString(), "--out", out.toString(), "--template", "tiny");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(originalOf(out.resolve("part"))).isEqualTo(a.toString());
        assertThat(originalOf(out.resolve("part_2"))).isEqualTo(b.toString());
        assertThat(originalOf(out.resolve("part_3"))).isEqualTo(c.toString());
        assertThat(out.resolve("part_3/renders/part_3_render.png")).exists();
    }

    private static String originalOf(Path modelFolder) throws Exception {
        return Json.mapper().readTree(modelFolder.resolve("source/file_info.json").toFile()).path("original_path").asText();
    }

    @Test
    void flatAndGroupedModesAndTheNamingOptionsShapeTheOutputFolder() throws Exception {
        Path home = home();
        Path src = tmp.resolve("src");
        TinyRuns.models(src, 1);
        Path flat = tmp.resolve("flat");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--out", flat.toString(),
                "--template", "tiny", "--mode", "flat");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(flat.resolve("model_00_render.png")).exists();
        assertThat(flat.resolve("model_00_size_chart.png")).exists();
        assertThat(flat.resolve("model_00_red.png")).exists();
        assertThat(flat.resolve("model_00_analysis.json")).exists();
        assertThat(flat.resolve("model_00_repaired.stl")).exists();
        assertThat(Files.isSymbolicLink(flat.resolve("model_00.stl"))).isTrue();
        assertThat(flat.resolve("model_00")).doesNotExist();

        Path grouped = tmp.resolve("grouped");
        r = TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--out", grouped.toString(), "--template",
                "tiny", "--mode", "grouped");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(grouped.resolve("renders/model_00_render.png")).exists();
        assertThat(grouped.resolve("size_charts/model_00_size_chart.png")).exists();
        assertThat(grouped.resolve("color_variations/model_00_blue.png")).exists();
        assertThat(grouped.resolve("analysis/model_00_dimensions.json")).exists();
        assertThat(grouped.resolve("logs/model_00_processing.log")).exists();
        assertThat(grouped.resolve("meshes/model_00_repaired.stl")).exists();

        // naming options come with the template
        Path t = home.resolve("templates/tiny.json");
        Map<String, Object> tpl = Json.mapper().readValue(t.toFile(), Map.class);
        tpl.put("name", "named");
        tpl.put("output_options", Map.of("mode", "per-model", "naming", Map.of("custom_prefix", "shop",
                "quality_suffix", true, "material_suffix", true, "size_suffix", true, "timestamp_suffix", false)));
        Files.write(home.resolve("templates/named.json"), Json.mapper().writeValueAsBytes(tpl));
        Path named = tmp.resolve("named");
        r = TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--out", named.toString(), "--template",
                "named");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(named.resolve("model_00/renders/shop_model_00_render_draft_plastic_96x72.png")).exists();
        assertThat(named.resolve("model_00/analysis/shop_model_00_analysis.json")).exists();
    }

    @Test
    void sourcesDeletedOrChangedWhileQueuedAreReportedOnRecoveryAndNotReprocessed() throws Exception {
        Path home = home();
        Path src = tmp.resolve("src");
        List<Path> models = TinyRuns.models(src, 3);
        Path out = tmp.resolve("out");
        Home h = Home.at(home);
        List<String> ids;
        try (AppContext ctx = AppContext.exclusive(h)) {
            QueueStateDto fresh = QueueStateDto.empty();
            fresh.template = "tiny";
            fresh.queueSettings.outputBaseFolder = out.toString();
            ctx.queue().replaceState(fresh);
            QueueRunner runner = ctx.runner("cli");
            ids = runner.add(models, null, null, null).stream().map(JobView::id).toList();
        }
        // the process "died" while working on the first job
        try (QueueStateStore store = QueueStateStore.open(h)) {
            store.setSessionState(SessionState.RUNNING);
            store.updateJob(ids.get(0), d -> {
                d.state = JobState.RUNNING;
                d.attempts = 1;
                return d;
            });
        }
        Files.delete(models.get(0));
        Files.writeString(models.get(1), "edited meanwhile", java.nio.file.StandardOpenOption.APPEND);

        TinyRuns.Outcome status = TinyRuns.cli("--home", home.toString(), "status");
        assertThat(status.out()).contains("interrupted").contains("1 missing, 1 changed");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "resume");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).as(r.err()).contains("Interrupted session").contains("1 missing, 1 changed")
                .contains("missing  model_00").contains("changed  model_01");
        QueueStateDto q = QueueStateStore.read(h).state();
        assertThat(q.job(ids.get(0)).state).isEqualTo(JobState.SKIPPED);
        assertThat(q.job(ids.get(0)).errorMessage).contains("no longer exists");
        assertThat(q.job(ids.get(1)).state).isEqualTo(JobState.SKIPPED);
        assertThat(q.job(ids.get(1)).errorMessage).contains("changed since it was queued");
        assertThat(q.job(ids.get(2)).state).isEqualTo(JobState.COMPLETED);
        assertThat(out.resolve("model_01")).as("the changed file was not processed").doesNotExist();
        assertThat(Files.readString(out.resolve("failed/model_00_error.log"))).contains("no longer exists");
        assertThat(Files.readString(out.resolve("failed/model_01_error.log"))).contains("changed since it was queued");
        assertThat(HistoryStore.open(h.historyDb()).count()).isEqualTo(3);

        r = TinyRuns.cli("--home", home.toString(), "queue", "retry", ids.get(1));
        assertThat(r.out()).contains("Queued 1 job(s) again");
        assertThat(QueueStateStore.read(h).state().job(ids.get(1)).state).isEqualTo(JobState.PENDING);
        assertThat(out.resolve("failed/model_01_error.log")).doesNotExist();
    }

    @Test
    void queueExportAndImportKeepOverridesAndNeverDuplicateAJob() throws Exception {
        Path home = home();
        Path src = tmp.resolve("src");
        List<Path> models = TinyRuns.models(src, 2);
        Home h = Home.at(home);
        try (AppContext ctx = AppContext.exclusive(h)) {
            QueueStateDto fresh = QueueStateDto.empty();
            fresh.template = "tiny";
            fresh.queueSettings.outputBaseFolder = tmp.resolve("out").toString();
            ctx.queue().replaceState(fresh);
            QueueRunner runner = ctx.runner("cli");
            runner.add(List.of(models.get(0)), null, Map.of("color", "#00FF00"), null);
            runner.add(List.of(models.get(1)), null, null, Map.of("level", "strict"));
        }
        Path file = tmp.resolve("queue.json");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "queue", "export", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();

        Path other = tmp.resolve("other-home");
        TinyRuns.installTinyTemplate(other, false);
        r = TinyRuns.cli("--home", other.toString(), "queue", "import", file.toString(), "--out",
                tmp.resolve("other-out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Imported 2 job(s)");
        r = TinyRuns.cli("--home", other.toString(), "queue", "import", file.toString());
        assertThat(r.out()).contains("Imported 0 job(s); 2 already queued");
        r = TinyRuns.cli("--home", home.toString(), "queue", "import", file.toString());
        assertThat(r.out()).contains("Imported 0 job(s); 2 already queued");

        QueueStateDto q = QueueStateStore.read(Home.at(other)).state();
        assertThat(q.jobs).hasSize(2);
        assertThat(q.template).isEqualTo("tiny");
        JobDto first = q.jobs.get(0);
        assertThat(first.renderOptions).containsEntry("color", "#00FF00");
        assertThat(q.jobs.get(1).validationOptions).containsEntry("level", "strict");
        r = TinyRuns.cli("--home", other.toString(), "resume");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(QueueStateStore.read(Home.at(other)).state().jobs).allMatch(j -> j.state == JobState.COMPLETED);
    }

    @Test
    void badUsageAndAHeldHomeGiveTheirExitCodes() throws Exception {
        Path home = home();
        Path src = tmp.resolve("src");
        TinyRuns.models(src, 1);
        assertThat(TinyRuns.cli("--home", home.toString(), "run", tmp.resolve("nope").toString()).exit())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--mode", "sideways").exit())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--template", "nonesuch").exit())
                .isEqualTo(ExitCodes.USAGE);
        Files.createDirectories(tmp.resolve("empty"));
        assertThat(TinyRuns.cli("--home", home.toString(), "run", tmp.resolve("empty").toString()).exit())
                .isEqualTo(ExitCodes.USAGE);
        try (InstanceLock lock = InstanceLock.acquire(Home.at(home))) {
            TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--template", "tiny");
            assertThat(r.exit()).isEqualTo(ExitCodes.LOCKED);
            assertThat(r.err()).contains("pid");
        }
        assertThat(TinyRuns.cli("--home", home.toString(), "resume").out()).contains("Nothing to resume");
    }

    static QueueSettingsDto unused() {
        return new QueueSettingsDto();
    }
}
