package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain {@code run} takes the template of the last run, and says so first; {@code run --help} says so too. */
class LastTemplateTest {
    @TempDir
    Path tmp;

    @Test
    void aRunWithoutTemplateSaysOnItsFirstLineThatItUsesTheTemplateOfTheLastRun() throws Exception {
        Path home = TinyRuns.tinyHome(tmp);
        Path src = tmp.resolve("src");
        TinyRuns.models(src, 1);
        TinyRuns.Outcome first = TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--out",
                tmp.resolve("out1").toString(), "--template", "tiny");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out().lines().findFirst().orElse("")).doesNotContain("used last");

        TinyRuns.Outcome plain = TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--out",
                tmp.resolve("out2").toString());
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out().lines().findFirst().orElse(""))
                .isEqualTo("Template: Tiny, the one used last (--template chooses another).");
    }

    @Test
    void runHelpSaysWhichTemplateAPlainRunTakes() {
        TinyRuns.Outcome help = TinyRuns.cli("run", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("Without it a run uses the template of the last run");
    }
}
