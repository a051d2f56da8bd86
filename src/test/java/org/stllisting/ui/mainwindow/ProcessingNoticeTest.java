package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;

/** "Processing N jobs" counts the jobs the run has to do, not the finished ones the queue also holds. */
class ProcessingNoticeTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        f = new QueueWindowFixture(tmp, "quick_preview", 1000, 600);
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void theNoticeCountsOnlyTheJobsLeftToDo() throws Exception {
        f.show(Rows.view("a", JobState.COMPLETED, 100, null, "finalize", 9.0),
                Rows.view("b", JobState.FAILED, 0, "load (b.stl): damaged", null, 0.0),
                Rows.view("c", JobState.PENDING, 0, null, null, null),
                Rows.view("d", JobState.PENDING, 0, null, null, null));
        FxTestSupport.onFx(() -> {
            f.model.apply(new RunnerEvent.QueueStarted(Instant.now(), "s1", 4));
            return null;
        });
        assertThat(FxTestSupport.onFx(() -> f.model.noticeProperty().get())).isEqualTo("Processing 2 jobs");
    }
}
