package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stllisting.jobs.template.JobSettings;
import org.stllisting.jobs.template.OptionKey;
import org.stllisting.jobs.template.SettingsResolver;
import org.stllisting.jobs.template.Template;
import org.stllisting.ui.mainwindow.OverridesForm.Field;

/** The fields of a job's own settings as plain values: what a user's choices become for the runner. */
class OverridesFormTest {
    private static JobSettings settings(Map<String, Object> render) throws Exception {
        Template t = new Template();
        t.name = "t";
        t.renderOptions = new LinkedHashMap<>(render);
        return SettingsResolver.resolve(t, null, null, null, null);
    }

    @Test
    void forOneJobOnlyTheFieldsThatDifferFromTheValueInEffectChange() throws Exception {
        OverridesForm form = new OverridesForm();
        JobSettings s = settings(Map.of("width", 1280, "height", 720, "generate_video", false));
        form.show(s, Map.of());
        assertThat(form.valueProperty(Field.SIZE).get()).isEqualTo("1280 × 720");
        assertThat(form.valueProperty(Field.VIDEO).get()).isEqualTo("off");
        assertThat(form.sourceProperty(Field.VIDEO).get()).isEqualTo("template");
        assertThat(form.changes().isEmpty()).isTrue();

        form.valueProperty(Field.VIDEO).set("on");
        form.valueProperty(Field.SIZE).set("800x600");
        form.valueProperty(Field.COLOR).set("#00ff00");
        Map<String, Object> expected = new HashMap<>();
        expected.put("generate_video", true);
        expected.put("width", 800);
        expected.put("height", 600);
        expected.put("preset", OptionKey.NO_VALUE);
        expected.put("color", "#00FF00");
        assertThat(form.changes().render()).isEqualTo(expected);
    }

    @Test
    void forSeveralJobsKeepChangesNothingAndTheTemplatesRemovesTheFieldsKeys() {
        OverridesForm form = new OverridesForm();
        form.keepAll();
        assertThat(form.changes().isEmpty()).isTrue();
        form.valueProperty(Field.SIZE).set(OverridesForm.TEMPLATE);
        form.valueProperty(Field.MATERIAL).set("resin");
        Map<String, Object> expected = new HashMap<>();
        expected.put("preset", null);
        expected.put("width", null);
        expected.put("height", null);
        expected.put("material", "resin");
        assertThat(form.changes().render()).isEqualTo(expected);
    }

    @Test
    void aValueThatCannotBeUsedIsRefusedNamingTheField() throws Exception {
        OverridesForm form = new OverridesForm();
        JobSettings square = settings(Map.of("preset", "square"));
        form.show(square, Map.of());
        assertThat(form.valueProperty(Field.SIZE).get()).isEqualTo("square (2000 × 2000)");
        form.valueProperty(Field.SIZE).set("800 × 600");
        Map<String, Object> own = new HashMap<>();
        own.put("width", 800);
        own.put("height", 600);
        own.put("preset", OptionKey.NO_VALUE);
        assertThat(form.changes().render()).as("its own size, whatever the template's").isEqualTo(own);
        form.valueProperty(Field.SIZE).set("4:3");
        assertThat(form.changes().render()).isEqualTo(Map.of("preset", "4:3"));
        form.valueProperty(Field.BACKGROUND).set("blue");
        form.valueProperty(Field.IMAGE).set("maybe");
        assertThatThrownBy(form::changes).hasMessageStartingWith("Background: must be color:#hex")
                .hasMessageContaining("; Product image: must be on or off");
    }

    @Test
    void ownSettingsAreDescribedInAFewWordsEach() {
        Map<String, Object> render = new LinkedHashMap<>();
        render.put("generate_video", false);
        render.put("color", "#00FF00");
        render.put("width", 800);
        render.put("height", 600);
        render.put("quality", "high");
        assertThat(OverridesForm.describe(render, Map.of("level", "strict"))).containsExactly("color #00FF00",
                "size 800 × 600", "no turntable video", "quality high", "level strict");
        render.put("preset", null);
        assertThat(OverridesForm.describe(render, Map.of())).as("its own size over a template's preset")
                .contains("size 800 × 600").doesNotContain("preset null");
        Map<String, Object> noPreset = new HashMap<>();
        noPreset.put("preset", null);
        assertThat(OverridesForm.describe(noPreset, Map.of())).containsExactly("no fixed size");
    }
}
