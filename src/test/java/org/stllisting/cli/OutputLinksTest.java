package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links put into an output folder before a run: the run never writes through one, whether it sits
 * at a file's final name, at the name a file is staged under, or at a log the run appends to.
 */
class OutputLinksTest {
    @TempDir
    Path tmp;

    /** Files that links point to, outside the output folder, with what they held. */
    private final Map<Path, String> victims = new LinkedHashMap<>();

    private Path plant(Path link) throws Exception {
        Path victim = tmp.resolve("outside").resolve("victim_" + victims.size() + ".txt");
        Files.createDirectories(victim.getParent());
        String text = "belongs to someone else " + victims.size() + "\n";
        Files.writeString(victim, text);
        victims.put(victim, text);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, victim);
        return link;
    }

    private void assertVictimsUntouched() throws Exception {
        for (Map.Entry<Path, String> v : victims.entrySet()) {
            assertThat(new String(Files.readAllBytes(v.getKey()), StandardCharsets.ISO_8859_1))
                    .as(v.getKey().toString()).isEqualTo(v.getValue());
        }
    }

    /** One model run into {@code out} with the tiny template. */
    private TinyRuns.Outcome runOneModel(Path out) throws Exception {
        Path home = tmp.resolve("home");
        TinyRuns.installTinyTemplate(home, false);
        TinyRuns.models(tmp.resolve("src"), 1);
        return TinyRuns.cli("--home", home.toString(), "run", tmp.resolve("src").toString(), "--out",
                out.toString(), "--template", "tiny");
    }

    @Test
    void aProcessingLogThatIsALinkToAFileOutsideIsNotAppendedToAndTheRunSaysWhy() throws Exception {
        Path out = tmp.resolve("out");
        plant(out.resolve("processing_log.txt"));

        TinyRuns.Outcome r = runOneModel(out);

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertVictimsUntouched();
        assertThat(r.out() + r.err()).contains("processing_log.txt").contains("symbolic link");
        assertThat(out.resolve("model_00/renders/model_00_render.png")).isRegularFile();
    }

    @Test
    void linksAtTheFinalAndStagingNamesOfEveryFileAreNeverWrittenThrough() throws Exception {
        Path out = tmp.resolve("out");
        Path m = out.resolve("model_00");
        List<Path> finals = new ArrayList<>(List.of(m.resolve("source/file_info.json"),
                m.resolve("source/model_00_repaired.stl"), m.resolve("renders/model_00_render.png"),
                m.resolve("renders/model_00_size_chart.png"), m.resolve("renders/color_variations/model_00_red.png"),
                m.resolve("renders/color_variations/model_00_blue.png"), m.resolve("analysis/model_00_analysis.json"),
                m.resolve("analysis/model_00_dimensions.json"), m.resolve("analysis/model_00_validation.json"),
                m.resolve("analysis/model_00_repair.json"), m.resolve("logs/model_00_processing.log"),
                out.resolve("queue_summary.json")));
        for (Path f : finals) {
            plant(f);
            String name = f.getFileName().toString();
            int dot = name.lastIndexOf('.');
            // the staged name, and the temporary name the image writer uses beside it
            String partial = "." + name.substring(0, dot) + ".partial" + name.substring(dot);
            plant(f.resolveSibling(partial));
            plant(f.resolveSibling("." + partial + ".tmp"));
        }

        TinyRuns.Outcome r = runOneModel(out);

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertVictimsUntouched();
        for (Path f : finals) {
            assertThat(Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).as(f.toString()).isTrue();
        }
        assertThat(Files.size(m.resolve("renders/model_00_render.png"))).isGreaterThan(100);
    }

    @Test
    void inspectRepairNeverWritesThroughALinkAtItsTemporaryName() throws Exception {
        Path model = TinyRuns.models(tmp.resolve("src"), 1).get(0);
        Path repaired = tmp.resolve("fixed/model.stl");
        plant(repaired.resolveSibling("model.stl.tmp"));

        TinyRuns.Outcome r = TinyRuns.cli("inspect", model.toString(), "--repair", repaired.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertVictimsUntouched();
        assertThat(Files.isRegularFile(repaired, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
