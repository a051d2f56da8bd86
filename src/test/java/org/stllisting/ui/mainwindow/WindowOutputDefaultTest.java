package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.Home;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.UiExecutor;

/**
 * Where a new queue of the window writes when the user has not picked a folder: the home's
 * {@code default_output_folder} setting first (as the command line does), then the folder picked last.
 */
class WindowOutputDefaultTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @Test
    void theDefaultOutputFolderSettingWinsOverTheFolderPickedLast() throws Exception {
        Path setting = tmp.resolve("listings");
        assertThat(outputOfANewQueue(setting, tmp.resolve("picked-last"))).isEqualTo(setting.toString());
    }

    @Test
    void withoutTheSettingTheFolderPickedLastIsUsed() throws Exception {
        Path last = tmp.resolve("picked-last");
        assertThat(outputOfANewQueue(null, last)).isEqualTo(last.toString());
    }

    private String outputOfANewQueue(Path setting, Path pickedLast) throws Exception {
        Home home = Home.at(tmp.resolve("home"));
        try (AppContext ctx = AppContext.exclusive(home); UiExecutor background = new UiExecutor(msg -> { })) {
            if (setting != null) {
                HomeSettings.put(ctx.config(), "default_output_folder", setting.toString());
            }
            ctx.config().update(c -> c.lastOutputFolder = pickedLast.toString());
            QueueRunner runner = ctx.runner("gui");
            QueueViewModel model = FxTestSupport.onFx(
                    () -> new QueueViewModel(runner, ctx.templates(), ctx.config(), background));
            FxTestSupport.onFx(() -> {
                model.load();
                return null;
            });
            assertThat(FxTestSupport.await(() -> model.templateProperty().get() != null, 20)).isTrue();
            return FxTestSupport.onFx(() -> model.outputFolderProperty().get());
        }
    }
}
