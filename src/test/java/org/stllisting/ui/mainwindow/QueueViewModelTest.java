package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.runner.PauseReason;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxEventBridge;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.UiExecutor;

/** The window's state and commands on a real runner, real home and real files; no controls, no robot. */
class QueueViewModelTest {
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
        assertThat(FxTestSupport.await(() -> model.templateProperty().get() != null, 20))
                .as(() -> "notice: " + model.noticeProperty().get()).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        background.close();
        ctx.close();
    }

    @Test
    void addingAFolderQueuesItsStlFilesRecursivelyAndCountsTheIgnoredFiles() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("models/sub"));
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), tmp.resolve("models/cube.stl"));
        StlWriter.writeBinary(MeshGenerators.cylinder(5, 10, 32), folder.resolve("Peg.STL"));
        Files.writeString(tmp.resolve("models/readme.txt"), "not a model");

        FxTestSupport.onFx(() -> {
            model.add(List.of(tmp.resolve("models")));
            return null;
        });

        assertThat(FxTestSupport.await(() -> model.rows().size() == 2
                && model.noticeProperty().get().contains("ignored 1"), 20)).isTrue();
        assertThat(FxTestSupport.onFx(() -> model.rows().stream().map(r -> r.nameProperty().get()).sorted().toList()))
                .containsExactly("Peg", "cube");
        assertThat(FxTestSupport.onFx(() -> model.rows().get(0).stateProperty().get())).isEqualTo(JobState.PENDING);
    }

    @Test
    void droppingAFolderNeverQueuesWhatTheProgramWroteIntoItsOutputFolders() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path cube = models.resolve("cube.stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), cube);
        // the queue's own output folder, and the marked output folder of another run, both inside the folder
        Path out = models.resolve("out");
        Path old = models.resolve("old_listings");
        for (Path folder : List.of(out, old)) {
            Files.createDirectories(folder.resolve("cube/source"));
            Files.createSymbolicLink(folder.resolve("cube/source/cube.stl"), cube);
            StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), folder.resolve("cube/source/cube_repaired.stl"));
        }
        Files.writeString(old.resolve(".stl-listing-output"), "");
        FxTestSupport.onFx(() -> {
            model.setOutputFolder(out);
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.outputFolderProperty().get().equals(out.toString()), 20)).isTrue();

        FxTestSupport.onFx(() -> {
            model.add(List.of(models));
            return null;
        });

        assertThat(FxTestSupport.await(() -> model.noticeProperty().get().startsWith("Added"), 20)).isTrue();
        assertThat(FxTestSupport.onFx(() -> model.noticeProperty().get()))
                .isEqualTo("Added 1 model; skipped 2 output folders of stl-listing: " + old + ", " + out);
        assertThat(runner.view().jobs()).extracting(j -> j.source()).containsExactly(cube.toString());
    }

    @Test
    void addingTheSameFileTwiceKeepsOneRowAndSaysSo() throws Exception {
        Path cube = tmp.resolve("cube.stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), cube);
        FxTestSupport.onFx(() -> {
            model.add(List.of(cube));
            model.add(List.of(cube));
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.noticeProperty().get().contains("already queued"), 20))
                .as(() -> "notice: " + model.noticeProperty().get()).isTrue();
        // the row arrives as an event, which may come after the command's own answer
        assertThat(runner.drainEvents(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(FxTestSupport.await(() -> model.rows().size() == 1, 10)).isTrue();
        assertThat(runner.view().jobs()).hasSize(1);
    }

    @Test
    void progressAndPauseEventsReachTheRowAndTheStatusBar() throws Exception {
        Path cube = tmp.resolve("cube.stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), cube);
        FxTestSupport.onFx(() -> {
            model.add(List.of(cube));
            return null;
        });
        assertThat(FxTestSupport.await(() -> model.rows().size() == 1, 20))
                .as(() -> "notice: " + model.noticeProperty().get()).isTrue();
        String id = FxTestSupport.onFx(() -> model.rows().get(0).id());

        FxTestSupport.onFx(() -> {
            model.apply(new RunnerEvent.JobProgress(Instant.now(), id, 40, "Rendering", 75.0));
            model.apply(new RunnerEvent.QueuePaused(Instant.now(), PauseReason.DISK_SPACE, "Low disk"));
            return null;
        });

        JobRow row = FxTestSupport.onFx(() -> model.row(id));
        assertThat(row.progressProperty().get()).isEqualTo(0.40);
        assertThat(row.messageProperty().get()).isEqualTo("Rendering");
        assertThat(row.etaProperty().get()).isEqualTo("1 min 15 s");
        assertThat(model.pausedProperty().get()).isTrue();
        assertThat(model.noticeProperty().get()).isEqualTo("Low disk");
    }

    @Test
    void anEmptyQueueShowsAnEmptyBar() throws Exception {
        assertThat(FxTestSupport.onFx(() -> model.queueProgressProperty().get())).isZero();
    }
}
