package org.stllisting.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.JobDetails.Detail;
import org.stllisting.app.JobDetails.StepStatus;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateStore;

/** What the detail pane is told about a job, from real runs, real checkpoints and a real history. */
class JobDetailsTest {
    @TempDir
    Path tmp;

    private static JobDetails details(AppContext ctx) throws Exception {
        return new JobDetails(ctx.home(), ctx.queue(), ctx.history(), n -> ctx.templates().find(n).orElse(null));
    }

    private QueueRunner runner(AppContext ctx) throws Exception {
        QueueRunner runner = ctx.runner("gui");
        runner.updateSettings(runner.settings().withOutputFolder(tmp.resolve("out")));
        return runner;
    }

    private static void runToTheEnd(QueueRunner runner) throws Exception {
        runner.start();
        assertThat(runner.awaitFinished(Duration.ofSeconds(90))).as(() -> runner.view().toString()).isTrue();
        runner.drainEvents(Duration.ofSeconds(5));
    }

    @Test
    void aCompletedJobWhoseCacheTheRunRemovedIsToldFromItsOutputFolderAndTheHistory() throws Exception {
        Path cube = tmp.resolve("models/cube.stl");
        Files.createDirectories(cube.getParent());
        StlWriter.writeBinary(MeshGenerators.box(20, 10, 5), cube);
        try (AppContext ctx = AppContext.exclusive(Home.at(tmp.resolve("home")))) {
            QueueRunner runner = runner(ctx);
            String id = runner.add(List.of(cube), "quick_preview", null, null).get(0).id();
            runToTheEnd(runner);
            assertThat(ctx.home().jobCacheDir(id)).doesNotExist();

            Detail d = details(ctx).of(id).orElseThrow();
            assertThat(d.state()).isEqualTo(JobState.COMPLETED);
            assertThat(d.template()).isEqualTo("quick_preview");
            assertThat(d.steps()).extracting(JobDetails.Step::id)
                    .containsExactly("load", "validate", "analyze", "render", "finalize");
            assertThat(d.steps()).allMatch(s -> s.status() == StepStatus.DONE && s.seconds() == null);
            assertThat(d.stepsNote()).contains("removed this job's working files").contains("history");
            assertThat(d.images()).hasSize(1);
            assertThat(d.images().get(0).getFileName().toString()).endsWith("_render.png");
            assertThat(d.images().get(0)).isRegularFile();
            assertThat(d.measures().sizeMm()).containsExactly(20.0, 10.0, 5.0);
            assertThat(d.measures().volumeMm3()).isCloseTo(1000.0, org.assertj.core.data.Offset.offset(0.5));
            assertThat(d.measures().grams()).isPositive();
            assertThat(d.log()).isNotNull().isRegularFile();
            assertThat(d.log().getFileName().toString()).isEqualTo("cube_processing.log");
            assertThat(JobDetails.readLog(d.log())).contains("started");
            assertThat(d.previous()).isNull();
            assertThat(d.durationSeconds()).isNotNull();
            assertThat(d.verdict()).isEqualTo("passed");

            // queued again: the history knows it, with the template it was made with
            runner.clearFinished();
            String again = runner.add(List.of(cube), null, null, null).get(0).id();
            Detail second = details(ctx).of(again).orElseThrow();
            assertThat(second.state()).isEqualTo(JobState.PENDING);
            assertThat(second.previous()).isNotNull();
            assertThat(second.previous().jobId()).isEqualTo(id);
            assertThat(second.previous().template()).isEqualTo("quick_preview");
            assertThat(second.previous().state()).isEqualTo("completed");
            assertThat(second.steps()).allMatch(s -> s.status() == StepStatus.TO_DO);
            assertThat(second.stepsNote()).isNull();
        }
    }

    @Test
    void aFailedJobSaysWhyFirstAndWhichFileSecond() throws Exception {
        Path text = tmp.resolve("models/notes.stl");
        Files.createDirectories(text.getParent());
        Files.writeString(text, "these are my notes, not a model\n");
        try (AppContext ctx = AppContext.exclusive(Home.at(tmp.resolve("home")))) {
            QueueRunner runner = runner(ctx);
            JobView job = runner.add(List.of(text), "quick_preview", null, null).get(0);
            runToTheEnd(runner);

            Detail d = details(ctx).of(job.id()).orElseThrow();
            assertThat(d.state()).isEqualTo(JobState.FAILED);
            assertThat(d.errors()).isNotEmpty();
            JobDetails.Note error = d.errors().get(0);
            assertThat(error.path()).isEqualTo(text.toString());
            assertThat(error.reason()).doesNotContain(text.toString()).endsWith("(while reading the STL file)");
            assertThat(d.steps().get(0).status()).isEqualTo(StepStatus.FAILED);
            assertThat(d.steps().subList(1, d.steps().size())).allMatch(s -> s.status() == StepStatus.NOT_RUN);
            assertThat(d.images()).isEmpty();
            assertThat(d.measures()).isNull();
            // failed jobs keep their cache: its log
            assertThat(d.log()).isEqualTo(ctx.home().jobCacheDir(job.id()).resolve("processing.log"));
        }
    }

    @Test
    void aStoppedJobShowsItsCheckpointedStepsWithTheirTimesAndWarnings() throws Exception {
        Home home = Home.at(tmp.resolve("home")).ensureCreated();
        var history = org.stllisting.store.history.HistoryStore.open(home.historyDb());
        try (QueueStateStore store = QueueStateStore.open(home)) {
            JobDto job = JobDto.pending("job_1", tmp.resolve("vase.stl").toString());
            job.template = "quick_preview";
            job.lastCompletedStep = "validate";
            store.addJobs(List.of(job));
            ProcessingState cp = new ProcessingState();
            cp.jobId = "job_1";
            cp.modelName = "vase";
            cp.plan = List.of("load", "validate", "analyze", "render", "finalize");
            cp.completedSteps.put("load", record(0.25, List.of()));
            cp.completedSteps.put("validate", record(1.5,
                    List.of("validate (vase.stl): 3 holes, 576 open edges: slicers may drop walls")));
            Files.createDirectories(home.jobCacheDir("job_1"));
            Checkpoints.write(home.jobCacheDir("job_1"), cp);

            Detail d = new JobDetails(home, store, history, n -> null).of("job_1").orElseThrow();
            assertThat(d.stepsNote()).isNull();
            assertThat(d.modelName()).isEqualTo("vase");
            assertThat(d.steps()).extracting(JobDetails.Step::status).containsExactly(StepStatus.DONE,
                    StepStatus.DONE, StepStatus.TO_DO, StepStatus.TO_DO, StepStatus.TO_DO);
            assertThat(d.steps()).extracting(JobDetails.Step::seconds).containsExactly(0.25, 1.5, null, null, null);
            assertThat(d.steps()).extracting(JobDetails.Step::label).containsExactly("Load", "Validate", "Analyze",
                    "Render", "Finalize");
            assertThat(d.warnings()).extracting(JobDetails.Note::reason)
                    .containsExactly("3 holes, 576 open edges: slicers may drop walls (while validating the mesh)");
            assertThat(d.log()).isNull();
            assertThat(new JobDetails(home, store, history, n -> null).of("job_unknown")).isEmpty();
        }
    }

    private static ProcessingState.StepRecord record(double seconds, List<String> warnings) {
        ProcessingState.StepRecord r = new ProcessingState.StepRecord();
        r.completedAt = Instant.now();
        r.seconds = seconds;
        r.runCount = 1;
        r.warnings = new java.util.ArrayList<>(warnings);
        r.results = new java.util.LinkedHashMap<>(Map.of());
        return r;
    }

    @Test
    void plainWordsPutTheReasonFirstAndThePathSecond() {
        assertThat(JobDetails.plain("load (part.stl): /models/part.stl: Permission denied"))
                .isEqualTo(new JobDetails.Note("Permission denied (while reading the STL file)", "/models/part.stl"));
        assertThat(JobDetails.plain("render (a.stl): out of memory"))
                .isEqualTo(new JobDetails.Note("Out of memory (while rendering the product image)", null));
        assertThat(JobDetails.plain("still has problems: 2 holes"))
                .isEqualTo(new JobDetails.Note("Still has problems: 2 holes", null));
        assertThat(JobDetails.plain("/out/My Models/x.png: No space left on device"))
                .isEqualTo(new JobDetails.Note("No space left on device", "/out/My Models/x.png"));
        assertThat(JobDetails.plain("job (a.stl): C:\\models\\a.stl: Access is denied"))
                .isEqualTo(new JobDetails.Note("Access is denied", "C:\\models\\a.stl"));
    }
}
