package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateRepository;
import org.stllisting.store.ConfigStore;

/** What the template picker says of the built-in templates, read from the templates themselves. */
class TemplateSummaryTest {
    @TempDir
    Path tmp;

    private Template builtIn(String name) {
        return new TemplateRepository(tmp.resolve("templates"), new ConfigStore(tmp.resolve("config.json")))
                .find(name).orElseThrow();
    }

    @Test
    void aTemplateThatRendersSaysWhatItMakesAndHow() {
        assertThat(TemplateSummary.lines(builtIn("quick_preview"))).contains(
                "Steps: Load, Validate, Analyze, Render, Finalize",
                "Makes: product image 1280×720, dimensions, volume and weight, a validation report",
                "Material: plastic, #4A90D9, studio lighting, draft quality", "Checks: basic validation, no repair",
                "Output: per-model");
    }

    @Test
    void aTemplateThatOnlyChecksSaysSoAndNamesNoMaterial() {
        assertThat(TemplateSummary.lines(builtIn("validation_only")))
                .contains("Steps: Load, Validate, Repair, Finalize",
                        "Makes: a validation report, the repaired STL with a repair report",
                        "Checks: standard validation, repairs what it can")
                .noneMatch(l -> l.startsWith("Material"));
    }

    @Test
    void stepsAreInPlainWordsAsTheDetailPaneNamesThem() {
        assertThat(TemplateSummary.lines(builtIn("complete_processing")))
                .anyMatch(l -> l.startsWith("Steps: ") && l.contains("Size chart") && l.contains("Color variations"))
                .noneMatch(l -> l.contains("size_chart") || l.contains("color_variations"));
    }

    @Test
    void whatTheValidationOnlyTemplateSaysItWritesAgreesWithItsMakesLine() {
        Template t = builtIn("validation_only");
        assertThat(t.description).contains("repaired STL").contains("validation report");
        assertThat(TemplateSummary.lines(t)).anyMatch(l -> l.startsWith("Makes: ") && l.contains("repaired STL")
                && l.contains("validation report"));
    }
}
