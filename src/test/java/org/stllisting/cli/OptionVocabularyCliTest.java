package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.template.OptionKey;
import org.stllisting.store.Json;

/** The command line names options and their values from the one vocabulary the templates are checked with. */
class OptionVocabularyCliTest {
    @TempDir
    Path home;

    @Test
    void templatesOptionsListsEveryKeyWithItsValuesAndDefault() throws Exception {
        TinyRuns.Outcome o = TinyRuns.cli("--home", home.toString(), "templates", "options", "--json");
        assertThat(o.exit()).as(o.err()).isZero();
        JsonNode rows = Json.mapper().readTree(o.out());
        List<String> keys = new ArrayList<>();
        for (JsonNode r : rows) {
            keys.add(r.path("section").asText() + "." + r.path("key").asText());
        }
        List<String> expected = new ArrayList<>();
        for (OptionKey k : OptionKey.values()) {
            expected.add(k.section().field() + "." + k.key());
        }
        assertThat(keys).containsExactlyElementsOf(expected).contains("validation_options.density_g_per_cm3");
        TinyRuns.Outcome text = TinyRuns.cli("--home", home.toString(), "templates", "options");
        assertThat(text.out()).contains("render_options", "validation_options")
                .containsPattern("material +plastic, metal, resin +default plastic")
                .containsPattern("density_g_per_cm3 .*default 1.24");
    }

    @Test
    void renderHelpListsTheRenderersWords() {
        TinyRuns.Outcome o = TinyRuns.cli("render", "--help");
        assertThat(o.out()).contains("plastic, metal, resin", "studio, natural, dramatic", "draft, standard, high, ultra",
                "perspective, orthographic", "square, 4:3");
    }
}
