package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code soak} subcommand as a user calls it; the soak itself is tested in {@code SoakTest}. */
class SoakCommandTest {
    @TempDir
    Path tmp;

    @Test
    void withoutKillsItComparesTwoUninterruptedRunsAndPrintsTheTable() {
        TinyRuns.Outcome o = TinyRuns.cli("--home", tmp.resolve("home").toString(), "soak", "--kills", "0",
                "--models", "1", "--seed", "1", "--work", tmp.resolve("work").toString());
        assertThat(o.exit()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("| kills (SIGKILL) | 0 |", "| mismatched files (and history fields) | 0 |",
                "| history rows | 1 |", "| wall time |");
    }

    @Test
    void aQueueWithoutModelsIsAUsageError() {
        TinyRuns.Outcome o = TinyRuns.cli("--home", tmp.resolve("home").toString(), "soak", "--models", "0");
        assertThat(o.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err()).contains("--models must be");
    }
}
