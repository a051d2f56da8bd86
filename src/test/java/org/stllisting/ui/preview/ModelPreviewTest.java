package org.stllisting.ui.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.render.RenderService;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.UiExecutor;

/**
 * The preview without JavaFX 3D (as under headless Monocle): the job's render, else a quick render made
 * off the UI thread, else a sentence — never an empty pane, never an exception.
 */
class ModelPreviewTest {
    @TempDir
    Path tmp;
    private UiExecutor background;
    private ModelPreview preview;
    private Stage stage;
    private final java.util.List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        background = new UiExecutor(errors::add);
        FxTestSupport.onFx(() -> {
            preview = new ModelPreview(background::submit, tmp.resolve("thumbnails"), false);
            stage = new Stage();
            stage.setScene(new Scene(preview.root(), 400, 300));
            stage.show();
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.onFx(() -> {
            stage.close();
            return null;
        });
        background.close();
    }

    private Path stl(String name) throws Exception {
        Path p = tmp.resolve(name);
        StlWriter.writeBinary(MeshGenerators.torus(20, 6, 48, 24), p);
        return p;
    }

    @Test
    void withoutThreeDTheJobsOwnRenderIsShownAndSaysWhy() throws Exception {
        Path stl = stl("ring.stl");
        Path png = tmp.resolve("ring_render.png");
        try (RenderService r = new RenderService(1)) {
            r.thumbnail(org.stllisting.mesh.io.StlReader.read(stl), 64, png);
        }
        FxTestSupport.onFx(() -> {
            preview.show("job_1", stl, png);
            return null;
        });
        assertThat(FxTestSupport.await(() -> preview.image() != null, 20)).isTrue();
        assertThat(FxTestSupport.onFx(() -> preview.image().getWidth())).isEqualTo(64);
        assertThat(FxTestSupport.onFx(preview::caption))
                .isEqualTo("The job's product image (this system has no 3D graphics)");
        assertThat(FxTestSupport.onFx(preview::showing3D)).isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void aJobWithoutARenderGetsAQuickOneMadeInTheBackground() throws Exception {
        Path stl = stl("ring.stl");
        FxTestSupport.onFx(() -> {
            preview.show("job_2", stl, null);
            return null;
        });
        // at once: a sentence, not an empty pane
        assertThat(FxTestSupport.onFx(preview::caption)).isNotBlank();
        assertThat(FxTestSupport.await(() -> preview.image() != null, 30)).isTrue();
        assertThat(FxTestSupport.onFx(preview::caption)).startsWith("A quick render of the model");
        assertThat(FxTestSupport.onFx(() -> preview.image().getWidth())).isEqualTo(ModelPreview.RENDER_SIZE);
        assertThat(tmp.resolve("thumbnails/job_2_preview_" + ModelPreview.RENDER_SIZE + ".png")).isRegularFile();
    }

    @Test
    void anUnreadableModelIsASentenceWithTheReasonNotAnEmptyPane() throws Exception {
        Path bad = Files.writeString(tmp.resolve("notes.stl"), "not a model");
        FxTestSupport.onFx(() -> {
            preview.show("job_3", bad, null);
            return null;
        });
        assertThat(FxTestSupport.await(() -> preview.caption().startsWith("No preview: "), 20)).isTrue();
        assertThat(FxTestSupport.onFx(preview::caption)).doesNotContain(bad.toString());
        assertThat(FxTestSupport.onFx(preview::image)).isNull();

        FxTestSupport.onFx(() -> {
            preview.show("job_4", tmp.resolve("gone.stl"), null);
            return null;
        });
        assertThat(FxTestSupport.await(() -> preview.caption().equals("No preview: the model file is gone."), 20))
                .as(() -> preview.caption()).isTrue();
        assertThat(errors).isEmpty();
    }

    @Test
    void aLaterSelectionWinsOverAnEarlierSlowerOne() throws Exception {
        Path stl = stl("ring.stl");
        FxTestSupport.onFx(() -> {
            preview.show("job_5", stl, null);
            preview.clear("No job selected");
            return null;
        });
        Thread.sleep(1500);
        background.close();
        assertThat(FxTestSupport.onFx(preview::caption)).isEqualTo("No job selected");
        assertThat(FxTestSupport.onFx(preview::image)).isNull();
        background = new UiExecutor(errors::add);
    }

    /** A preview that takes the 3D path (its scene graph is built; under Monocle nothing is drawn). */
    private ModelPreview threeD(int max3D, long maxRead) throws Exception {
        return FxTestSupport.onFx(() -> {
            ModelPreview p = new ModelPreview(background::submit, tmp.resolve("thumbnails"), true).limits(max3D,
                    maxRead);
            stage.setScene(new Scene(p.root(), 400, 300));
            return p;
        });
    }

    @Test
    void theThreeDViewHoldsTheModelAsATriangleMeshAndSaysHowToTurnIt() throws Exception {
        Path stl = stl("ring.stl");
        ModelPreview p = threeD(100_000, 1_000_000);
        FxTestSupport.onFx(() -> {
            p.show("job_6", stl, null);
            return null;
        });
        assertThat(FxTestSupport.await(p::showing3D, 20)).as(() -> p.caption()).isTrue();
        assertThat(FxTestSupport.onFx(p::caption)).isEqualTo("Drag to turn, scroll to zoom, double-click to reset");
        int facets = org.stllisting.mesh.io.StlReader.read(stl).facetCount();
        assertThat(FxTestSupport.onFx(() -> p.mesh3D().getFaces().size())).isEqualTo(facets * 6);
        assertThat(FxTestSupport.onFx(p::image)).isNull();
    }

    @Test
    void aModelOverTheFacetLimitIsSimplifiedForTheThreeDViewAndOneOverTheReadLimitIsNotRead() throws Exception {
        Path stl = stl("ring.stl");
        int facets = org.stllisting.mesh.io.StlReader.read(stl).facetCount();
        ModelPreview simplified = threeD(500, 1_000_000);
        FxTestSupport.onFx(() -> {
            simplified.show("job_7", stl, null);
            return null;
        });
        assertThat(FxTestSupport.await(simplified::showing3D, 20)).isTrue();
        assertThat(FxTestSupport.onFx(simplified::caption)).matches(
                "Drag to turn, scroll to zoom, double-click to reset · simplified to \\d+ of its "
                        + String.format(java.util.Locale.ROOT, "%,d", facets) + " facets");
        assertThat(FxTestSupport.onFx(() -> simplified.mesh3D().getFaces().size() / 6)).isBetween(1, 500);

        Path png = tmp.resolve("ring_render.png");
        try (RenderService r = new RenderService(1)) {
            r.thumbnail(org.stllisting.mesh.io.StlReader.read(stl), 64, png);
        }
        ModelPreview refused = threeD(500, facets - 1);
        FxTestSupport.onFx(() -> {
            refused.show("job_8", stl, png);
            return null;
        });
        assertThat(FxTestSupport.await(() -> refused.image() != null, 20)).isTrue();
        assertThat(FxTestSupport.onFx(refused::showing3D)).isFalse();
        assertThat(FxTestSupport.onFx(refused::caption)).isEqualTo("The job's product image ("
                + String.format(java.util.Locale.ROOT, "%,d", facets) + " facets are too many to show here)");
    }
}
