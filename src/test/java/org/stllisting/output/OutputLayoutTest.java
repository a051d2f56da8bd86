package org.stllisting.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Json;

class OutputLayoutTest {
    static final Instant CREATED = Instant.parse("2026-01-24T10:30:00Z");
    static final RenderTags TAGS = new RenderTags("high", "metal", 3840, 2160);

    @TempDir
    Path out;

    private String rel(Path p) {
        return out.toAbsolutePath().normalize().relativize(p).toString().replace('\\', '/');
    }

    @Test
    void perModelTreeIsTheSeedTree() throws IOException {
        ModelOutputs m = new OutputLayout(out, OutputMode.PER_MODEL, NamingOptions.defaults()).model("ModelA", CREATED);
        assertThat(rel(m.sourceLink(".stl"))).isEqualTo("ModelA/source/ModelA.stl");
        assertThat(rel(m.fileInfo())).isEqualTo("ModelA/source/file_info.json");
        assertThat(rel(m.render(TAGS))).isEqualTo("ModelA/renders/ModelA_render.png");
        assertThat(rel(m.sizeChart(TAGS))).isEqualTo("ModelA/renders/ModelA_size_chart.png");
        assertThat(rel(m.video(TAGS))).isEqualTo("ModelA/renders/ModelA_presentation.mp4");
        assertThat(rel(m.colorVariation("Red", TAGS))).isEqualTo("ModelA/renders/color_variations/ModelA_red.png");
        assertThat(rel(m.colorVariation("#1E90FF", TAGS))).isEqualTo("ModelA/renders/color_variations/ModelA_blue.png");
        assertThat(rel(m.colorVariation("#D32F2F", TAGS))).isEqualTo("ModelA/renders/color_variations/ModelA_red.png");
        assertThat(rel(m.colorVariation("#212121", TAGS))).isEqualTo("ModelA/renders/color_variations/ModelA_black.png");
        assertThat(rel(m.analysis())).isEqualTo("ModelA/analysis/ModelA_analysis.json");
        assertThat(rel(m.dimensions())).isEqualTo("ModelA/analysis/ModelA_dimensions.json");
        assertThat(rel(m.validation())).isEqualTo("ModelA/analysis/ModelA_validation.json");
        assertThat(rel(m.processingLog())).isEqualTo("ModelA/logs/ModelA_processing.log");
        assertThat(rel(m.errorLog())).isEqualTo("ModelA/logs/ModelA_error.log");
        assertThat(rel(m.warningsLog())).isEqualTo("ModelA/logs/ModelA_warnings.log");
        OutputLayout layout = m.layout();
        assertThat(rel(layout.queueSummary())).isEqualTo("queue_summary.json");
        assertThat(rel(layout.processingLog())).isEqualTo("processing_log.txt");
        assertThat(rel(layout.failedLink("broken", ".stl"))).isEqualTo("failed/broken.stl");
        assertThat(rel(layout.failedErrorLog("broken"))).isEqualTo("failed/broken_error.log");
    }

    @Test
    void flatModePutsEveryFileAtTheTop() throws IOException {
        ModelOutputs m = new OutputLayout(out, OutputMode.FLAT, NamingOptions.defaults()).model("ModelB", CREATED);
        assertThat(rel(m.render(TAGS))).isEqualTo("ModelB_render.png");
        assertThat(rel(m.sizeChart(TAGS))).isEqualTo("ModelB_size_chart.png");
        assertThat(rel(m.analysis())).isEqualTo("ModelB_analysis.json");
        assertThat(rel(m.colorVariation("blue", TAGS))).isEqualTo("ModelB_blue.png");
        assertThat(rel(m.fileInfo())).isEqualTo("ModelB_file_info.json");
        assertThat(m.folders()).containsExactly(out.toAbsolutePath().normalize());
    }

    @Test
    void groupedModeSortsFilesByType() throws IOException {
        ModelOutputs m = new OutputLayout(out, OutputMode.GROUPED, NamingOptions.defaults()).model("ModelA", CREATED);
        assertThat(rel(m.render(TAGS))).isEqualTo("renders/ModelA_render.png");
        assertThat(rel(m.sizeChart(TAGS))).isEqualTo("size_charts/ModelA_size_chart.png");
        assertThat(rel(m.video(TAGS))).isEqualTo("videos/ModelA_presentation.mp4");
        assertThat(rel(m.analysis())).isEqualTo("analysis/ModelA_analysis.json");
        assertThat(rel(m.processingLog())).isEqualTo("logs/ModelA_processing.log");
        assertThat(rel(m.colorVariation("green", TAGS))).isEqualTo("color_variations/ModelA_green.png");
    }

    @Test
    void namingOptionsAddPrefixAndSuffixesInOrder() throws IOException {
        NamingOptions all = new NamingOptions(true, true, true, true, "shop");
        ModelOutputs m = new OutputLayout(out, OutputMode.FLAT, all).model("ModelA", CREATED);
        assertThat(rel(m.render(TAGS))).isEqualTo("shop_ModelA_render_high_metal_4k_20260124_103000.png");
        assertThat(rel(m.render(new RenderTags("draft", "resin", 1920, 1080))))
                .isEqualTo("shop_ModelA_render_draft_resin_1920x1080_20260124_103000.png");
        // render attributes say nothing about an analysis file
        assertThat(rel(m.analysis())).isEqualTo("shop_ModelA_analysis_20260124_103000.json");
        NamingOptions quality = NamingOptions.defaults().withQualitySuffix(true).withCustomPrefix("etsy-");
        assertThat(rel(new OutputLayout(out, OutputMode.FLAT, quality).model("M", CREATED).sizeChart(TAGS)))
                .isEqualTo("etsy-M_size_chart_high.png");
    }

    @Test
    void prefixThatCouldLeaveTheFolderIsRefused() {
        for (String bad : List.of("../up", "a/b", "a\\b", "/abs", "C:evil", "~home", "x\u0000y", "..")) {
            assertThatThrownBy(() -> new OutputLayout(out, OutputMode.FLAT, NamingOptions.defaults().withCustomPrefix(bad)))
                    .as(bad).isInstanceOf(UnsafeOutputPathException.class).hasMessageContaining("refusing");
        }
    }

    @Test
    void pathsOutsideTheOutputFolderAreRefusedWhateverAsksForThem(@TempDir Path elsewhere) throws IOException {
        OutputLayout layout = new OutputLayout(out, OutputMode.PER_MODEL, NamingOptions.defaults());
        assertThatThrownBy(() -> layout.inside("../escape.png")).isInstanceOf(UnsafeOutputPathException.class);
        assertThatThrownBy(() -> layout.inside("a/../../escape.png")).isInstanceOf(UnsafeOutputPathException.class);
        assertThatThrownBy(() -> layout.inside("/etc/passwd")).isInstanceOf(UnsafeOutputPathException.class);
        assertThatThrownBy(() -> layout.check(out.resolve("x/../../y"))).isInstanceOf(UnsafeOutputPathException.class);
        assertThatThrownBy(() -> layout.model("../ModelA", CREATED)).isInstanceOf(UnsafeOutputPathException.class);
        assertThatThrownBy(() -> layout.model("..", CREATED)).isInstanceOf(UnsafeOutputPathException.class);
        // an existing folder inside that is a symlink to somewhere else
        Files.createSymbolicLink(out.resolve("ModelA"), elsewhere);
        assertThatThrownBy(() -> layout.model("ModelA", CREATED).render(TAGS))
                .isInstanceOf(UnsafeOutputPathException.class).hasMessageContaining("leads outside");
        // a folder link whose target does not exist (yet): creating folders below it would create them there
        Files.createSymbolicLink(out.resolve("ModelC"), elsewhere.resolve("not-yet"));
        assertThatThrownBy(() -> layout.model("ModelC", CREATED).render(TAGS))
                .isInstanceOf(UnsafeOutputPathException.class).hasMessageContaining("symbolic link");
        assertThat(layout.inside("a/../ModelB/x.png")).isEqualTo(out.toAbsolutePath().normalize().resolve("ModelB/x.png"));
    }

    @Test
    void aLongSourceNameGivesAModelWhoseFilesFitTheFileSystem() throws IOException {
        String name = FileNames.modelName("a".repeat(250) + ".stl");
        OutputLayout layout = new OutputLayout(out, OutputMode.FLAT, NamingOptions.defaults()
                .withCustomPrefix("p".repeat(OutputRules.MAX_NAME_LENGTH)).withQualitySuffix(true)
                .withMaterialSuffix(true).withSizeSuffix(true).withTimestampSuffix(true));
        Path file = layout.model(name, CREATED).colorVariation("#D32F2F", TAGS);
        assertThat(file.getFileName().toString().length()).isLessThanOrEqualTo(255);
        assertThat(layout.model(name, CREATED).colorVariation("Sky Blue ".repeat(40), TAGS).getFileName().toString())
                .hasSizeLessThanOrEqualTo(255);
        Files.createDirectories(file.getParent());
        OutputFiles.writeString(file, "x");
        assertThat(file).hasContent("x");
    }

    @Test
    void aTemplateSubfolderIsOnePlainShortName() throws IOException {
        OutputLayout layout = new OutputLayout(out, OutputMode.PER_MODEL, NamingOptions.defaults());
        assertThat(layout.under("shop").root()).isEqualTo(out.toAbsolutePath().normalize().resolve("shop"));
        assertThat(layout.under(null)).isSameAs(layout);
        for (String bad : List.of("..", ".", "a/b", "../up", "/abs", " ", ".hidden", "s".repeat(65))) {
            assertThatThrownBy(() -> layout.under(bad)).as(bad).isInstanceOf(UnsafeOutputPathException.class)
                    .hasMessageContaining("subfolder");
        }
    }

    @Test
    void sourcesWithTheSameBaseNameGetDistinctModelNames() {
        String a = ModelNames.unique("ModelA.stl", List.of());
        String b = ModelNames.unique("ModelA.STL", List.of(a));
        String c = ModelNames.unique("modela.stl", List.of(a, b));
        assertThat(List.of(a, b, c)).containsExactly("ModelA", "ModelA_2", "modela_3");
        assertThat(FileNames.modelName("../../etc/x.stl")).doesNotContain("/").doesNotStartWith(".");
        assertThat(FileNames.modelName(".hidden.stl")).isEqualTo("hidden");
        assertThat(FileNames.modelName("Vase (v2) #final.stl")).isEqualTo("Vase _v2_ _final");
    }

    @Test
    void sourceIsLinkedWithFileInfoAndFailuresAreFiled(@TempDir Path src) throws IOException {
        Path original = Files.writeString(src.resolve("ModelA.stl"), "solid a\nendsolid a\n");
        OutputLayout layout = new OutputLayout(out, OutputMode.PER_MODEL, NamingOptions.defaults());
        ModelOutputs m = layout.model("ModelA", CREATED);
        OutputOrganizer.prepare(m);
        SourceFileInfo info = OutputOrganizer.linkSource(m, original, new SourceFileInfo("ModelA", null, "ModelA.stl",
                19, CREATED, "abc", "ascii", 0, null, null, null));
        Path link = m.sourceLink(".stl");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(original.toAbsolutePath());
        JsonNode json = Json.mapper().readTree(m.fileInfo().toFile());
        assertThat(json.get("original_path").asText()).isEqualTo(original.toAbsolutePath().toString());
        assertThat(json.get("link").asText()).isEqualTo("ModelA.stl");
        assertThat(info.linkError()).isNull();
        // linking again replaces the link, never writes through it into the user's file
        OutputOrganizer.linkSource(m, original, info);
        assertThat(Files.readString(original)).isEqualTo("solid a\nendsolid a\n");

        Path log = OutputOrganizer.recordFailure(layout, "broken", original, "truncated: 200 of 4032 facets", List.of("at byte 10101"));
        assertThat(Files.readString(log)).contains("truncated: 200 of 4032 facets").contains(original.toAbsolutePath().toString());
        assertThat(Files.isSymbolicLink(layout.failedLink("broken", ".stl"))).isTrue();
        try (var s = Files.walk(out)) {
            assertThat(s.filter(OutputFiles::isPartial)).isEmpty();
        }
    }

    @Test
    void partialFilesAreRecognisedAndRemovedButNothingElse() throws IOException {
        Path target = out.resolve("ModelA/renders/ModelA_render.png");
        Path partial = OutputFiles.partial(target);
        assertThat(partial.getFileName().toString()).isEqualTo(".ModelA_render.partial.png");
        Files.createDirectories(target.getParent());
        Files.writeString(partial, "half");
        Files.writeString(out.resolve("ModelA/renders/keep.png"), "whole");
        Files.writeString(out.resolve("ModelA/.hidden_user_file"), "mine");
        Path encoderTemp = out.resolve("ModelA/renders/..ModelA_presentation.partial.mp4.tmp.mp4");
        Files.writeString(encoderTemp, "frames");
        assertThat(OutputFiles.removePartials(out)).containsExactlyInAnyOrder(partial, encoderTemp);
        assertThat(out.resolve("ModelA/renders/keep.png")).exists();
        assertThat(out.resolve("ModelA/.hidden_user_file")).exists();
        Files.writeString(partial, "whole now");
        OutputFiles.commit(partial, target);
        assertThat(target).hasContent("whole now");
        assertThat(Files.exists(partial, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
