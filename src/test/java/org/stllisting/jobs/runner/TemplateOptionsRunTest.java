package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.ListingSteps;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Json;
import org.stllisting.store.queue.JobState;

/** A template's options reach the steps of a real run (real runner, store, steps and output files). */
class TemplateOptionsRunTest {
    @TempDir
    Path tmp;

    @Test
    void aTemplatesDensityIsTheDensityTheAnalysisWeighsWith() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, new ListingSteps(), RunnerFixture.settings(), "load",
                "validate", "analyze", "finalize")) {
            f.template.validationOptions.put("density_g_per_cm3", 2.5);
            Path cube = f.sources.resolve("cube.stl");
            StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), cube); // 1,000 mm³ = 1 cm³
            JobView job = f.runner.add(List.of(cube), null, null, null).get(0);
            f.runner.start();
            f.finish();
            assertThat(f.runner.job(job.id()).state()).isEqualTo(JobState.COMPLETED);
            Path dir = f.out.resolve("cube").resolve("analysis");
            JsonNode dims = Json.mapper().readTree(Files.readAllBytes(dir.resolve("cube_dimensions.json")));
            assertThat(dims.path("density_g_per_cm3").asDouble()).isEqualTo(2.5);
            assertThat(dims.path("material_grams").asDouble()).isCloseTo(2.5, within(1e-9));
            JsonNode analysis = Json.mapper().readTree(Files.readAllBytes(dir.resolve("cube_analysis.json")));
            assertThat(analysis.path("analysis").path("density").asDouble()).isEqualTo(2.5);
            assertThat(analysis.path("analysis").path("material_grams").asDouble()).isCloseTo(2.5, within(1e-9));
        }
    }

    @Test
    void removeSmallFragmentsDropsALooseSmallShellInTheRepairAndOnlyWhenAsked() throws Exception {
        Mesh part = MeshDamage.combine(MeshGenerators.cylinder(10, 20, 48),
                MeshDamage.translate(MeshGenerators.box(1, 1, 1), 40, 0, 0));
        for (boolean remove : new boolean[] {true, false}) {
            Path dir = Files.createDirectories(tmp.resolve(remove ? "on" : "off"));
            try (RunnerFixture f = new RunnerFixture(dir, new ListingSteps(), RunnerFixture.settings(), "load",
                    "validate", "repair", "finalize")) {
                f.template.validationOptions.put("auto_repair", true);
                f.template.validationOptions.put("remove_small_fragments", remove);
                Path stl = f.sources.resolve("part.stl");
                StlWriter.writeBinary(part, stl);
                JobView job = f.runner.add(List.of(stl), null, null, null).get(0);
                f.runner.start();
                f.finish();
                assertThat(f.runner.job(job.id()).state()).isEqualTo(JobState.COMPLETED);
                JsonNode report = Json.mapper().readTree(Files.readAllBytes(
                        f.out.resolve("part").resolve("analysis").resolve("part_repair.json")));
                assertThat(report.path("shells").asInt()).as("remove_small_fragments %s", remove)
                        .isEqualTo(remove ? 1 : 2);
                assertThat(report.path("unconnected_removed").asInt()).isEqualTo(remove ? 12 : 0);
            }
        }
    }

    @Test
    void aJobWhoseOptionsTheVocabularyRefusesFailsBeforeAnyStepNamingTheTemplateFileAndTheKey() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            JobView job = f.runner.add(f.sources("gear.stl"), null, Map.of("material", "wood"), null).get(0);
            f.runner.start();
            f.finish();
            JobView done = f.runner.job(job.id());
            assertThat(done.state()).isEqualTo(JobState.FAILED);
            assertThat(done.error()).contains("template test.json")
                    .contains("job option render_options.material must be one of plastic, metal, resin, not \"wood\"")
                    .doesNotContain("\n");
            assertThat(f.all(RunnerEvent.StepStarted.class)).isEmpty();
        }
    }
}
