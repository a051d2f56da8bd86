package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.gen.SampleModels;
import org.stllisting.store.Json;

/** Every output folder a run reports exists: a job that failed before making one reports none. */
class FailedJobFolderTest {
    @TempDir
    Path tmp;

    private static JsonNode job(JsonNode jobs, String model) {
        for (JsonNode j : jobs) {
            if (j.path("model").asText().equals(model)) {
                return j;
            }
        }
        throw new AssertionError("no job " + model + " in " + jobs);
    }

    @Test
    void aFailedJobWithoutAFolderReportsNoneInTheSummaryAndTheJson() throws Exception {
        Path home = TinyRuns.tinyHome(tmp);
        Path src = tmp.resolve("src");
        TinyRuns.models(src, 1);
        SampleModels.writeBroken(src.resolve("Broken.stl"));
        Path out = tmp.resolve("out");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--out", out.toString(),
                "--template", "tiny", "--json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.FAILED);
        JsonNode cli = Json.mapper().readTree(r.out()).path("jobs");
        JsonNode summary = Json.mapper().readTree(out.resolve("queue_summary.json").toFile()).path("jobs");
        for (JsonNode jobs : new JsonNode[] {cli, summary}) {
            assertThat(job(jobs, "Broken").path("state").asText()).isEqualTo("failed");
            assertThat(job(jobs, "Broken").path("output_folder").isNull()).as(jobs.toString()).isTrue();
            assertThat(Path.of(job(jobs, "model_00").path("output_folder").asText())).isDirectory();
        }
        assertThat(out.resolve("failed/Broken_error.log")).isRegularFile();
    }
}
