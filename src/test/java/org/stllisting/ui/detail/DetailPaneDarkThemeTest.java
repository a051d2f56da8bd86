package org.stllisting.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.JobDetails;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.SameThread;
import org.stllisting.ui.StlListingApp;
import org.stllisting.ui.Theme;
import org.stllisting.ui.preview.ModelPreview;

/**
 * The detail pane in the dark theme: every box in it ("Processed before…", the error and warning notes, the
 * picture frames, the preview) has a dark background, and its text a light color, as the rest of the window.
 */
class DetailPaneDarkThemeTest {
    @TempDir
    Path tmp;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.closeAllWindows();
        FxTestSupport.onFx(() -> {
            Theme.follow(new SimpleObjectProperty<>(Theme.LIGHT));
            return null;
        });
    }

    @Test
    void everyBoxOfThePaneIsDarkInTheDarkTheme() throws Exception {
        JobDetails.Detail detail = new JobDetails.Detail("j1", "/m/bracket.stl", "bracket", JobState.FAILED,
                "quick_preview", tmp.resolve("out/bracket").toString(), 12.0, null,
                List.of(new JobDetails.Step("load", "Load", JobDetails.StepStatus.DONE, 0.4, null),
                        new JobDetails.Step("render", "Render", JobDetails.StepStatus.FAILED, 3.0, null)),
                null, List.of(new JobDetails.Note("the render ran out of memory", "/m/bracket.stl")),
                List.of(new JobDetails.Note("2 facets were flipped", null)), List.of(), null, null,
                new JobDetails.Previous("j0", Instant.parse("2026-11-20T10:00:00Z"), "complete_processing",
                        "completed", tmp.toString()));
        JobDetailViewModel model = new JobDetailViewModel(SameThread.INSTANCE, id -> Optional.of(detail),
                name -> name, ZoneId.of("UTC"));
        FxTestSupport.onFx(() -> {
            JobDetailPane pane = new JobDetailPane(model, new ModelPreview(SameThread.INSTANCE, tmp, false),
                    msg -> { });
            // through the theme, as the window does: an earlier test in this JVM may follow the light one
            Theme.follow(new SimpleObjectProperty<>(Theme.DARK));
            stage = new Stage();
            Scene scene = new Scene(pane.root(), 420, 900);
            scene.getStylesheets().add(StlListingApp.class.getResource("stl-listing.css").toExternalForm());
            scene.getStylesheets().add(StlListingApp.class.getResource("stl-listing-dark.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            model.select("j1");
            pane.root().applyCss();
            pane.root().layout();
            return null;
        });
        assertThat(FxTestSupport.await(() -> stage.getScene().lookup("#detail-previous").isVisible(), 10)).isTrue();
        List<String> boxes = FxTestSupport.onFx(() -> {
            stage.getScene().getRoot().applyCss();
            return List.of("#detail-previous", ".note.note-error", ".note.note-warning", ".model-preview").stream()
                    .map(sel -> sel + " " + brightness(stage.getScene().lookup(sel))).toList();
        });
        assertThat(boxes).allSatisfy(b -> assertThat(Double.parseDouble(b.substring(b.lastIndexOf(' ') + 1)))
                .as(b + " (brightness of its background, 0 black to 1 white)").isLessThan(0.4));
        double text = FxTestSupport.onFx(() -> ((javafx.scene.control.Label) stage.getScene()
                .lookup(".note-reason.note-error")).getTextFill() instanceof Color c ? c.getBrightness() : -1.0);
        assertThat(text).as("the error's text is light on its dark box").isGreaterThan(0.6);
    }

    /** The brightness of the topmost opaque fill of {@code n}'s background (1 when it has none: the pane's). */
    private static double brightness(Node n) {
        Background bg = n instanceof Region r ? r.getBackground() : null;
        if (bg == null || bg.getFills().isEmpty()) {
            return 1;
        }
        List<BackgroundFill> fills = bg.getFills();
        for (int i = fills.size() - 1; i >= 0; i--) {
            if (fills.get(i).getFill() instanceof Color c && c.getOpacity() > 0.5) {
                return c.getBrightness();
            }
        }
        return 1;
    }
}
