package org.stllisting.jobs.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Null as an option's value: accepted where the key takes no value (the preset), refused in one line naming
 * the key where it must have one (a word such as the material), never an exception of the checker itself.
 */
class NullOptionValueTest {
    @Test
    void nullIsAcceptedForThePresetAndRefusedForAWordNamingTheKey() throws Exception {
        assertThat(OptionKey.problem(OptionKey.Section.RENDER, "preset", null)).isNull();
        assertThat(OptionKey.problem(OptionKey.Section.RENDER, "material", null))
                .startsWith("must be one of ").endsWith(", not \"null\"");

        byte[] json = ("{\"version\":2,\"name\":\"x\",\"display_name\":\"X\",\"render_options\":{\"preset\":null,"
                + "\"material\":null}}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TemplateCodec.parse(json, "x.json")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("render_options.material must be one of").hasMessageNotContaining("preset");
    }
}
