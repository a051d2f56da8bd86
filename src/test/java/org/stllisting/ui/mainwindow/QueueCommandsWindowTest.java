package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stllisting.ui.mainwindow.Rows.view;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.PauseReason;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.OpenFolder;

/**
 * The queue's commands in the window, headless on a real engine: Stop after this job from a stale menu,
 * Start and Resume, the context menu by state and by the output folder on disk, Run again, and the undo bar
 * after Delete and Clear finished (the jobs come back exactly as they were, at their places).
 */
class QueueCommandsWindowTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        f = new QueueWindowFixture(tmp, "quick_preview", 1200, 600);
    }

    @AfterEach
    void close() throws Exception {
        OpenFolder.useOpener(List.of("xdg-open"));
        f.close();
    }

    // ------------------------------------------------------------------------------ stop after this job

    /**
     * Stop after this job from a menu opened while the job ran, clicked after it had finished: the notice
     * says it has finished and the queue goes on, instead of nothing at all.
     */
    @Test
    void aJobThatFinishedWhileTheMenuWasOpenIsNamedInTheNotice() throws Exception {
        f.show(view("binary", JobState.RUNNING, 40, null, "render", 3.0),
                view("next", JobState.PENDING, 0, null, null, null));
        String notice = FxTestSupport.onFx(() -> {
            f.model.apply(new RunnerEvent.QueueStarted(Instant.now(), "s", 2));
            f.window.tableView().getSelectionModel().clearAndSelect(0);
            MenuButton menu = (MenuButton) f.stage.getScene().lookup("#stop-options");
            menu.show();
            MenuItem item = menu.getItems().get(0);
            assertThat(item.isDisable()).isFalse();
            // the job finishes while the menu is open
            f.model.apply(new RunnerEvent.JobStateChanged(Instant.now(),
                    view("binary", JobState.COMPLETED, 100, null, "finalize", 5.0), JobState.RUNNING,
                    JobState.COMPLETED, null));
            item.fire();
            menu.hide();
            return f.model.noticeProperty().get();
        });
        assertThat(notice).isEqualTo("binary has already finished; nothing to stop after, the queue goes on");
    }

    @Test
    void theNoticeNamesTheOtherRunningJobsThatFinishFirst() throws Exception {
        f.show(view("binary", JobState.RUNNING, 40, null, "render", 3.0),
                view("basic", JobState.RUNNING, 10, null, "load", 1.0),
                view("next", JobState.PENDING, 0, null, null, null));
        String notice = FxTestSupport.onFx(() -> {
            f.model.apply(new RunnerEvent.QueueStarted(Instant.now(), "s", 3));
            f.window.tableView().getSelectionModel().clearAndSelect(0);
            f.model.stopAfter(f.window.tableView().getSelectionModel().getSelectedItem());
            return f.model.noticeProperty().get();
        });
        assertThat(notice).isEqualTo("Nothing new starts; the queue stops when binary and 1 other running job"
                + " have finished");
    }

    // ------------------------------------------------------------------------------ start and resume

    private Button button(String id) {
        return (Button) f.stage.getScene().lookup("#" + id);
    }

    @Test
    void startIsOffWhenNothingIsLeftToRun() throws Exception {
        f.show(view("a", JobState.COMPLETED, 100, null, "finalize", 3.0),
                view("b", JobState.CANCELLED, 0, null, null, null));
        assertThat(FxTestSupport.onFx(() -> button("start").isDisabled())).as("only finished jobs").isTrue();
        f.show(view("c", JobState.PENDING, 0, null, null, null));
        assertThat(FxTestSupport.onFx(() -> button("start").isDisabled())).as("a job waits").isFalse();
        FxTestSupport.onFx(() -> {
            f.model.apply(new RunnerEvent.JobStateChanged(Instant.now(), view("c", JobState.CANCELLED, 0, null, null,
                    null), JobState.PENDING, JobState.CANCELLED, "Cancelled by the user"));
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> button("start").isDisabled())).as("the last waiting job cancelled")
                .isTrue();
    }

    @Test
    void whenPausedOnlyResumeIsOffered() throws Exception {
        f.show(view("a", JobState.RUNNING, 30, null, "load", 3.0), view("b", JobState.PENDING, 0, null, null, null));
        FxTestSupport.onFx(() -> {
            f.model.apply(new RunnerEvent.QueueStarted(Instant.now(), "s", 2));
            f.model.apply(new RunnerEvent.QueuePaused(Instant.now(), PauseReason.USER, "Paused by the user"));
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> button("pause").getText())).isEqualTo("Resume");
        assertThat(FxTestSupport.onFx(() -> button("pause").isDisabled())).isFalse();
        assertThat(FxTestSupport.onFx(() -> button("start").isDisabled())).as("Start beside Resume").isTrue();
    }

    // ------------------------------------------------------------------------------ the context menu

    private JobView job(String id, JobState state, String lastStep, Path folder) {
        return new JobView(id, "/models/" + id + ".stl", id, state, state == JobState.COMPLETED ? 100 : 40, null,
                null, 1, null, lastStep, folder.toString(), "quick_preview", state == JobState.FAILED ? "boom" : null,
                null, null, null, 3.0, null, null, List.of(), null, null);
    }

    /** The context menu's enabled items as it opens on row {@code index}. */
    private List<String> enabledFor(int index) throws Exception {
        return FxTestSupport.onFx(() -> {
            TableView<JobRow> table = f.window.tableView();
            table.getSelectionModel().clearAndSelect(index);
            ContextMenu menu = table.getContextMenu();
            menu.show(table, 100, 100);
            List<String> on = menu.getItems().stream().filter(i -> !i.isDisable() && i.getText() != null)
                    .map(MenuItem::getText).toList();
            menu.hide();
            return on;
        });
    }

    private void fire(int index, String text) throws Exception {
        FxTestSupport.onFx(() -> {
            TableView<JobRow> table = f.window.tableView();
            table.getSelectionModel().clearAndSelect(index);
            ContextMenu menu = table.getContextMenu();
            menu.show(table, 100, 100);
            MenuItem item = menu.getItems().stream().filter(i -> text.equals(i.getText())).findFirst().orElseThrow();
            assertThat(item.isDisable()).as(text).isFalse();
            item.fire();
            menu.hide();
            return null;
        });
    }

    @Test
    void itemsFollowTheJobsStateAndItsFolderOnDisk() throws Exception {
        Path done = Files.createDirectories(tmp.resolve("out/done"));
        Path failed = Files.createDirectories(tmp.resolve("out/failed"));
        f.show(job("running", JobState.RUNNING, "render", tmp.resolve("out/running")),
                job("done", JobState.COMPLETED, "finalize", done),
                job("failed", JobState.FAILED, null, failed),
                job("waiting", JobState.PENDING, null, tmp.resolve("out/waiting")),
                job("cancelled", JobState.CANCELLED, null, tmp.resolve("out/cancelled")));

        assertThat(enabledFor(0)).as("running").contains("Cancel")
                .doesNotContain("Move up", "Move down", "Run again", "Remove");
        assertThat(enabledFor(1)).as("completed").contains("Run again", "Open output folder", "Remove")
                .doesNotContain("Move up", "Move down", "Retry", "Cancel");
        assertThat(enabledFor(2)).as("failed, its folder on disk").contains("Retry", "Run again",
                "Open output folder").doesNotContain("Move up");
        assertThat(enabledFor(3)).as("waiting, no output yet").contains("Move up", "Move down", "Cancel")
                .doesNotContain("Open output folder", "Run again");
        assertThat(enabledFor(4)).as("cancelled, no folder").contains("Run again", "Retry")
                .doesNotContain("Open output folder");

        OpenFolder.useOpener(List.of("false"));
        fire(1, "Open output folder");
        assertThat(FxTestSupport.await(() -> f.model.noticeProperty().get().startsWith("Cannot open " + done), 10))
                .as(() -> f.model.noticeProperty().get()).isTrue();
    }

    @Test
    void runAgainPutsAFinishedJobBackToWaitAndAddingItAgainPointsThere() throws Exception {
        Path stl = tmp.resolve("wall_bracket.stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), stl);
        JobDto j = JobDto.pending("job_wall", stl.toString());
        j.state = JobState.COMPLETED;
        j.progress = 100;
        j.completedAt = Instant.now();
        j.lastCompletedStep = "finalize";
        f.runner.importJobs(List.of(j));
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == 1, 20)).isTrue();

        FxTestSupport.onFx(() -> {
            f.model.add(List.of(stl));
            return null;
        });
        assertThat(FxTestSupport.await(() -> f.model.noticeProperty().get().startsWith("Added"), 20)).isTrue();
        assertThat(FxTestSupport.onFx(() -> f.model.noticeProperty().get()))
                .isEqualTo("Added 0 models (1 already queued (finished): use Run again)");

        fire(0, "Run again");
        assertThat(FxTestSupport.await(() -> f.model.rows().get(0).stateProperty().get() == JobState.PENDING, 20))
                .isTrue();
        assertThat(f.runner.job("job_wall").lastCompletedStep()).isNull();
    }

    // ------------------------------------------------------------------------------ undo

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
        f.runner.importJobs(List.of(pending("first"), completed("wall_bracket"), pending("last")));
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == 3, 20)).isTrue();
        JobView before = f.runner.job("job_wall_bracket");

        FxTestSupport.onFx(() -> {
            f.model.removeWithUndo(List.of(f.model.row("job_wall_bracket")));
            return null;
        });
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == 2, 20)).isTrue();
        FxTestSupport.onFx(() -> {
            f.model.undoRemove();
            return null;
        });
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == 3, 20)).isTrue();
        f.background.submit("wait", () -> null, x -> { });
        Thread.sleep(200);

        JobView after = f.runner.job("job_wall_bracket");
        assertThat(after).as("the same job, with its id").isNotNull();
        assertThat(after.state()).isEqualTo(JobState.COMPLETED);
        assertThat(after).usingRecursiveComparison().isEqualTo(before);
        assertThat(f.runner.view().jobs()).extracting(JobView::id)
                .containsExactly("job_first", "job_wall_bracket", "job_last");
        assertThat(FxTestSupport.onFx(() -> f.model.row("job_wall_bracket").stateProperty().get()))
                .isEqualTo(JobState.COMPLETED);
    }

    @Test
    void clearFinishedSaysHowManyAndCanBeUndone() throws Exception {
        f.runner.importJobs(List.of(completed("a"), pending("b"), completed("c")));
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == 3, 20)).isTrue();

        FxTestSupport.onFx(() -> {
            f.model.clearFinished();
            return null;
        });
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == 1
                && f.model.undoProperty().get() != null, 20)).as(() -> "undo: " + f.model.undoProperty().get()).isTrue();
        assertThat(FxTestSupport.onFx(() -> f.model.undoProperty().get()))
                .isEqualTo("Cleared 2 finished jobs from the queue");
        assertThat(FxTestSupport.onFx(() -> f.model.noticeProperty().get())).isEqualTo("Cleared 2 finished jobs");

        FxTestSupport.onFx(() -> {
            f.model.undoRemove();
            return null;
        });
        assertThat(FxTestSupport.await(() -> f.model.rows().size() == 3, 20)).isTrue();
        assertThat(f.runner.view().jobs()).extracting(JobView::id).containsExactly("job_a", "job_b", "job_c");
        assertThat(f.runner.view().jobs()).extracting(JobView::state)
                .containsExactly(JobState.COMPLETED, JobState.PENDING, JobState.COMPLETED);
        assertThat(Files.exists(tmp)).isTrue();
        assertThat(f.runner.job("job_a").renderOverrides()).isEqualTo(Map.of("material", "pla"));
    }
}
