package org.stllisting.ui.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.store.queue.SessionState;
import org.stllisting.ui.FxTestSupport;

/** The recovery dialog shown: resizable, sized to its job list, which is there to be read. */
class RecoveryDialogSizeTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    private static RecoveryReport report(int waiting, boolean interrupted) {
        List<RecoveryReport.JobItem> jobs = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            jobs.add(new RecoveryReport.JobItem("j" + i, "/m/model_" + i + ".stl", "model_" + i, null, null, 0, 0,
                    null));
        }
        return new RecoveryReport("s-1", Instant.parse("2026-11-24T01:00:00Z"), Instant.parse("2026-11-24T02:00:00Z"),
                "complete_processing", interrupted ? SessionState.RUNNING : SessionState.STOPPED, interrupted,
                "queue_state.json", List.of(), waiting + 1, 1, 0, 0,
                List.of(new RecoveryReport.JobItem("r", "/m/chess_pawn.stl", "chess_pawn", "render", "size_chart", 5,
                        9, null)),
                jobs, List.of(), List.of(), List.of());
    }

    @Test
    void theDialogCanBeResizedAndShowsItsJobList() throws Exception {
        double[] sizes = FxTestSupport.onFx(() -> {
            Dialog<RecoveryDialog.Choice> d = RecoveryDialog.create(report(3, true), 7, null);
            d.show();
            Region list = (Region) d.getDialogPane().lookup("#recovery-jobs");
            // the lowest line of the list, in the list's coordinates
            double lowest = list.lookupAll(".check-box").stream().filter(n -> ((CheckBox) n).getText() != null)
                    .mapToDouble(n -> list.sceneToLocal(n.localToScene(n.getLayoutBounds())).getMaxY()).max()
                    .orElse(Double.MAX_VALUE);
            double[] out = {d.isResizable() ? 1 : 0, list.getHeight(), lowest, d.getHeight(), d.getWidth()};
            d.close();
            return out;
        });
        assertThat(sizes[0]).as("resizable").isEqualTo(1);
        // four jobs and the queue line: all of them in view, not a sliver
        assertThat(sizes[1]).as("the list's height").isGreaterThanOrEqualTo(sizes[2]).isGreaterThan(4 * 24);
        assertThat(sizes[3]).as("the dialog's height").isGreaterThan(250);
        assertThat(sizes[4]).as("the dialog's width").isGreaterThanOrEqualTo(520);
    }

    @Test
    void aLongListScrollsInsideADialogThatFitsTheScreen() throws Exception {
        double height = FxTestSupport.onFx(() -> {
            Dialog<RecoveryDialog.Choice> d = RecoveryDialog.create(report(200, true), 7, null);
            d.show();
            double h = d.getHeight();
            d.close();
            return h;
        });
        assertThat(height).isLessThan(700);
    }

    @Test
    void tenThousandJobsMakeCheckBoxesOnlyForTheLinesInView() throws Exception {
        int[] made = FxTestSupport.onFx(() -> {
            Dialog<RecoveryDialog.Choice> d = RecoveryDialog.create(report(10_000, true), 7, null);
            d.show();
            int boxes = d.getDialogPane().lookupAll(".check-box").size();
            d.close();
            return new int[] {boxes};
        });
        // a check box for each of 10,000 jobs held the UI thread for seconds before the dialog showed
        assertThat(made[0]).isBetween(4, 40);
    }

    @Test
    void aQueueStoppedWithWorkLeftIsOfferedAsStoppedNotInterrupted() {
        assertThat(RecoveryDialog.summary(report(2, false))).startsWith("Stopped on ");
        assertThat(RecoveryDialog.summary(report(2, true))).startsWith("Interrupted on ");
        assertThat(RecoveryDialog.summary(report(0, true))).contains("1 job: 1 done, 0 failed, 1 to resume");
    }
}
