package org.stllisting.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.settings.Setting;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.queue.QueueStateStore;

/** The settings service in a context that holds the home: a queue setting goes through the runner it made. */
class SettingsServiceTest {
    @TempDir
    Path tmp;

    @Test
    void aQueueSettingReachesTheRunningRunnerAndTheDisk() throws Exception {
        Home home = Home.at(tmp.resolve("home"));
        try (AppContext ctx = AppContext.exclusive(home)) {
            QueueRunner runner = ctx.runner("gui");
            SettingsService settings = new SettingsService(ctx);
            SettingsService.Entry e = settings.set(Setting.MAX_CONCURRENT_JOBS, "5");
            assertThat(e.value()).isEqualTo(5);
            assertThat(e.set()).isTrue();
            assertThat(runner.settings().maxConcurrentJobs()).isEqualTo(5);
            settings.set(Setting.JOB_TIMEOUT, "0");
            assertThat(runner.settings().jobTimeoutSeconds()).isZero();
            assertThat(settings.get(Setting.JOB_TIMEOUT).value()).isEqualTo(0L);
            // a reader in this process without the lock sees it at once (the change is durable on return)
            assertThat(new SettingsService(AppContext.readOnly(home)).get(Setting.MAX_CONCURRENT_JOBS).value())
                    .isEqualTo(5);
            assertThat(QueueStateStore.read(home).state().queueSettings.jobTimeoutSeconds).isZero();
            // and cannot change a queue setting while this context holds the home
            assertThatThrownBy(() -> new SettingsService(AppContext.readOnly(home)).set(Setting.MAX_CONCURRENT_JOBS,
                    "3")).isInstanceOf(InstanceLock.LockedException.class);
            assertThat(runner.settings().maxConcurrentJobs()).isEqualTo(5);
            settings.reset(Setting.MAX_CONCURRENT_JOBS);
            assertThat(runner.settings().maxConcurrentJobs()).isEqualTo(2);
        }
    }
}
