package org.stllisting.ui.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.store.queue.SessionState;
import org.stllisting.ui.FxTestSupport;

class RecoveryDialogTest {
    private static final RecoveryReport REPORT = new RecoveryReport("s-1", Instant.parse("2026-11-24T01:00:00Z"),
            Instant.parse("2026-11-24T02:00:00Z"), "complete_processing", SessionState.RUNNING, true, "queue_state.json",
            List.of(), 5, 2, 0, 0,
            List.of(new RecoveryReport.JobItem("j1", "/m/chess_pawn.stl", "chess_pawn", "render", "size_chart", 5, 9,
                    null)),
            List.of(new RecoveryReport.JobItem("j2", "/m/gear.stl", "gear", null, null, 0, 0, null)),
            List.of(new RecoveryReport.JobItem("j3", "/m/gone.stl", "gone", null, null, 0, 0, "file not found")),
            List.of(), List.of());

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @Test
    void summaryCountsDoneResumeWaitingMissingAndChanged() {
        assertThat(RecoveryDialog.summary(REPORT)).contains("template complete_processing")
                .contains("5 jobs: 2 done, 0 failed, 1 to resume, 1 not started, 1 missing, 0 changed");
        // the window names the template as the picker does
        assertThat(RecoveryDialog.summary(REPORT, "Complete Processing")).contains("— template Complete Processing");
        assertThat(RecoveryDialog.summary(REPORT, (String) null)).contains("— no template").doesNotContain("template -");
        assertThat(RecoveryDialog.summary(REPORT, List.of("Quick Preview", "Complete Processing")))
                .contains("— templates Quick Preview and Complete Processing");
        assertThat(RecoveryDialog.summary(REPORT, List.of("A", "B", "C"))).contains("— 3 templates");
    }

    @Test
    void reviewResumesOnlyTheCheckedJobsAndNamesModelsWithUnderscoresIntact() throws InterruptedException {
        RecoveryDialog.Choice choice = FxTestSupport.onFx(() -> {
            Dialog<RecoveryDialog.Choice> d = RecoveryDialog.create(REPORT, 7, null);
            d.show();
            @SuppressWarnings("unchecked")
            ListView<RecoveryDialog.Line> list = (ListView<RecoveryDialog.Line>) d.getDialogPane()
                    .lookup("#recovery-jobs");
            List<CheckBox> checks = list.lookupAll(".check-box").stream().map(CheckBox.class::cast)
                    .filter(c -> c.getText() != null).toList();
            assertThat(checks).hasSize(2);
            assertThat(checks.get(0).getText()).startsWith("chess_pawn — 5 of 9 steps done, next: size_chart");
            assertThat(checks.get(0).isMnemonicParsing()).isFalse();
            assertThat(checks).allMatch(CheckBox::isSelected);
            checks.get(1).setSelected(false);
            d.close();
            return d.getResultConverter().call(RecoveryDialog.REVIEW);
        });
        assertThat(choice.action()).isEqualTo(RecoveryDialog.Action.RESUME);
        assertThat(choice.cancelIds()).containsExactly("j2");
    }

    @Test
    void laterChangesNothing() throws InterruptedException {
        RecoveryDialog.Choice choice = FxTestSupport.onFx(() -> RecoveryDialog.create(REPORT, 7, null).getResultConverter()
                .call(RecoveryDialog.LATER));
        assertThat(choice.action()).isEqualTo(RecoveryDialog.Action.LATER);
        assertThat(choice.cancelIds()).isEmpty();
    }

    @Test
    void discardSaysTheQueueIsArchivedAndHowToRestoreIt() throws InterruptedException {
        RecoveryDialog.Choice choice = FxTestSupport.onFx(() -> {
            Dialog<RecoveryDialog.Choice> d = RecoveryDialog.create(REPORT, 7, null);
            assertThat(((Label) d.getDialogPane().lookup("#recovery-discard-note")).getText())
                    .isEqualTo("Discard archives this queue for 7 days and starts an empty one.\nRestore it later with:"
                            + " stl-listing sessions restore s-1");
            return d.getResultConverter().call(RecoveryDialog.DISCARD);
        });
        assertThat(choice.action()).isEqualTo(RecoveryDialog.Action.DISCARD);
        assertThat(choice.cancelIds()).isEmpty();
    }
}
