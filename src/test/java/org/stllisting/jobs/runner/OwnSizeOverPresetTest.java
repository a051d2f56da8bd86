package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.template.OptionKey;
import org.stllisting.jobs.template.RenderSettings;
import org.stllisting.jobs.template.SettingsResolver;
import org.stllisting.jobs.template.Template;
import org.stllisting.render.Preset;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * A job of a template with a fixed size (square) switched to a width × height of its own and back, each time
 * read again from the queue files on disk as a launch after a kill -9 reads them (journal replay, no fold) and
 * after a clean exit: the job's own "no preset" is kept, and only "the template's" gives the square back.
 */
class OwnSizeOverPresetTest {
    @TempDir
    Path tmp;

    private static Map<String, Object> map(Object... kv) {
        return SetOverridesTest.map(kv);
    }

    private static RenderSettings onDisk(Home home, Template t, String id) throws Exception {
        QueueStateDto q = QueueStateStore.read(home).state();
        JobDto j = q.job(id);
        return SettingsResolver.resolve(t, q.globalRenderOptions, q.globalValidationOptions, j.renderOptions,
                j.validationOptions).render();
    }

    @Test
    void aJobSwitchesFromTheTemplatesPresetToItsOwnWidthAndHeightAndBackThroughReopening() throws Exception {
        String id;
        Template template;
        Home home = Home.at(tmp.resolve("home"));
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            template = f.template;
            template.renderOptions.put("preset", "square");
            id = f.runner.add(f.sources("a.stl"), null, null, null).get(0).id();
            assertThat(onDisk(home, template, id).preset()).isEqualTo(Preset.SQUARE);

            assertThat(f.runner.setOverrides(List.of(id), map("width", 800, "height", 600, "preset",
                    OptionKey.NO_VALUE), null)).containsExactly(id);
            assertThat(f.runner.job(id).renderOverrides()).containsEntry("preset", null);
            RenderSettings own = onDisk(home, template, id);
            assertThat(own.preset()).as("the job's own no preset, replayed from the journal").isNull();
            assertThat(own.width()).isEqualTo(800);
            assertThat(own.height()).isEqualTo(600);

            f.runner.setOverrides(List.of(id), map("preset", "4:3"), null);
            assertThat(onDisk(home, template, id).preset()).isEqualTo(Preset.FOUR_BY_THREE);
            f.runner.setOverrides(List.of(id), map("preset", OptionKey.NO_VALUE), null);
            assertThat(onDisk(home, template, id).preset()).as("and back to its own size").isNull();
        }
        try (QueueStateStore reopened = QueueStateStore.open(home)) {
            assertThat(reopened.job(id).renderOptions).as("after a clean exit").containsEntry("preset", null)
                    .containsEntry("width", 800);
        }
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            f.template.renderOptions.put("preset", "square");
            assertThat(f.runner.setOverrides(List.of(id), map("width", null, "height", null, "preset", null), null))
                    .containsExactly(id);
            assertThat(f.store.job(id).renderOptions).isEmpty();
            assertThat(onDisk(home, f.template, id).preset()).as("the template's square again")
                    .isEqualTo(Preset.SQUARE);
        }
    }

    @Test
    void noValueIsRefusedForAKeyThatMustHaveOne() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            String id = f.runner.add(f.sources("a.stl"), null, null, null).get(0).id();
            assertThatThrownBy(() -> f.runner.setOverrides(List.of(id), map("material", OptionKey.NO_VALUE), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("render_options.material cannot be left without a value");
            assertThat(f.store.job(id).renderOptions).isEmpty();
        }
    }
}
