package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.OpenFolder;

/**
 * The queue's context menu, headless on a real engine: Move only for waiting jobs, Run again for finished
 * ones, Open output folder when the job's folder is on disk (a failed job's too), a notice when the desktop
 * cannot open it; adding a finished file again points at Run again.
 */
class RowMenuTest {
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
}
