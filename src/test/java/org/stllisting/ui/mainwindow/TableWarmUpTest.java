package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.skin.VirtualFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.FxTestSupport;

/**
 * A long queue's table is laid out and drawn at other places of the queue once, out of sight, so that the user's
 * first scrolls run compiled code: the passes happen, and leave the table where the user has it (its place, its
 * selection) and ask for no thumbnail of a row the user never saw.
 */
class TableWarmUpTest {
    @TempDir
    Path tmp;
    private QueueWindowFixture f;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @AfterEach
    void close() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aLongQueueIsLaidOutOutOfSightAndTheTableStaysWhereTheUserHasIt() throws Exception {
        f = new QueueWindowFixture(tmp, "quick_preview", 900, 500);
        List<String> asked = new ArrayList<>();
        FxTestSupport.onFx(() -> {
            f.model.setThumbnailSink(new QueueViewModel.ThumbnailSink() {
                @Override
                public void request(JobRow row) {
                    asked.add(row.id());
                }

                @Override
                public void drop(JobRow row) {
                }
            });
            return null;
        });
        List<JobView> jobs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            jobs.add(Rows.view(String.format("job_%04d", i), JobState.PENDING, 0, null, null, null));
        }
        // the user is at row 500, with row 502 selected, before the passes begin
        double[] place = FxTestSupport.onFx(() -> {
            f.model.apply(new org.stllisting.jobs.runner.RunnerEvent.JobsAdded(java.time.Instant.now(), jobs));
            f.window.tableView().scrollTo(500);
            f.window.tableView().getSelectionModel().clearAndSelect(502);
            f.window.tableView().applyCss();
            f.window.tableView().layout();
            return new double[] {flow().getPosition(), f.window.warmUp().passes()};
        });
        assertThat(place[1]).as("no pass before the table is drawn").isZero();

        assertThat(FxTestSupport.await(() -> f.window.warmUp().passes() == TableWarmUp.PASSES, 20))
                .as("the passes are done").isTrue();
        FxTestSupport.onFx(() -> {
            assertThat(f.window.warmUp().draws()).as("each pass drew the table, out of sight")
                    .isEqualTo(TableWarmUp.PASSES);
            assertThat(flow().getPosition()).as("the user's place").isEqualTo(place[0]);
            assertThat(f.window.tableView().getSelectionModel().getSelectedIndices()).containsExactly(502);
            // thumbnails were asked for the rows about the user's place only (the passes went to rows 41, 125, …
            // 458, 541, … 958)
            assertThat(asked).isNotEmpty().allMatch(id -> {
                int i = Integer.parseInt(id.substring(4));
                return i >= 480 && i < 530;
            });
            return null;
        });
    }

    private VirtualFlow<?> flow() {
        return (VirtualFlow<?>) f.window.tableView().lookup(".virtual-flow");
    }
}
