package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxEventBridge;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.UiExecutor;

/**
 * The undo bar after Delete and after Clear finished, on a real runner: the jobs come back exactly as they
 * were (id, state, results, output folder, times, template and own settings), at their places.
 */
class UndoRemoveTest {
    @TempDir
    Path tmp;
    private AppContext ctx;
    private QueueRunner runner;
    private UiExecutor background;
    private QueueViewModel model;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        ctx = AppContext.exclusive(Home.at(tmp.resolve("home")));
        runner = ctx.runner("gui");
        background = new UiExecutor(msg -> model.reportError(msg));
        model = FxTestSupport.onFx(() -> new QueueViewModel(runner, ctx.templates(), ctx.config(), background));
        runner.addListener(new FxEventBridge(model::apply));
        FxTestSupport.onFx(() -> {
            model.setOutputFolder(tmp.resolve("out"));
            model.load();
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.templateProperty().get() != null, 20)).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        background.close();
        ctx.close();
    }

    /** A job that completed in an earlier run, as an exported queue carries it. */
    private JobDto completed(String name) throws Exception {
        Path stl = tmp.resolve(name + ".stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), stl);
        JobDto j = JobDto.pending("job_" + name, stl.toString());
        j.state = JobState.COMPLETED;
        j.progress = 100;
        j.attempts = 1;
        j.createdAt = Instant.parse("2026-01-02T10:00:00Z");
        j.startedAt = Instant.parse("2026-01-02T10:00:05Z");
        j.completedAt = Instant.parse("2026-01-02T10:01:00Z");
        j.actualDuration = 55.0;
        j.lastCompletedStep = "finalize";
        j.template = "quick_preview";
        j.renderOptions.put("material", "pla");
        j.results.filesGenerated.add(name + "/images/" + name + "_main.png");
        j.results.verdict = "ready";
        return j;
    }

    private JobDto pending(String name) throws Exception {
        Path stl = tmp.resolve(name + ".stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), stl);
        return JobDto.pending("job_" + name, stl.toString());
    }

    @Test
    void undoAfterDeletePutsACompletedJobBackExactlyWhereAndAsItWas() throws Exception {
        runner.importJobs(List.of(pending("first"), completed("wall_bracket"), pending("last")));
        assertThat(FxTestSupport.await(() -> model.rows().size() == 3, 20)).isTrue();
        JobView before = runner.job("job_wall_bracket");

        FxTestSupport.onFx(() -> {
            model.removeWithUndo(List.of(model.row("job_wall_bracket")));
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.rows().size() == 2, 20)).isTrue();
        FxTestSupport.onFx(() -> {
            model.undoRemove();
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.rows().size() == 3, 20)).isTrue();
        background.submit("wait", () -> null, x -> { });
        Thread.sleep(200);

        JobView after = runner.job("job_wall_bracket");
        assertThat(after).as("the same job, with its id").isNotNull();
        assertThat(after.state()).isEqualTo(JobState.COMPLETED);
        assertThat(after).usingRecursiveComparison().isEqualTo(before);
        assertThat(runner.view().jobs()).extracting(JobView::id)
                .containsExactly("job_first", "job_wall_bracket", "job_last");
        assertThat(FxTestSupport.onFx(() -> model.row("job_wall_bracket").stateProperty().get()))
                .isEqualTo(JobState.COMPLETED);
    }

    @Test
    void clearFinishedSaysHowManyAndCanBeUndone() throws Exception {
        runner.importJobs(List.of(completed("a"), pending("b"), completed("c")));
        assertThat(FxTestSupport.await(() -> model.rows().size() == 3, 20)).isTrue();

        FxTestSupport.onFx(() -> {
            model.clearFinished();
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.rows().size() == 1
                && model.undoProperty().get() != null, 20)).as(() -> "undo: " + model.undoProperty().get()).isTrue();
        assertThat(FxTestSupport.onFx(() -> model.undoProperty().get()))
                .isEqualTo("Cleared 2 finished jobs from the queue");
        assertThat(FxTestSupport.onFx(() -> model.noticeProperty().get())).isEqualTo("Cleared 2 finished jobs");

        FxTestSupport.onFx(() -> {
            model.undoRemove();
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.rows().size() == 3, 20)).isTrue();
        assertThat(runner.view().jobs()).extracting(JobView::id).containsExactly("job_a", "job_b", "job_c");
        assertThat(runner.view().jobs()).extracting(JobView::state)
                .containsExactly(JobState.COMPLETED, JobState.PENDING, JobState.COMPLETED);
        assertThat(Files.exists(tmp)).isTrue();
        assertThat(runner.job("job_a").renderOverrides()).isEqualTo(Map.of("material", "pla"));
    }
}
