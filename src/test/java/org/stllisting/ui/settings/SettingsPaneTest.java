package org.stllisting.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.app.settings.Setting;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.ui.FxEventBridge;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.HomePanels;
import org.stllisting.ui.UiExecutor;
import org.stllisting.ui.mainwindow.MainWindow;
import org.stllisting.ui.mainwindow.QueueViewModel;

/** The settings window opened from the queue window, headless under Monocle, on a real home and runner. */
class SettingsPaneTest {
    @TempDir
    Path tmp;
    private AppContext ctx;
    private QueueRunner runner;
    private UiExecutor background;
    private QueueViewModel model;
    private HomePanels panels;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        ctx = AppContext.exclusive(Home.at(tmp.resolve("home")));
        runner = ctx.runner("gui");
        background = new UiExecutor(msg -> model.reportError(msg));
        model = FxTestSupport.onFx(() -> new QueueViewModel(runner, ctx.templates(), ctx.config(), background));
        runner.addListener(FxEventBridge.batched(model::applyAll));
        FxTestSupport.onFx(() -> {
            MainWindow window = new MainWindow(model);
            panels = HomePanels.attach(window, ctx, msg -> model.reportError(msg));
            stage = new Stage();
            stage.setScene(new Scene(window.root(), 1000, 600));
            stage.show();
            ((Button) stage.getScene().lookup("#open-settings")).fire();
            return null;
        });
        assertThat(FxTestSupport.await(() -> text("#setting-max_concurrent_jobs").equals(
                String.valueOf(runner.settings().maxConcurrentJobs())), 20)).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.closeAllWindows();
        panels.close();
        background.close();
        ctx.close();
    }

    private Node find(String id) {
        return panels.settings().root().lookup(id);
    }

    private String text(String id) {
        Node n = find(id);
        return n instanceof Spinner<?> s ? s.getEditor().getText() : ((TextField) n).getText();
    }

    /** Types {@code value} into a field as a user would: focus, text, then focus moves on to Save. */
    private void type(String id, String value) throws Exception {
        FxTestSupport.onFx(() -> {
            Node n = find(id);
            TextField f = n instanceof Spinner<?> s ? s.getEditor() : (TextField) n;
            f.requestFocus();
            f.setText(value);
            find("#settings-save").requestFocus();
            return null;
        });
    }

    private void save() throws Exception {
        FxTestSupport.onFx(() -> {
            ((Button) find("#settings-save")).fire();
            return null;
        });
    }

    private String error(String key) throws Exception {
        return FxTestSupport.onFx(() -> {
            Label l = (Label) find("#error-" + key);
            return l.isVisible() ? l.getText() : "";
        });
    }

    @Test
    void theWindowOpensAtItsSizeWithEverySettingItsControl() throws Exception {
        assertThat(FxTestSupport.onFx(() -> find("#setting-max_concurrent_jobs") instanceof Spinner<?>
                && find("#setting-job_timeout") instanceof TextField
                && find("#setting-keep_job_caches") instanceof CheckBox
                && find("#setting-default_output_mode") instanceof javafx.scene.control.ComboBox<?>
                && find("#setting-default_output_folder") instanceof TextField)).isTrue();
        assertThat(FxTestSupport.onFx(() -> panels.settings().root().getScene().getWindow().getWidth()))
                .isEqualTo(SettingsPane.WIDTH);
    }

    @Test
    void anInvalidValueIsRefusedWithTheMessageUnderTheFieldAndNothingIsSaved() throws Exception {
        int before = runner.settings().maxConcurrentJobs();
        type("#setting-max_concurrent_jobs", "500");
        type("#setting-cache_cap_mb", "lots");
        save();

        assertThat(FxTestSupport.await(() -> ((Label) find("#error-cache_cap_mb")).isVisible(), 10)).isTrue();
        assertThat(error("cache_cap_mb")).startsWith("Cache size limit: \"lots\" is not a number of MB");
        assertThat(error("max_concurrent_jobs"))
                .isEqualTo("Jobs at once: 500 is out of range; allowed 1 to 64 jobs");
        assertThat(FxTestSupport.onFx(() -> text("#setting-max_concurrent_jobs"))).isEqualTo("500");
        assertThat(error("job_timeout")).isEmpty();
        Thread.sleep(300); // a wrongly started save would have finished by now
        assertThat(runner.settings().maxConcurrentJobs()).isEqualTo(before);
        assertThat(Files.exists(ctx.home().configFile())
                ? HomeSettings.load(new ConfigStore(ctx.home().configFile())).cacheCapMb() : 1000L).isEqualTo(1000L);
    }

    @Test
    void validValuesAreSavedToConfigJsonAndTheQueue() throws Exception {
        type("#setting-max_concurrent_jobs", "3");
        type("#setting-cache_cap_mb", "2GB");
        FxTestSupport.onFx(() -> {
            ((CheckBox) find("#setting-keep_job_caches")).setSelected(true);
            return null;
        });
        save();

        assertThat(FxTestSupport.await(() -> ((Label) find("#settings-status")).getText().startsWith("Saved"), 20))
                .isTrue();
        assertThat(FxTestSupport.onFx(() -> ((Label) find("#settings-status")).getText()))
                .isEqualTo("Saved 3 settings");
        HomeSettings home = HomeSettings.load(new ConfigStore(ctx.home().configFile()));
        assertThat(home.cacheCapMb()).isEqualTo(2048);
        assertThat(home.keepJobCaches()).isTrue();
        assertThat(runner.settings().maxConcurrentJobs()).isEqualTo(3);
        assertThat(ctx.queue().snapshot().queueSettings.maxConcurrentJobs).isEqualTo(3);
        assertThat(FxTestSupport.onFx(() -> text("#setting-cache_cap_mb"))).isEqualTo("2048");
        assertThat(FxTestSupport.onFx(() -> ((Button) find("#reset-cache_cap_mb")).isDisabled())).isFalse();
    }

    @Test
    void settingsAreNamedInPlainWordsWithTheKeyInTheTooltipAndNoCommandLineWords() throws Exception {
        Label jobs = FxTestSupport.onFx(() -> (Label) find("#label-max_concurrent_jobs"));
        assertThat(FxTestSupport.onFx(jobs::getText)).isEqualTo("Jobs at once");
        assertThat(FxTestSupport.onFx(() -> jobs.getTooltip().getText())).contains("max_concurrent_jobs");
        java.util.List<String> texts = FxTestSupport.onFx(() -> panels.settings().root()
                .lookupAll(".label").stream().map(n -> ((Label) n).getText()).filter(t -> t != null).toList());
        for (Setting s : Setting.values()) {
            assertThat(texts).as("labels").doesNotContain(s.key());
        }
        assertThat(String.join("\n", texts)).doesNotContain("--out").doesNotContain("--mode")
                .doesNotContain("stl-listing-output");
    }
}
