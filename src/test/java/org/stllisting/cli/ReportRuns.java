package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small real run for the report's tests: good models, one to repair, one broken, one with an awkward name. */
final class ReportRuns {
    /** The file name with markup, quotes, a comma and Chinese: its model name keeps the Chinese and the space. */
    static final String AWKWARD = "龙 <b>&\"x\", y.stl";

    private ReportRuns() {
    }

    /** Runs the tiny template on five models into {@code tmp/out}; returns the output folder. */
    static Path run(Path tmp) throws IOException {
        Path home = tmp.resolve("home");
        TinyRuns.installTinyTemplate(home, false);
        Path src = tmp.resolve("in");
        List<Path> good = TinyRuns.models(src, 2);
        Files.copy(good.get(1), src.resolve(AWKWARD));
        Files.copy(Path.of("app/samples/bracket_needs_repair.stl"), src.resolve("bracket_needs_repair.stl"));
        Files.copy(Path.of("app/samples/damaged_download.stl"), src.resolve("damaged_download.stl"));
        Path out = tmp.resolve("out");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--out", out.toString(),
                "--template", "tiny");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        return out;
    }
}
