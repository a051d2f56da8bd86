package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * Settings given to a queued job after it was added are kept through a reopening of the home (recovery) and a
 * {@code queue export} / {@code queue import} into another home, and the run there makes what they say: no
 * turntable for the job whose video was turned off, its render in its own color.
 */
class JobOverridesKeptTest {
    @TempDir
    Path tmp;

    @Test
    void ownSettingsSurviveRecoveryAndExportAndShapeWhatTheRunMakes() throws Exception {
        Path home = tmp.resolve("home");
        TinyRuns.installTinyTemplate(home, true);
        List<Path> models = TinyRuns.models(tmp.resolve("src"), 2);
        String own;
        String plain;
        try (AppContext ctx = AppContext.exclusive(Home.at(home))) {
            QueueStateDto fresh = QueueStateDto.empty();
            fresh.template = "tiny";
            fresh.queueSettings.outputBaseFolder = tmp.resolve("out").toString();
            ctx.queue().replaceState(fresh);
            QueueRunner runner = ctx.runner("cli");
            // only the render and the video: the rest would only make the test slower
            List<JobView> jobs = runner.add(models, null, Map.of("generate_size_chart", false,
                    "generate_color_variations", false), null);
            own = jobs.get(0).id();
            plain = jobs.get(1).id();
            Map<String, Object> render = new HashMap<>();
            render.put("generate_video", false);
            render.put("color", "#00FF00");
            assertThat(runner.setOverrides(List.of(own), render, null)).containsExactly(own);
        }
        try (AppContext ctx = AppContext.exclusive(Home.at(home))) {
            JobView j = ctx.runner("cli").job(own);
            assertThat(j.renderOverrides()).as("after reopening")
                    .isEqualTo(Map.of("generate_video", false, "color", "#00FF00", "generate_size_chart", false,
                            "generate_color_variations", false));
        }

        Path file = tmp.resolve("queue.json");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "queue", "export", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Path other = tmp.resolve("other-home");
        TinyRuns.installTinyTemplate(other, true);
        Path out = tmp.resolve("other-out");
        r = TinyRuns.cli("--home", other.toString(), "queue", "import", file.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        r = TinyRuns.cli("--home", other.toString(), "resume");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();

        QueueStateDto q = QueueStateStore.read(Home.at(other)).state();
        assertThat(q.jobs).allMatch(j -> j.state == JobState.COMPLETED);
        assertThat(q.jobs.stream().filter(j -> j.id.equals(own)).findFirst().orElseThrow().renderOptions)
                .containsEntry("generate_video", false).containsEntry("color", "#00FF00");
        assertThat(q.jobs.stream().filter(j -> j.id.equals(plain)).findFirst().orElseThrow().renderOptions)
                .doesNotContainKeys("generate_video", "color");
        assertThat(videos(out.resolve("model_00"))).as("video turned off").isEmpty();
        assertThat(videos(out.resolve("model_01"))).as("the template's video").hasSize(1);
        assertThat(greenAtCentre(out.resolve("model_00/renders/model_00_render.png"))).as("its own color").isTrue();
        assertThat(greenAtCentre(out.resolve("model_01/renders/model_01_render.png"))).as("the template's color")
                .isFalse();
    }

    private static List<Path> videos(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".mp4")).toList();
        }
    }

    /** The model's surface in the middle of the picture is green (#00FF00 lit), not the template's blue. */
    private static boolean greenAtCentre(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        int rgb = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
        int red = (rgb >> 16) & 0xFF;
        int green = (rgb >> 8) & 0xFF;
        int blue = rgb & 0xFF;
        return green > red + 40 && green > blue + 40;
    }
}
