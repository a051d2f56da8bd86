package org.stllisting.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.app.SettingsService;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.app.settings.Setting;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.ui.SameThread;

/** The settings pane's state on a real home (config.json, the queue through the runner), without a toolkit. */
class SettingsViewModelTest {
    @TempDir
    Path tmp;
    private AppContext ctx;
    private QueueRunner runner;
    private SettingsViewModel vm;

    @BeforeEach
    void open() throws Exception {
        ctx = AppContext.exclusive(Home.at(tmp.resolve("home")));
        runner = ctx.runner("gui");
        vm = new SettingsViewModel(new SettingsService(ctx), SameThread.INSTANCE);
        vm.load();
    }

    @AfterEach
    void close() throws Exception {
        ctx.close();
    }

    private HomeSettings onDisk() {
        return HomeSettings.load(new ConfigStore(ctx.home().configFile()));
    }

    @Test
    void everySettingIsShownWithItsValueInUseAndNoneIsMarkedChanged() {
        assertThat(vm.fields()).extracting(SettingsViewModel.Field::setting).containsExactly(Setting.values());
        assertThat(vm.field(Setting.MAX_CONCURRENT_JOBS).textProperty().get())
                .isEqualTo(String.valueOf(runner.settings().maxConcurrentJobs()));
        assertThat(vm.field(Setting.CACHE_CAP_MB).textProperty().get()).isEqualTo("1000");
        assertThat(vm.field(Setting.DEFAULT_OUTPUT_MODE).textProperty().get()).isEmpty();
        assertThat(vm.fields()).noneMatch(f -> f.notDefaultProperty().get());
        assertThat(vm.fields(Setting.Scope.QUEUE)).hasSize(6);
    }

    @Test
    void anInvalidValueIsRefusedWithTheParsersLineAndNothingIsWritten() throws Exception {
        byte[] before = Files.exists(ctx.home().configFile()) ? Files.readAllBytes(ctx.home().configFile()) : null;
        vm.field(Setting.CACHE_CAP_MB).textProperty().set("2 parsecs");
        vm.field(Setting.MAX_CONCURRENT_JOBS).textProperty().set("500");

        assertThat(vm.save()).isEqualTo(2);

        assertThat(vm.field(Setting.CACHE_CAP_MB).errorProperty().get())
                .isEqualTo("Cache size limit: \"2 parsecs\" has an unknown unit \"parsecs\" (use 500MB, 2GB); allowed 0 to 104857600 MB (or with a unit: 500MB, 2GB)");
        assertThat(vm.field(Setting.MAX_CONCURRENT_JOBS).errorProperty().get())
                .isEqualTo("Jobs at once: 500 is out of range; allowed 1 to 64 jobs");
        assertThat(vm.field(Setting.CACHE_CAP_MB).textProperty().get()).isEqualTo("2 parsecs");
        assertThat(Files.exists(ctx.home().configFile()) ? Files.readAllBytes(ctx.home().configFile()) : null)
                .isEqualTo(before);
        assertThat(runner.settings().maxConcurrentJobs()).isNotEqualTo(500);
        assertThat(vm.statusProperty().get()).isEqualTo("Nothing saved: 2 values refused");
    }

    @Test
    void validValuesAreSavedToConfigJsonAndToTheRunningQueueAndMarkedAsNotTheDefault() {
        vm.field(Setting.CACHE_CAP_MB).textProperty().set("2GB");
        vm.field(Setting.JOB_TIMEOUT).textProperty().set("45min");
        vm.field(Setting.KEEP_JOB_CACHES).textProperty().set("true");

        assertThat(vm.save()).isZero();

        assertThat(onDisk().cacheCapMb()).isEqualTo(2048);
        assertThat(onDisk().keepJobCaches()).isTrue();
        assertThat(runner.settings().jobTimeoutSeconds()).isEqualTo(2700);
        assertThat(ctx.queue().snapshot().queueSettings.jobTimeoutSeconds).isEqualTo(2700);
        assertThat(vm.field(Setting.CACHE_CAP_MB).textProperty().get()).isEqualTo("2048");
        assertThat(vm.field(Setting.JOB_TIMEOUT).textProperty().get()).isEqualTo("2700");
        assertThat(vm.field(Setting.CACHE_CAP_MB).notDefaultProperty().get()).isTrue();
        assertThat(vm.field(Setting.JOB_TIMEOUT).notDefaultProperty().get()).isTrue();
        assertThat(vm.field(Setting.HISTORY_KEEP_DAYS).notDefaultProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("Saved 3 settings");

        vm.reset(vm.field(Setting.CACHE_CAP_MB));
        assertThat(onDisk().cacheCapMb()).isEqualTo(1000);
        assertThat(vm.field(Setting.CACHE_CAP_MB).notDefaultProperty().get()).isFalse();
    }

    @Test
    void anOutputFolderInsideTheHomeIsRefusedUnderTheFieldAndNothingElseIsSaved() {
        vm.field(Setting.DEFAULT_OUTPUT_FOLDER).textProperty().set(ctx.home().root().resolve("out").toString());
        vm.field(Setting.HISTORY_KEEP_DAYS).textProperty().set("2w");
        vm.field(Setting.JOB_TIMEOUT).textProperty().set("45min");
        long timeout = runner.settings().jobTimeoutSeconds();

        assertThat(vm.save()).isEqualTo(1);

        assertThat(vm.field(Setting.DEFAULT_OUTPUT_FOLDER).errorProperty().get())
                .startsWith("Output folder: ").contains("is inside the application home");
        assertThat(onDisk().historyKeepDays()).isEqualTo(HomeSettings.defaults().historyKeepDays());
        assertThat(runner.settings().jobTimeoutSeconds()).isEqualTo(timeout);
        assertThat(vm.field(Setting.HISTORY_KEEP_DAYS).textProperty().get()).isEqualTo("2w");
        assertThat(vm.statusProperty().get()).isEqualTo("Nothing saved: 1 value refused");
    }

    @Test
    void oneRefusedValueAmongValidOnesSavesNothingAndShowsOnlyItsReason() {
        vm.field(Setting.CACHE_CAP_MB).textProperty().set("2GB");
        vm.field(Setting.MAX_CONCURRENT_JOBS).textProperty().set("500");
        int jobs = runner.settings().maxConcurrentJobs();

        assertThat(vm.save()).isEqualTo(1);

        assertThat(onDisk().cacheCapMb()).isEqualTo(1000);
        assertThat(runner.settings().maxConcurrentJobs()).isEqualTo(jobs);
        assertThat(vm.field(Setting.CACHE_CAP_MB).errorProperty().get()).isEmpty();
        assertThat(vm.field(Setting.MAX_CONCURRENT_JOBS).errorProperty().get()).contains("out of range");
        assertThat(vm.statusProperty().get()).isEqualTo("Nothing saved: 1 value refused");
    }
}
