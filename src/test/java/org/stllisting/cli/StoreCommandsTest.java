package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateStore;

/** templates, history and status through the real command line, against a temporary home. */
class StoreCommandsTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = dir.resolve("home").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = StlListingCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void templatesListShowsTheFiveBuiltInsAndTheDefault() throws Exception {
        Run r = run("templates", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("quick_preview", "Complete Processing", "validation_only",
                "high_quality_renders", "batch_analysis");
        JsonNode json = Json.mapper().readTree(run("templates", "list", "--json").out());
        assertThat(json).hasSize(5);
        assertThat(json.get(1).path("is_default").asBoolean()).isTrue();
    }

    @Test
    void templatesShowAcceptsTheDisplayNameInAnyCase() throws Exception {
        Run r = run("templates", "show", "HIGH QUALITY RENDERS", "--json");
        assertThat(r.code()).isZero();
        assertThat(Json.mapper().readTree(r.out()).path("name").asText()).isEqualTo("high_quality_renders");
        Run missing = run("templates", "show", "nope");
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).startsWith("stl-listing: no template named \"nope\"").hasLineCount(1);
    }

    @Test
    void importingAnUnsafeTemplateFailsWithOneLineAndWritesNothing() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"version\":2,\"name\":\"x\",\"display_name\":\"X\",\"output_options\":"
                + "{\"naming\":{\"custom_prefix\":\"../../etc\"}}}");
        Run r = run("templates", "import", bad.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(bad.toString()).contains("custom_prefix").hasLineCount(1);
        assertThat(dir.resolve("home/templates/x.json")).doesNotExist();
    }

    @Test
    void aPrefixOrSubfolderThatARunWouldRefuseIsRefusedAtImport() throws Exception {
        String longName = "p".repeat(300);
        for (String options : List.of("{\"naming\":{\"custom_prefix\":\"" + longName + "\"}}",
                "{\"subfolder\":\"" + longName + "\"}")) {
            Path bad = dir.resolve("long.json");
            Files.writeString(bad, "{\"version\":2,\"name\":\"long\",\"display_name\":\"Long\",\"output_options\":"
                    + options + "}");
            Run r = run("templates", "import", bad.toString());
            assertThat(r.code()).as(options).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains(bad.toString()).contains("longer than 64 characters").hasLineCount(1);
            assertThat(dir.resolve("home/templates/long.json")).doesNotExist();
        }
    }

    @Test
    void exportThenImportAsANewTemplate() throws Exception {
        Path file = dir.resolve("t.json");
        assertThat(run("templates", "export", "quick_preview", file.toString()).code()).isZero();
        Files.writeString(file, Files.readString(file).replace("\"quick_preview\"", "\"my_preview\"")
                .replace("\"Quick Preview\"", "\"My Preview\""));
        Run r = run("templates", "import", file.toString());
        assertThat(r.code()).isZero();
        assertThat(run("templates", "list").out()).contains("my_preview").contains("user");
    }

    @Test
    void historyCommandsReadRecordedJobs() throws Exception {
        Home home = Home.at(dir.resolve("home"));
        assertThat(run("history", "list").out()).contains("No jobs");
        assertThat(home.historyDb()).doesNotExist();
        Path model = dir.resolve("m.stl");
        Files.writeString(model, "solid x\nendsolid x\n");
        HistoryStore h = HistoryStore.open(home.historyDb());
        h.record(new HistoryRecord("job_1", model.toAbsolutePath().toString(), "m.stl", 20, "abc", "/out", "s",
                "{}", "{}", "completed", Instant.now(), Instant.now(), Instant.now(), null, 12.5, true,
                List.of("/out/m_render.png"), null, List.of(), "test", "cli", "quick_preview", 1));
        assertThat(run("history", "list").out()).contains("job_1").contains("quick_preview");
        assertThat(run("history", "show", "job_1").out()).contains("/out/m_render.png");
        assertThat(run("history", "show", "nope").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("history", "similar", model.toString()).out()).contains("Already processed on");
        JsonNode stats = Json.mapper().readTree(run("history", "stats", "--days", "7", "--json").out());
        assertThat(stats.path("total").asInt()).isEqualTo(1);
        assertThat(stats.path("success_rate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void statusShowsJobsWithStateProgressAndStep() throws Exception {
        Home home = Home.at(dir.resolve("home"));
        try (QueueStateStore s = QueueStateStore.open(home)) {
            Path a = Files.writeString(dir.resolve("a.stl"), "solid a\nendsolid a\n");
            s.addJobs(List.of(JobDto.pending("job_a", a.toString()), JobDto.pending("job_b", "/gone/b.stl")));
            s.updateJob("job_a", j -> {
                j.state = JobState.RUNNING;
                j.currentStep = "render";
                j.progress = 40;
                return j;
            });
        }
        Run r = run("status");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Lock:  free").contains("job_a").contains("running").contains("render")
                .contains("40%");
        JsonNode json = Json.mapper().readTree(run("status", "--json").out());
        assertThat(json.path("lock").path("held").asBoolean()).isFalse();
        assertThat(json.path("counts").path("running").asInt()).isEqualTo(1);
        assertThat(json.path("jobs").get(0).path("current_step").asText()).isEqualTo("render");
        assertThat(json.path("interrupted").asBoolean()).isTrue();
        // the interrupted session is assessed for recovery without changing anything
        assertThat(json.path("recovery").path("to_resume").get(0).path("job_id").asText()).isEqualTo("job_a");
        assertThat(json.path("recovery").path("missing").get(0).path("job_id").asText()).isEqualTo("job_b");
        assertThat(r.out()).contains("missing");
    }
}
