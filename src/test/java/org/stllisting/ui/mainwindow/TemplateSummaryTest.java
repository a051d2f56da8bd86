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
                "Steps: load, validate, analyze, render, finalize",
                "Makes: product image 1280×720, dimensions, volume and weight",
                "Material: plastic, #4A90D9, studio lighting, draft quality", "Checks: basic validation, no repair",
                "Output: per-model");
    }

    @Test
    void aTemplateThatOnlyChecksSaysSoAndNamesNoMaterial() {
        assertThat(TemplateSummary.lines(builtIn("validation_only")))
                .contains("Steps: load, validate, repair, finalize", "Makes: a validation report only",
                        "Checks: standard validation, repairs what it can")
                .noneMatch(l -> l.startsWith("Material"));
    }
}
