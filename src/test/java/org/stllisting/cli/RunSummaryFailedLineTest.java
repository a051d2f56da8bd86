package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a run names each model not processed with its reason in plain words first, as the window and
 * report.html do (it printed the step, the file's path again and then the reason).
 */
class RunSummaryFailedLineTest {
    @TempDir
    Path tmp;

    @Test
    void aFailedModelsLineGivesItsReasonInPlainWords() throws Exception {
        Path home = tmp.resolve("home");
        TinyRuns.installTinyTemplate(home, false);
        Path src = tmp.resolve("in");
        TinyRuns.models(src, 1);
        Path damaged = src.resolve("damaged_download.stl");
        Files.copy(Path.of("app/samples/damaged_download.stl"), damaged);
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--out",
                tmp.resolve("out").toString(), "--template", "tiny");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        int header = lines.indexOf("Not processed (details in failed/ and each model's logs/):");
        assertThat(header).as(r.out()).isNotNegative();
        String reason = "Truncated or not STL: binary header claims 4032 facets (201684 bytes) but the file has"
                + " 10101 bytes (at byte 10101) (while reading the STL file)";
        assertThat(lines.get(header + 1)).isEqualTo("  damaged_download (" + damaged + "): " + reason);
        // the line printed as it failed says the same
        assertThat(lines).anyMatch(l -> l.matches("\\[\\d/2\\] damaged_download: FAILED: .*")
                && l.endsWith("FAILED: " + reason));
    }
}
