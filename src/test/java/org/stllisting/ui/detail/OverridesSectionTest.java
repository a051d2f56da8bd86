package org.stllisting.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.ui.FxTestSupport;

/**
 * "This job's settings" in the detail pane, headless under Monocle on a real engine: a waiting job's
 * settings changed and given back to its template, a finished job's shown read-only.
 */
class OverridesSectionTest {
    @TempDir
    Path tmp;
    private DetailPaneWindow w;
    private QueueRunner runner;
    private Stage stage;
    private String done;
    private String waiting;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        AppContext ctx = AppContext.exclusive(Home.at(tmp.resolve("home")));
        runner = ctx.runner("gui");
        runner.updateSettings(runner.settings().withOutputFolder(tmp.resolve("out")));
        Files.createDirectories(tmp.resolve("models"));
        Path cube = tmp.resolve("models/cube.stl");
        StlWriter.writeBinary(MeshGenerators.box(20, 20, 20), cube);
        Path pawn = tmp.resolve("models/pawn.stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 30), pawn);
        done = runner.add(List.of(cube), "validation_only", null, null).get(0).id();
        runner.start();
        assertThat(runner.awaitFinished(Duration.ofSeconds(60))).isTrue();
        waiting = runner.add(List.of(pawn), "quick_preview", null, null).get(0).id();
        runner.drainEvents(Duration.ofSeconds(5));

        w = new DetailPaneWindow(ctx, 2);
        stage = w.stage;
    }

    @AfterEach
    void close() throws Exception {
        w.close();
    }

    private void select(String id) throws InterruptedException {
        w.select(r -> r.id().equals(id));
    }

    private <T extends Node> T find(String id) throws InterruptedException {
        return w.find(id);
    }

    private String value(String field) throws InterruptedException {
        return FxTestSupport.onFx(() -> valueNow(field));
    }

    private String source(String field) throws InterruptedException {
        return FxTestSupport.onFx(() -> sourceNow(field));
    }

    /** On the FX thread. */
    private String valueNow(String field) {
        return String.valueOf(((ComboBox<?>) stage.getScene().lookup("#setting-" + field)).getValue());
    }

    /** On the FX thread. */
    private String sourceNow(String field) {
        return ((Label) stage.getScene().lookup("#setting-source-" + field)).getText();
    }

    @Test
    void aWaitingJobsSettingsShowWhereTheyComeFromAndApplyReachesTheRunner() throws Exception {
        select(waiting);
        Node section = find("#job-settings");
        assertThat(FxTestSupport.await(() -> section.isVisible() && "plastic".equals(valueNow("material")), 20))
                .isTrue();
        assertThat(value("video")).isEqualTo("off");
        assertThat(value("size")).isEqualTo("1280 × 720");
        assertThat(value("color")).isEqualTo("#4A90D9");
        assertThat(source("material")).isEqualTo("template");
        ComboBox<?> material = find("#setting-material");
        assertThat(FxTestSupport.onFx(material::isDisabled)).isFalse();
        Button back = find("#job-settings-template");
        assertThat(FxTestSupport.onFx(back::isDisabled)).as("nothing of its own yet").isTrue();

        FxTestSupport.onFx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> m = (ComboBox<String>) material;
            m.setValue("metal");
            ((ComboBox<?>) stage.getScene().lookup("#setting-size")).getEditor().setText("800x600");
            @SuppressWarnings("unchecked")
            ComboBox<String> video = (ComboBox<String>) stage.getScene().lookup("#setting-video");
            video.setValue("on");
            ((Button) stage.getScene().lookup("#job-settings-apply")).fire();
            return null;
        });
        assertThat(FxTestSupport.await(() -> "this job's".equals(sourceNow("material")), 20)).isTrue();
        Map<String, Object> own = new java.util.HashMap<>(Map.of("material", "metal", "width", 800,
                "height", 600, "generate_video", true));
        own.put("preset", null); // its own size: no template's preset applies to it
        assertThat(runner.job(waiting).renderOverrides()).isEqualTo(own);
        assertThat(source("color")).isEqualTo("template");
        assertThat(value("size")).isEqualTo("800 × 600");
        Label note = find("#job-settings-note");
        assertThat(FxTestSupport.onFx(note::getText)).isEqualTo("Applied to this job");
        assertThat(FxTestSupport.onFx(back::isDisabled)).isFalse();

        FxTestSupport.onFx(() -> {
            back.fire();
            return null;
        });
        assertThat(FxTestSupport.await(() -> "template".equals(sourceNow("material")), 20)).isTrue();
        assertThat(runner.job(waiting).renderOverrides()).isEmpty();
        assertThat(value("material")).isEqualTo("plastic");
        assertThat(FxTestSupport.onFx(note::getText)).isEqualTo("This job follows its template again");
    }

    @Test
    void aFinishedJobsSettingsAreShownReadOnlyWithTheReason() throws Exception {
        select(done);
        Node section = find("#job-settings");
        Label note = find("#job-settings-note");
        assertThat(FxTestSupport.await(() -> section.isVisible() && note.isVisible(), 20)).isTrue();
        assertThat(FxTestSupport.onFx(note::getText)).isEqualTo("Settings can be changed only before a job starts");
        ComboBox<?> material = find("#setting-material");
        assertThat(FxTestSupport.onFx(material::isDisabled)).isTrue();
        Button apply = find("#job-settings-apply");
        assertThat(FxTestSupport.onFx(() -> apply.isDisabled() && !apply.getParent().isVisible())).as("no Apply")
                .isTrue();
        assertThat(source("video")).isEqualTo("template");
        assertThat(value("video")).isEqualTo("off");
    }

    @Test
    void settingsChangedElsewhereWhileTheJobIsShownAreShownAtOnce() throws Exception {
        select(waiting);
        Node section = find("#job-settings");
        assertThat(FxTestSupport.await(() -> section.isVisible() && "plastic".equals(valueNow("material")), 20))
                .isTrue();
        // as the dialog for several jobs does: the job keeps its state and message
        runner.setOverrides(List.of(waiting), Map.of("material", "resin"), null);
        assertThat(FxTestSupport.await(() -> "resin".equals(valueNow("material"))
                && "this job's".equals(sourceNow("material")), 20)).isTrue();
    }
}
