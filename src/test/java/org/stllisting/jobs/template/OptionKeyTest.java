package org.stllisting.jobs.template;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stllisting.jobs.steps.StepContext;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.render.RenderOptions;

/** The vocabulary of options: every key it accepts reaches the settings the steps are given. */
class OptionKeyTest {
    /** A valid value other than the default, for every key. */
    private static final Map<OptionKey, Object> OTHER = Map.ofEntries(
            entry(OptionKey.WIDTH, 640), entry(OptionKey.HEIGHT, 480), entry(OptionKey.MATERIAL, "metal"),
            entry(OptionKey.COLOR, "#112233"), entry(OptionKey.LIGHTING, "dramatic"),
            entry(OptionKey.BACKGROUND, "transparent"), entry(OptionKey.AZIMUTH, 10.0),
            entry(OptionKey.ELEVATION, 60.0), entry(OptionKey.UP_AXIS, "y"), entry(OptionKey.PROJECTION, "orthographic"),
            entry(OptionKey.QUALITY, "ultra"), entry(OptionKey.PRESET, "4:3"), entry(OptionKey.GENERATE_IMAGE, false),
            entry(OptionKey.GENERATE_SIZE_CHART, false), entry(OptionKey.GENERATE_VIDEO, false),
            entry(OptionKey.GENERATE_COLOR_VARIATIONS, false), entry(OptionKey.COLORS, List.of("#000000")),
            entry(OptionKey.VIDEO_SECONDS, 2.5), entry(OptionKey.VIDEO_FPS, 12), entry(OptionKey.VIDEO_SIZE, 320),
            entry(OptionKey.LEVEL, "strict"), entry(OptionKey.AUTO_REPAIR, false),
            entry(OptionKey.REMOVE_SMALL_FRAGMENTS, true), entry(OptionKey.DENSITY, 7.85));

    private static Template with(OptionKey k, Object value) {
        Template t = new Template();
        t.name = "walk";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k.key(), value);
        if (k.section() == OptionKey.Section.RENDER) {
            t.renderOptions = m;
        } else {
            t.validationOptions = m;
        }
        return t;
    }

    @Test
    void everyAcceptedKeyChangesTheTypedSettingsTheStepsAreGiven() throws Exception {
        assertThat(OTHER.keySet()).as("a value for every key of the vocabulary")
                .containsExactlyInAnyOrder(OptionKey.values());
        JobSettings defaults = SettingsResolver.defaults();
        for (OptionKey k : OptionKey.values()) {
            assertThat(k.type().problem(OTHER.get(k))).as(k.key()).isNull();
            assertThat(k.type().problem(k.defaultValue())).as("default of %s", k.key()).isNull();
            assertThat(SettingsResolver.resolve(with(k, k.defaultValue()), null, null, null, null))
                    .as("%s at its default", k.key()).isEqualTo(defaults);
            assertThat(SettingsResolver.resolve(with(k, OTHER.get(k)), null, null, null, null))
                    .as("%s = %s reaches the settings", k.key(), OTHER.get(k)).isNotEqualTo(defaults);
        }
    }

    @Test
    void stepsAreGivenOnlyTheTypedSettingsWhichHoldOneFieldPerKey() {
        for (Method m : StepContext.class.getMethods()) {
            assertThat(m.getName()).doesNotEndWith("Options");
        }
        assertThat(Arrays.stream(JobSettings.class.getRecordComponents()).map(RecordComponent::getType).toList())
                .containsExactly(RenderSettings.class, MediaSettings.class, ValidationSettings.class,
                        AnalysisSettings.class);
        int fields = 0;
        for (RecordComponent c : JobSettings.class.getRecordComponents()) {
            fields += c.getType().getRecordComponents().length;
        }
        assertThat(fields).as("one field of the typed settings per key").isEqualTo(OptionKey.values().length);
    }

    @Test
    void aKeyOutsideTheVocabularyIsRefusedInEachSectionAsTheOldDensityNameIs() {
        assertThat(OptionKey.problem(OptionKey.Section.VALIDATION, "density", 2.0))
                .isEqualTo("is not a known validation option");
        assertThat(OptionKey.problem(OptionKey.Section.RENDER, "density_g_per_cm3", 2.0))
                .isEqualTo("is not a known render option");
        Set<String> keys = new HashSet<>();
        for (OptionKey k : OptionKey.values()) {
            assertThat(keys.add(k.section() + "." + k.key())).as("%s listed once", k.key()).isTrue();
            assertThat(OptionKey.find(k.section(), k.key())).isEqualTo(k);
        }
    }

    @Test
    void theRendererAndTheTemplateCheckerAcceptTheSameWords() {
        assertThat(RenderOptions.MATERIALS).containsExactlyInAnyOrderElementsOf(words(OptionKey.MATERIAL));
        assertThat(RenderOptions.QUALITIES).containsExactlyInAnyOrderElementsOf(words(OptionKey.QUALITY));
        assertThat(RenderOptions.LIGHTINGS).containsExactlyInAnyOrderElementsOf(words(OptionKey.LIGHTING));
        assertThat(RenderOptions.PROJECTIONS).containsExactlyInAnyOrderElementsOf(words(OptionKey.PROJECTION));
        assertThat(Template.ALL_STEPS).containsExactlyElementsOf(
                Arrays.stream(StepKind.values()).map(StepKind::id).toList());
    }

    private static List<String> words(OptionKey k) {
        return ((OptionType.OneOf) k.type()).words();
    }
}
