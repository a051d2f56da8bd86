package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.gen.SampleModels;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.output.NamingOptions;
import org.stllisting.output.OutputLayout;
import org.stllisting.output.OutputMode;

/**
 * One name for an error log everywhere ({@code <model>_error.log}), and none for a model that only has
 * warnings: those go to {@code <model>_warnings.log}.
 */
class LogNamesTest {
    @TempDir
    Path tmp;

    @Test
    void aModelsErrorLogIsNamedLikeTheOneInFailed() throws Exception {
        for (OutputMode mode : OutputMode.values()) {
            OutputLayout layout = new OutputLayout(tmp.resolve("out"), mode, NamingOptions.defaults());
            assertThat(layout.model("gear", Instant.EPOCH).errorLog().getFileName().toString())
                    .as(mode.label()).isEqualTo(layout.failedErrorLog("gear").getFileName().toString())
                    .isEqualTo("gear_error.log");
        }
    }

    @Test
    void aRepairedModelWithOnlyWarningsGetsAWarningsLogAndNoErrorLog() throws Exception {
        Path home = TinyRuns.tinyHome(tmp);
        Path model = tmp.resolve("src/bracket.stl");
        Files.createDirectories(model.getParent());
        StlWriter.writeBinary(SampleModels.bracketNeedsRepair(), model);
        Path out = tmp.resolve("out");

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", model.toString(), "--out", out.toString(),
                "--template", "tiny");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        List<String> logs;
        try (Stream<Path> s = Files.list(out.resolve("bracket/logs"))) {
            logs = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(logs).containsExactly("bracket_processing.log", "bracket_warnings.log");
        assertThat(Files.readString(out.resolve("bracket/logs/bracket_warnings.log")))
                .contains("repair changed the mesh").contains("validation failed");
        assertThat(out.resolve("failed")).doesNotExist();
    }
}
