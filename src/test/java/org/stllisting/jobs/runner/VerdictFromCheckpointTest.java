package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ListingSteps;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.gen.SampleModels;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobResultsDto;

/** A job's verdict comes from its checkpoint's typed step results, so a resumed job gets the one it had. */
class VerdictFromCheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void theVerdictRebuiltFromTheCheckpointIsTheOneTheRunGave() throws Exception {
        Mesh box = MeshGenerators.box(10, 10, 10);
        Map<String, Mesh> models = new LinkedHashMap<>();
        models.put("clean.stl", box);
        models.put("fixable.stl", SampleModels.bracketNeedsRepair());
        models.put("touching.stl", MeshDamage.combine(box, MeshDamage.translate(box, 10, 10, 0)));
        try (RunnerFixture f = new RunnerFixture(tmp, new ListingSteps(), RunnerFixture.settings(), "load",
                "validate", "repair", "finalize")) {
            for (var e : models.entrySet()) {
                StlWriter.writeBinary(e.getValue(), f.sources.resolve(e.getKey()));
            }
            List<JobView> jobs = f.runner.add(models.keySet().stream().map(f.sources::resolve).toList(), null, null,
                    null);
            f.runner.start();
            f.finish();

            Map<String, String> verdicts = new LinkedHashMap<>();
            for (JobView j : jobs) {
                JobDto done = f.store.job(j.id());
                verdicts.put(Path.of(done.stlPath).getFileName().toString(), done.results.verdict);
                ProcessingState checkpoint = Checkpoints.read(f.home.jobCacheDir(j.id()));
                JobDto resumed = done.copy();
                resumed.results = new JobResultsDto();
                FileLists.rebuild(resumed, checkpoint, f.out);
                assertThat(resumed.results.verdict).isEqualTo(done.results.verdict);
                assertThat(resumed.results.problems).isEqualTo(done.results.problems);

                // interrupted after validation: the verdict so far is validation's own
                JobDto afterValidate = done.copy();
                afterValidate.results = new JobResultsDto();
                FileLists.applyStep(afterValidate, f.out, StepKind.VALIDATE.id(), checkpoint.record(StepKind.VALIDATE));
                assertThat(afterValidate.results.verdict).isEqualTo(
                        done.results.verdict.equals("passed") ? "passed" : "problems");
            }
            assertThat(verdicts).containsExactly(Map.entry("clean.stl", "passed"),
                    Map.entry("fixable.stl", "repaired"), Map.entry("touching.stl", "problems"));
            assertThat(f.runner.job(jobs.get(2).id()).problems()).containsExactly(
                    "1 non-manifold edge (shared by more than two facets): slicers may misread the inside");
            assertThat(f.runner.job(jobs.get(2).id()).completedWithProblems()).isTrue();
            assertThat(f.runner.view().withProblems()).isEqualTo(1);
        }
    }

    @Test
    void anOlderCheckpointWithoutProblemsSaysThemFromItsCounts() {
        ProcessingState.StepRecord rec = new ProcessingState.StepRecord();
        rec.results.put("passed", false);
        rec.results.put("level", "basic");
        rec.results.put("open_edges", 576);
        rec.results.put("holes", 186);
        JobDto job = new JobDto();
        FileLists.applyStep(job, tmp, StepKind.VALIDATE.id(), rec);
        assertThat(job.results.verdict).isEqualTo("problems");
        assertThat(job.results.problems).containsExactly("186 holes, 576 open edges: slicers may drop walls");

        // a repair record from before the repaired mesh was validated: its watertight flag decides
        ProcessingState.StepRecord repair = new ProcessingState.StepRecord();
        repair.results.put("changed", true);
        repair.results.put("watertight", true);
        FileLists.applyStep(job, tmp, StepKind.REPAIR.id(), repair);
        assertThat(job.results.verdict).isEqualTo("repaired");
        assertThat(job.results.problems).isEmpty();
        ProcessingState.StepRecord skipped = new ProcessingState.StepRecord();
        skipped.results.put("skipped", true);
        JobDto notRepaired = new JobDto();
        FileLists.applyStep(notRepaired, tmp, StepKind.VALIDATE.id(), rec);
        FileLists.applyStep(notRepaired, tmp, StepKind.REPAIR.id(), skipped);
        assertThat(notRepaired.results.verdict).isEqualTo("problems");
    }
}
