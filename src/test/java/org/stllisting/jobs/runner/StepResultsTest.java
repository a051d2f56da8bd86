package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ListingSteps;
import org.stllisting.jobs.steps.LoadResult;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.steps.ValidateResult;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.queue.JobDto;

/** The typed results of the load and validate steps keep the checkpoint's JSON fields and reach the job. */
class StepResultsTest {
    @TempDir
    Path tmp;

    @Test
    void loadAndValidateResultsAreSavedUnderTheirFieldsAndReadBackTyped() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, new ListingSteps(), RunnerFixture.settings(), "load",
                "validate", "finalize")) {
            Path cube = f.sources.resolve("cube.stl");
            StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), cube);
            JobView job = f.runner.add(List.of(cube), null, null, null).get(0);
            f.runner.start();
            f.finish();
            ProcessingState st = Checkpoints.read(f.home.jobCacheDir(job.id()));
            ProcessingState.StepRecord load = st.record(StepKind.LOAD);
            assertThat(load.results).containsOnlyKeys("sha256", "size_bytes", "mtime", "format", "solids", "facets",
                    "vertices");
            assertThat(load.results.get("mtime")).isInstanceOf(String.class);
            LoadResult typed = load.results(LoadResult.class);
            assertThat(typed.facets()).isEqualTo(12);
            assertThat(typed.sizeBytes()).isEqualTo(Files.size(cube));
            assertThat(typed.mtime()).isEqualTo(Files.getLastModifiedTime(cube).toInstant());
            ValidateResult v = st.record(StepKind.VALIDATE).results(ValidateResult.class);
            assertThat(v.passed()).isTrue();
            assertThat(v.level()).isEqualTo("standard");
            assertThat(st.record(StepKind.VALIDATE).results).containsKeys("passed", "open_edges", "non_manifold_edges");
            JobDto d = f.store.job(job.id());
            assertThat(d.sourceSha256).isEqualTo(typed.sha256());
            assertThat(d.sourceSize).isEqualTo(typed.sizeBytes());
            assertThat(d.results.validationPassed).isTrue();
        }
    }

    @Test
    void aValueOfTheWrongKindReadsAsNothingRecorded() {
        ProcessingState.StepRecord r = new ProcessingState.StepRecord();
        r.results.put("passed", List.of("not", "a", "verdict"));
        assertThat(r.results(ValidateResult.class).passed()).isNull();
    }
}
