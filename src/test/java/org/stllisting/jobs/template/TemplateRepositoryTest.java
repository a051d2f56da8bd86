package org.stllisting.jobs.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stllisting.store.ConfigStore;

class TemplateRepositoryTest {
    @TempDir
    Path dir;

    private TemplateRepository repo() {
        return new TemplateRepository(dir.resolve("templates"), new ConfigStore(dir.resolve("config.json")));
    }

    @Test
    void listsTheFiveBuiltInsFromTheJar() {
        assertThat(repo().list()).extracting(t -> t.name).containsExactly("quick_preview", "complete_processing",
                "validation_only", "high_quality_renders", "batch_analysis");
        assertThat(repo().list()).allMatch(Template::isBuiltIn);
    }

    @Test
    void findsByStemOrDisplayNameIgnoringCase() {
        assertThat(repo().find("QUICK_preview")).get().extracting(t -> t.displayName).isEqualTo("Quick Preview");
        assertThat(repo().find("high quality renders")).get().extracting(t -> t.name).isEqualTo("high_quality_renders");
        assertThat(repo().find("nope")).isEmpty();
    }

    @Test
    void completeProcessingIsTheDefaultUntilAnotherIsUsed() throws Exception {
        TemplateRepository r = repo();
        assertThat(r.defaultTemplate().name).isEqualTo("complete_processing");
        r.rememberLastUsed("batch_analysis");
        assertThat(repo().defaultTemplate().name).isEqualTo("batch_analysis");
    }

    @Test
    void exportThenImportUnderANewNameRoundTrips() throws Exception {
        TemplateRepository r = repo();
        Path file = dir.resolve("out.json");
        r.export("Complete Processing", file);
        String json = Files.readString(file).replace("\"complete_processing\"", "\"my_set\"")
                .replace("\"Complete Processing\"", "\"My Set\"");
        Files.writeString(file, json);
        Template t = r.importFile(file, false);
        assertThat(t.name).isEqualTo("my_set");
        assertThat(r.find("my set")).isPresent();
        assertThat(r.find("my_set").get().steps).contains("video");
    }

    @Test
    void importingAnUnknownFieldIsRefusedAndWritesNothing() throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, "{\"version\":2,\"name\":\"x\",\"display_name\":\"X\",\"output_path\":\"/etc\"}");
        assertThatThrownBy(() -> repo().importFile(file, false)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("unknown field \"output_path\"");
        assertThat(dir.resolve("templates")).doesNotExist();
    }

    @Test
    void aTemplateOverTheLimitsIsRefusedInOneLineNamingTheLimit() throws Exception {
        Path deep = dir.resolve("deep.json");
        Files.writeString(deep, "{\"version\":2,\"name\":\"x\",\"display_name\":\"X\",\"render_options\":{\"a\":"
                + "[".repeat(40) + "]".repeat(40) + "}}");
        assertThatThrownBy(() -> repo().importFile(deep, false)).isInstanceOf(TemplateException.class)
                .hasMessage(deep + " nests deeper than 32 levels, more than a template may have; check that it is a"
                        + " template file");

        Path longText = dir.resolve("long.json");
        Files.writeString(longText, "{\"version\":2,\"name\":\"x\",\"display_name\":\"" + "X".repeat(100_000)
                + "\"}");
        assertThatThrownBy(() -> repo().importFile(longText, false)).isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(longText + " holds a text longer than 65,536 characters");

        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"version\":2,\"name\":\"x\",\"display_name\":\"X\"}" + " ".repeat(2 << 20));
        assertThatThrownBy(() -> repo().importFile(big, false)).isInstanceOf(TemplateException.class)
                .hasMessage(big + " is 2.0 MB, more than the 1 MB a template may have; check that it is a template file");
        assertThat(dir.resolve("templates")).doesNotExist();

        // the same file among the user's templates is skipped with the same reason; the others are listed
        Files.createDirectories(dir.resolve("templates"));
        Files.copy(big, dir.resolve("templates/big.json"));
        TemplateRepository r = repo();
        assertThat(r.list()).extracting(t -> t.name).doesNotContain("big").contains("quick_preview");
        assertThat(r.problems()).anyMatch(p -> p.contains("big.json is 2.0 MB, more than the 1 MB"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "/abs", "a/b", "a\\\\b", "nul\\u0000x", "..", "C:"})
    void importingAPrefixThatLeavesTheOutputFolderIsRefused(String prefix) throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, "{\"version\":2,\"name\":\"x\",\"display_name\":\"X\",\"output_options\":"
                + "{\"naming\":{\"custom_prefix\":\"" + prefix + "\"}}}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> repo().importFile(file, false)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("custom_prefix").hasMessageContaining("leave the output folder");
        assertThat(dir.resolve("templates")).doesNotExist();
    }

    @Test
    void importingASubfolderWithDotDotIsRefused() throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, "{\"version\":2,\"name\":\"x\",\"display_name\":\"X\",\"output_options\":"
                + "{\"subfolder\":\"..\"}}");
        assertThatThrownBy(() -> repo().importFile(file, false)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("subfolder");
        assertThat(dir.resolve("templates")).doesNotExist();
    }

    @Test
    void aVersionOneTemplateIsUpgraded() throws Exception {
        Path file = dir.resolve("old.json");
        Files.writeString(file, """
                {"name": "Shop Renders", "description": "old style",
                 "render_options": {"generate_image": true, "generate_video": true, "width": 1000, "height": 1000,
                                    "background_image": "/pics/bg.jpg"},
                 "validation_options": {"level": "standard", "auto_repair": true},
                 "output_settings": {"include_timestamp": true, "custom_prefix": "shop"},
                 "created_at": "2024-01-15T10:30:00Z", "created_by": "gui"}
                """);
        Template t = repo().importFile(file, false);
        assertThat(t.name).isEqualTo("shop_renders");
        assertThat(t.displayName).isEqualTo("Shop Renders");
        assertThat(t.version).isEqualTo(Template.CURRENT_VERSION);
        assertThat(t.steps).containsExactly("load", "validate", "repair", "analyze", "render", "video", "finalize");
        assertThat(t.renderOptions).containsEntry("background", "image:/pics/bg.jpg").doesNotContainKey("background_image");
        assertThat(t.outputOptions.naming.timestampSuffix).isTrue();
        assertThat(t.outputOptions.naming.customPrefix).isEqualTo("shop");
    }

    @Test
    void aBuiltInNameCannotBeOverwritten() throws Exception {
        Template t = repo().require("quick preview").copy();
        assertThatThrownBy(() -> repo().save(t, true)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("built-in");
    }

    @Test
    void unknownRenderOptionsAreRefused() {
        byte[] json = "{\"version\":2,\"name\":\"x\",\"display_name\":\"X\",\"render_options\":{\"out_dir\":\"/tmp\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TemplateCodec.parse(json, "x.json")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("render_options.out_dir is not a known render option");
    }
}
