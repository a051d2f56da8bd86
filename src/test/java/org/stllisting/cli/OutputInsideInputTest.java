package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Json;

/**
 * An output folder inside the folder being processed ({@code cd models && stl-listing run .}): a later run
 * never queues what an earlier one wrote there (the links to the sources, the repaired meshes), and says once
 * that it skipped the folder.
 */
class OutputInsideInputTest {
    @TempDir
    Path tmp;

    /** The sources of the jobs a {@code run --json} queued, sorted. */
    private static List<String> queuedSources(TinyRuns.Outcome r) throws Exception {
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        List<String> sources = new ArrayList<>();
        doc.path("jobs").forEach(j -> sources.add(j.path("source").asText()));
        sources.sort(null);
        return sources;
    }

    @Test
    void runningThreeTimesIntoAnOutputFolderInsideTheInputQueuesTheSameModelsEachTime() throws Exception {
        Path home = TinyRuns.tinyHome(tmp);
        Path models = tmp.resolve("models");
        List<Path> files = TinyRuns.models(models, 2);
        Path out = models.resolve("stl-listing-output");
        List<String> expected = files.stream().map(Path::toString).sorted().toList();
        for (int run = 1; run <= 3; run++) {
            TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", models.toString(), "--out",
                    out.toString(), "--template", "tiny", "--json");
            assertThat(queuedSources(r)).as("run " + run).isEqualTo(expected);
            assertThat(Json.mapper().readTree(r.out()).path("ignored")).as("run " + run).isEmpty();
        }
        assertThat(out.resolve(".stl-listing-output")).isRegularFile();
        assertThat(out.resolve("model_00_2")).doesNotExist();
    }

    @Test
    void theSkippedOutputFolderIsSaidOnceInsteadOfAnIgnoredLinePerFile() throws Exception {
        Path home = TinyRuns.tinyHome(tmp);
        Path models = tmp.resolve("models");
        TinyRuns.models(models, 1);
        Files.writeString(models.resolve("notes.txt"), "a note");
        Path out = models.resolve("stl-listing-output");
        TinyRuns.Outcome first = TinyRuns.cli("--home", home.toString(), "run", models.toString(), "--out",
                out.toString(), "--template", "tiny");
        assertThat(first.exit()).as(first.out() + first.err()).isZero();
        TinyRuns.Outcome second = TinyRuns.cli("--home", home.toString(), "run", models.toString(), "--out",
                out.toString(), "--template", "tiny");
        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("skipped 1 output folder of stl-listing: " + out)
                .contains("Processing 1 model(s)");
        assertThat(second.out().lines().filter(l -> l.startsWith("ignored")).toList())
                .containsExactly("ignored (not an STL file): " + models.resolve("notes.txt"));
    }

    @Test
    void anOutputFolderOfAnEarlierRunIsSkippedWhenTheRunWritesElsewhere() throws Exception {
        Path home = TinyRuns.tinyHome(tmp);
        Path models = tmp.resolve("models");
        List<Path> files = TinyRuns.models(models, 1);
        Path inside = models.resolve("listings");
        assertThat(queuedSources(TinyRuns.cli("--home", home.toString(), "run", models.toString(), "--out",
                inside.toString(), "--template", "tiny", "--json"))).containsExactly(files.get(0).toString());
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", models.toString(), "--out",
                tmp.resolve("elsewhere").toString(), "--template", "tiny", "--mode", "flat", "--json");
        assertThat(queuedSources(r)).containsExactly(files.get(0).toString());
    }

    @Test
    void theRunsOwnOutputFolderIsSkippedEvenWithoutItsMark() throws Exception {
        Path home = TinyRuns.tinyHome(tmp);
        Path models = tmp.resolve("models");
        List<Path> files = TinyRuns.models(models, 1);
        Path out = models.resolve("out");
        // a folder written before output folders were marked, holding a copy of a model
        TinyRuns.models(out.resolve("old"), 1);
        assertThat(queuedSources(TinyRuns.cli("--home", home.toString(), "run", models.toString(), "--out",
                out.toString(), "--template", "tiny", "--json"))).containsExactly(files.get(0).toString());
    }
}
