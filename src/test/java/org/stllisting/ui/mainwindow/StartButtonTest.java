package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stllisting.ui.mainwindow.Rows.view;

import java.nio.file.Path;
import java.time.Instant;
import javafx.scene.control.Button;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.PauseReason;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;

/**
 * Start and Resume in the toolbar: one button resumes a paused queue (Pause, which then reads Resume; Start
 * is off while the queue processes), and Start is off when no job is left to run.
 */
class StartButtonTest {
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

    private Button button(String id) {
        return (Button) f.stage.getScene().lookup("#" + id);
    }

    @Test
    void startIsOffWhenNothingIsLeftToRun() throws Exception {
        f.show(view("a", JobState.COMPLETED, 100, null, "finalize", 3.0),
                view("b", JobState.CANCELLED, 0, null, null, null));
        assertThat(FxTestSupport.onFx(() -> button("start").isDisabled())).as("only finished jobs").isTrue();
        f.show(view("c", JobState.PENDING, 0, null, null, null));
        assertThat(FxTestSupport.onFx(() -> button("start").isDisabled())).as("a job waits").isFalse();
        FxTestSupport.onFx(() -> {
            f.model.apply(new RunnerEvent.JobStateChanged(Instant.now(), view("c", JobState.CANCELLED, 0, null, null,
                    null), JobState.PENDING, JobState.CANCELLED, "Cancelled by the user"));
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> button("start").isDisabled())).as("the last waiting job cancelled")
                .isTrue();
    }

    @Test
    void whenPausedOnlyResumeIsOffered() throws Exception {
        f.show(view("a", JobState.RUNNING, 30, null, "load", 3.0), view("b", JobState.PENDING, 0, null, null, null));
        FxTestSupport.onFx(() -> {
            f.model.apply(new RunnerEvent.QueueStarted(Instant.now(), "s", 2));
            f.model.apply(new RunnerEvent.QueuePaused(Instant.now(), PauseReason.USER, "Paused by the user"));
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> button("pause").getText())).isEqualTo("Resume");
        assertThat(FxTestSupport.onFx(() -> button("pause").isDisabled())).isFalse();
        assertThat(FxTestSupport.onFx(() -> button("start").isDisabled())).as("Start beside Resume").isTrue();
    }
}
