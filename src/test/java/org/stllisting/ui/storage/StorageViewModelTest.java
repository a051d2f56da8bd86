package org.stllisting.ui.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.SameThread;

/**
 * The storage panel's state on a real home held by this process, as the window holds it: the figures, the
 * preview of a cleanup and the cleanup itself, through the engine's cleanup code.
 */
class StorageViewModelTest {
    @TempDir
    Path tmp;
    private Home home;
    private AppContext ctx;
    private StorageViewModel vm;
    private Path stale;
    private Path fresh;
    private Path thumb;

    @BeforeEach
    void open() throws Exception {
        home = Home.at(tmp.resolve("home"));
        HomeFixture.seedQueue(home, tmp.resolve("models"), "q", JobState.COMPLETED, JobState.PENDING);
        stale = HomeFixture.cache(home, "gone_1", 5000, HomeFixture.daysAgo(3));
        fresh = HomeFixture.cache(home, "gone_2", 3000, HomeFixture.daysAgo(0));
        thumb = HomeFixture.thumbnail(home, "old.png", 4096);
        HomeSettings.put(new ConfigStore(home.configFile()), "cache_cap_mb", 0L);
        ctx = AppContext.exclusive(home);
        ctx.session("gui").recover();
        vm = new StorageViewModel(home, ctx::history, SameThread.INSTANCE, Runnable::run);
    }

    @AfterEach
    void close() throws Exception {
        ctx.close();
    }

    @Test
    void theFiguresAreThoseOfCleanupStatsAndThePreviewListsWhatACleanupRemoves() {
        vm.refresh();

        assertThat(vm.stats()).extracting(StorageViewModel.StatRow::what).contains("Job caches of the active session",
                "Stale job caches (no session)", "Thumbnails", "History rows");
        StorageViewModel.StatRow staleRow = vm.stats().stream()
                .filter(r -> r.what().equals("Stale job caches (no session)")).findFirst().orElseThrow();
        assertThat(staleRow.items()).isEqualTo("2");
        assertThat(staleRow.removable()).endsWith("(1)");
        // the window's own queue is the running session: its caches stay whatever the options
        assertThat(vm.items()).extracting(StorageViewModel.ItemRow::path)
                .containsExactlyInAnyOrder(stale.toString(), thumb.toString());
        assertThat(vm.notes()).anyMatch(n -> n.endsWith("is this window's queue: its caches, the queue files and the"
                + " backups are left alone."));
        assertThat(vm.summaryProperty().get()).contains("a cleanup would remove").contains("2 item(s)");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void forcedTheWindowsOwnQueueStillKeepsItsCaches() {
        vm.forceProperty().set(true);
        vm.hoursProperty().set(0);
        vm.refresh();

        assertThat(vm.items()).extracting(StorageViewModel.ItemRow::path)
                .doesNotContain(home.jobCacheDir("q_0").toString(), home.jobCacheDir("q_1").toString())
                .contains(stale.toString(), thumb.toString());
    }

    @Test
    void cleanRemovesWhatThePreviewListedAndSaysWhatWasRemoved() {
        vm.refresh();
        var listed = vm.items().stream().map(StorageViewModel.ItemRow::path).toList();

        vm.clean();

        for (String p : listed) {
            assertThat(Path.of(p)).doesNotExist();
        }
        assertThat(fresh).isDirectory();
        assertThat(home.jobCacheDir("q_0")).isDirectory();
        assertThat(home.jobCacheDir("q_1")).isDirectory();
        assertThat(vm.outcomeProperty().get()).startsWith("Removed ").contains("thumbnails 4.0 KB (1)")
                .contains("stale job caches");
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.items()).isEmpty();
    }
}
