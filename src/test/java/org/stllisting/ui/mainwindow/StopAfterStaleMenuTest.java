package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stllisting.ui.mainwindow.Rows.view;

import java.nio.file.Path;
import java.time.Instant;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;

/**
 * Stop after this job from a menu opened while the job ran, clicked after it had finished: the notice says
 * it has finished and the queue goes on, instead of nothing at all.
 */
class StopAfterStaleMenuTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        f = new QueueWindowFixture(tmp, "quick_preview", 1200, 600);
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void aJobThatFinishedWhileTheMenuWasOpenIsNamedInTheNotice() throws Exception {
        f.show(view("binary", JobState.RUNNING, 40, null, "render", 3.0),
                view("next", JobState.PENDING, 0, null, null, null));
        String notice = FxTestSupport.onFx(() -> {
            f.model.apply(new RunnerEvent.QueueStarted(Instant.now(), "s", 2));
            f.window.tableView().getSelectionModel().clearAndSelect(0);
            MenuButton menu = (MenuButton) f.stage.getScene().lookup("#stop-options");
            menu.show();
            MenuItem item = menu.getItems().get(0);
            assertThat(item.isDisable()).isFalse();
            // the job finishes while the menu is open
            f.model.apply(new RunnerEvent.JobStateChanged(Instant.now(),
                    view("binary", JobState.COMPLETED, 100, null, "finalize", 5.0), JobState.RUNNING,
                    JobState.COMPLETED, null));
            item.fire();
            menu.hide();
            return f.model.noticeProperty().get();
        });
        assertThat(notice).isEqualTo("binary has already finished; nothing to stop after, the queue goes on");
    }
}
