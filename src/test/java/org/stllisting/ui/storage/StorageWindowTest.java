package org.stllisting.ui.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.app.SessionService;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxEventBridge;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.HomePanels;
import org.stllisting.ui.UiExecutor;
import org.stllisting.ui.mainwindow.JobRow;
import org.stllisting.ui.mainwindow.MainWindow;
import org.stllisting.ui.mainwindow.QueueViewModel;

/**
 * The storage window opened from the queue window, headless under Monocle, on a real home held by this process:
 * the figures, Clean, and Restore of an archived session into the queue table.
 */
class StorageWindowTest {
    @TempDir
    Path tmp;
    private Home home;
    private AppContext ctx;
    private UiExecutor background;
    private QueueViewModel model;
    private MainWindow window;
    private HomePanels panels;
    private Path stale;
    private Path thumb;
    private String archivedId;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        home = Home.at(tmp.resolve("home"));
        archivedId = HomeFixture.seedQueue(home, tmp.resolve("models"), "old", JobState.PENDING, JobState.PENDING,
                JobState.CANCELLED).queueSessionId;
        stale = HomeFixture.cache(home, "gone_1", 5000, HomeFixture.daysAgo(3));
        thumb = HomeFixture.thumbnail(home, "old.png", 4096);
        HomeSettings.put(new ConfigStore(home.configFile()), "cache_cap_mb", 0L);
        ctx = AppContext.exclusive(home);
        SessionService session = ctx.session("gui");
        QueueRunner runner = session.runner();
        session.recover();
        session.discard();
        background = new UiExecutor(msg -> model.reportError(msg));
        model = FxTestSupport.onFx(() -> new QueueViewModel(runner, ctx.templates(), ctx.config(), background));
        runner.addListener(FxEventBridge.batched(model::applyAll));
        FxTestSupport.onFx(() -> {
            window = new MainWindow(model);
            panels = HomePanels.attach(window, ctx, msg -> model.reportError(msg));
            Stage stage = new Stage();
            stage.setScene(new Scene(window.root(), 1000, 600));
            stage.show();
            model.load();
            ((Button) stage.getScene().lookup("#open-storage")).fire();
            return null;
        });
        assertThat(FxTestSupport.await(() -> !panels.storage().statsTable().getItems().isEmpty()
                && !panels.storage().sessionsTable().getItems().isEmpty(), 20)).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.closeAllWindows();
        panels.close();
        background.close();
        ctx.close();
    }

    /** The queue window's table, as the user sees it. */
    @SuppressWarnings("unchecked")
    private javafx.scene.control.TableView<JobRow> queueTable() {
        return (javafx.scene.control.TableView<JobRow>) window.root().lookup("#queue");
    }

    private Label label(String id) {
        return (Label) panels.storage().root().lookup(id);
    }

    @Test
    void theFiguresAndThePreviewAreShownAndCleanRemovesWhatThePreviewListed() throws Exception {
        StorageViewModel.StatRow thumbs = FxTestSupport.onFx(() -> panels.storage().statsTable().getItems().stream()
                .filter(r -> r.what().equals("Thumbnails")).findFirst().orElseThrow());
        assertThat(thumbs.size()).isEqualTo("4.0 KB");
        assertThat(thumbs.items()).isEqualTo("1");
        assertThat(thumbs.removable()).isEqualTo("4.0 KB (1)");
        List<String> listed = FxTestSupport.onFx(() -> panels.storage().itemsTable().getItems().stream()
                .map(StorageViewModel.ItemRow::path).toList());
        assertThat(listed).contains(stale.toString(), thumb.toString());
        assertThat(FxTestSupport.onFx(() -> label("#storage-summary").getText())).contains("a cleanup would remove");

        FxTestSupport.onFx(() -> {
            ((Button) panels.storage().root().lookup("#storage-clean")).fire();
            return null;
        });

        assertThat(FxTestSupport.await(() -> label("#storage-outcome").getText().startsWith("Removed"), 20)).isTrue();
        for (String p : listed) {
            assertThat(Path.of(p)).doesNotExist();
        }
        assertThat(FxTestSupport.await(() -> panels.storage().itemsTable().getItems().isEmpty(), 10)).isTrue();
        assertThat(FxTestSupport.onFx(() -> ((Button) panels.storage().root().lookup("#storage-clean"))
                .isDisabled())).isTrue();
    }

    @Test
    void restoreBringsTheSessionsJobsBackIntoTheQueueTable() throws Exception {
        assertThat(FxTestSupport.onFx(() -> queueTable().getItems().size())).isZero();
        Button restore = FxTestSupport.onFx(() -> (Button) panels.storage().root().lookup("#sessions-restore"));
        assertThat(FxTestSupport.onFx(restore::isDisabled)).isTrue();
        FxTestSupport.onFx(() -> {
            panels.storage().showSessions();
            panels.storage().sessionsTable().getSelectionModel().select(0);
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> panels.storage().sessionsTable().getSelectionModel().getSelectedItem()
                .id())).isEqualTo(archivedId);
        assertThat(FxTestSupport.onFx(restore::isDisabled)).isFalse();

        FxTestSupport.onFx(() -> {
            restore.fire();
            return null;
        });

        assertThat(FxTestSupport.await(() -> queueTable().getItems().size() == 3, 20)).isTrue();
        assertThat(FxTestSupport.onFx(() -> queueTable().getItems().stream().map(JobRow::id).toList()))
                .containsExactly("old_0", "old_1", "old_2");
        assertThat(FxTestSupport.await(() -> label("#sessions-message").getText().contains("is the queue again"), 10))
                .isTrue();
    }
}
