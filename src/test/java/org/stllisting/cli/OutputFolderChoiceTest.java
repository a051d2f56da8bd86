package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.runner.QueueSettings;
import org.stllisting.output.UnsafeOutputPathException;
import org.stllisting.store.Home;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateDto;

/** The folder the user chose is where the output goes, or the command says why not. */
class OutputFolderChoiceTest {
    @TempDir
    Path tmp;

    /** A home whose queue has an unfinished job writing into {@code out}. */
    private Path homeWithUnfinishedQueue(Path out) throws Exception {
        Path home = tmp.resolve("home");
        TinyRuns.installTinyTemplate(home, false);
        List<Path> models = TinyRuns.models(tmp.resolve("queued"), 1);
        try (AppContext ctx = AppContext.exclusive(Home.at(home))) {
            QueueStateDto fresh = QueueStateDto.empty();
            fresh.template = "tiny";
            fresh.queueSettings.outputBaseFolder = out.toString();
            ctx.queue().replaceState(fresh);
            ctx.runner("cli").add(models, null, null, null);
        }
        return home;
    }

    @Test
    void runWithAnotherOutWhileAnUnfinishedQueueWritesElsewhereIsRefusedAndWritesNothing() throws Exception {
        Path queued = tmp.resolve("queued-out");
        Path home = homeWithUnfinishedQueue(queued);
        List<Path> more = TinyRuns.models(tmp.resolve("more"), 1);
        Path asked = tmp.resolve("asked-out");

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", more.get(0).toString(), "--out",
                asked.toString(), "--template", "tiny");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("writes to " + queued).contains(asked.toString()).hasLineCount(1);
        assertThat(queued).doesNotExist();
        assertThat(asked).doesNotExist();
    }

    @Test
    void settingsFromTheWindowFollowTheRuleOfARun() throws Exception {
        Path out = tmp.resolve("out");
        Path home = homeWithUnfinishedQueue(out);
        try (AppContext ctx = AppContext.exclusive(Home.at(home))) {
            QueueRunner runner = ctx.runner("gui");
            QueueSettings s = runner.settings();
            assertThatThrownBy(() -> runner.updateSettings(s.withNaming(s.naming().withCustomPrefix("p".repeat(300))))).isInstanceOf(UnsafeOutputPathException.class)
                    .hasMessageContaining("longer than 64 characters");
            assertThat(runner.settings().naming().customPrefix()).isNull();
        }
    }
}
