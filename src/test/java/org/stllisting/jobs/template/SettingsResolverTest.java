package org.stllisting.jobs.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.analyze.MeshAnalysis;
import org.stllisting.mesh.validate.ValidationLevel;
import org.stllisting.render.Material;
import org.stllisting.render.Preset;
import org.stllisting.render.Quality;
import org.stllisting.render.RenderOptions;
import org.stllisting.store.ConfigStore;

class SettingsResolverTest {
    private static Template template(Map<String, Object> render, Map<String, Object> validation) {
        Template t = new Template();
        t.name = "shop";
        t.displayName = "Shop";
        t.renderOptions = new LinkedHashMap<>(render);
        t.validationOptions = new LinkedHashMap<>(validation);
        return t;
    }

    @Test
    void theJobsOptionsWinOverTheQueuesWhichWinOverTheTemplatesKeyByKey() throws Exception {
        Template t = template(Map.of("width", 800, "height", 600, "material", "metal", "quality", "high"),
                Map.of("level", "strict", "density_g_per_cm3", 1.1));
        JobSettings s = SettingsResolver.resolve(t, Map.of("width", 640, "quality", "draft"),
                Map.of("density_g_per_cm3", 1.2), Map.of("width", 320), Map.of("auto_repair", false));
        assertThat(s.render().width()).isEqualTo(320);
        assertThat(s.render().height()).isEqualTo(600);
        assertThat(s.render().material()).isEqualTo(Material.METAL);
        assertThat(s.render().quality()).isEqualTo(Quality.DRAFT);
        assertThat(s.validation().level()).isEqualTo(ValidationLevel.STRICT);
        assertThat(s.validation().autoRepair()).isFalse();
        assertThat(s.analysis().densityGPerCm3()).isEqualTo(1.2);
    }

    @Test
    void nothingSetGivesTheVocabularysDefaultsWhichAreTheRenderersAndPla() throws Exception {
        JobSettings s = SettingsResolver.resolve(template(Map.of(), Map.of()), null, null, null, null);
        assertThat(s).isEqualTo(SettingsResolver.defaults());
        assertThat(s.render().toRenderOptions()).isEqualTo(RenderOptions.defaults());
        assertThat(s.validation()).isEqualTo(new ValidationSettings(ValidationLevel.STANDARD, true, false));
        assertThat(s.analysis().densityGPerCm3()).isEqualTo(MeshAnalysis.PLA_DENSITY);
        assertThat(s.media().image() && s.media().sizeChart() && s.media().colorVariations() && s.media().video())
                .isTrue();
        assertThat(s.media().colors()).hasSize(5);
        assertThat(s.render().preset()).isNull();
    }

    @Test
    void anEmptyColorListMeansTheDefaultColorsAndAPresetCanBeSetBackToNone() throws Exception {
        Map<String, Object> noPreset = new LinkedHashMap<>();
        noPreset.put("preset", null);
        JobSettings s = SettingsResolver.resolve(template(Map.of("colors", List.of(), "preset", "4:3"), Map.of()),
                null, null, noPreset, null);
        assertThat(s.media().colors()).isEqualTo(SettingsResolver.defaults().media().colors());
        assertThat(s.render().preset()).isNull();
        JobSettings square = SettingsResolver.resolve(template(Map.of("preset", "square"), Map.of()), null, null,
                null, null);
        assertThat(square.render().preset()).isEqualTo(Preset.SQUARE);
        assertThat(square.render().toRenderOptions().effectiveWidth()).isEqualTo(2000);
    }

    @Test
    void anUnknownKeyOrABadValueInAnyLayerIsRefusedNamingTheTemplateFileTheLayerAndTheKey() {
        Template t = template(Map.of("width", 800), Map.of());
        assertThatThrownBy(() -> SettingsResolver.resolve(t, Map.of("material", "wood"), null, null,
                Map.of("remove_small_fragmentz", true)))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template shop.json: options cannot be used: ")
                .hasMessageContaining("queue option render_options.material must be one of plastic, metal, resin, "
                        + "not \"wood\"")
                .hasMessageContaining("job option validation_options.remove_small_fragmentz is not a known "
                        + "validation option");
        Template bad = template(Map.of("density_g_per_cm3", 2.0), Map.of("density", 2.0));
        assertThatThrownBy(() -> SettingsResolver.resolve(bad, null, null, null, null))
                .hasMessageContaining("template shop.json")
                .hasMessageContaining("render_options.density_g_per_cm3 is not a known render option")
                .hasMessageContaining("validation_options.density is not a known validation option");
    }

    @Test
    void everyBuiltInTemplateResolves(@TempDir Path dir) throws Exception {
        TemplateRepository repo = new TemplateRepository(dir.resolve("templates"),
                new ConfigStore(dir.resolve("config.json")));
        for (Template t : repo.builtIns()) {
            JobSettings s = SettingsResolver.resolve(t, null, null, null, null);
            assertThat(s.render().toRenderOptions().width()).isPositive();
        }
        JobSettings batch = SettingsResolver.resolve(repo.require("batch_analysis"), null, null, null, null);
        assertThat(batch.analysis().densityGPerCm3()).isEqualTo(1.24);
        assertThat(batch.media().image()).isFalse();
    }
}
