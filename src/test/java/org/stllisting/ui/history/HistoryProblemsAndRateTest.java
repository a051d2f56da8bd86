package org.stllisting.ui.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stllisting.ui.history.HistoryViewModelTest.UTC;
import static org.stllisting.ui.history.HistoryViewModelTest.day;
import static org.stllisting.ui.history.HistoryViewModelTest.rec;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;

/**
 * A job completed with problems is shown and found as such; the success rate counts completed against failed
 * only; the jobs-per-day axis labels whole numbers only. On a real SQLite history, without a toolkit.
 */
class HistoryProblemsAndRateTest {
    @TempDir
    Path dir;
    HistoryViewModel vm;

    private static HistoryRecord withProblems(String id, String file) {
        HistoryRecord r = rec(id, file, "completed", "quick_preview", 10, day(0));
        return new HistoryRecord(r.id(), r.stlPath(), r.stlFilename(), r.stlSize(), r.stlChecksum(), r.outputFolder(),
                r.queueSessionId(), r.renderOptions(), r.validationOptions(), r.state(), r.createdAt(), r.startedAt(),
                r.completedAt(), r.estimatedDuration(), r.actualDuration(), false, r.filesGenerated(),
                r.errorMessage(), List.of("1 facet stores a zero normal", HistoryRecord.PROBLEM_PREFIX + "not closed"),
                r.appVersion(), r.createdBy(), r.template(), r.attempts());
    }

    @BeforeEach
    void fill() throws Exception {
        HistoryStore history = HistoryStore.open(dir.resolve("job_history.db"));
        history.record(rec("ok", "vase.stl", "completed", "quick_preview", 10, day(0)));
        history.record(withProblems("bad", "holey.stl"));
        history.record(rec("f", "gear.stl", "failed", "quick_preview", 5, day(0)));
        for (int i = 0; i < 5; i++) {
            history.record(rec("c" + i, "c" + i + ".stl", "cancelled", "quick_preview", 1, day(0)));
        }
        history.record(rec("s", "s.stl", "skipped", "quick_preview", 1, day(0)));
        vm = new HistoryViewModel(history, HistoryViewModelTest.SAME_THREAD, n -> "Quick Preview", UTC);
        vm.load();
    }

    @Test
    void aJobCompletedWithProblemsIsShownSoAndTheFilterFindsOnlyThose() {
        HistoryViewModel.Row bad = vm.rows().stream().filter(r -> r.id().equals("bad")).findFirst().orElseThrow();
        HistoryViewModel.Row ok = vm.rows().stream().filter(r -> r.id().equals("ok")).findFirst().orElseThrow();
        assertThat(bad.shownState()).isEqualTo("Completed with problems");
        assertThat(ok.shownState()).isEqualTo("Completed");
        assertThat(HistoryViewModel.STATES).extracting(HistoryViewModel::stateWord).contains("With problems");

        vm.stateProperty().set(HistoryStore.WITH_PROBLEMS);
        vm.search();
        assertThat(vm.rows()).extracting(HistoryViewModel.Row::id).containsExactly("bad");
    }

    @Test
    void cancelledAndSkippedJobsAreNoFailures() {
        assertThat(vm.perTemplate()).singleElement().satisfies(t -> assertThat(t.successRate()).isEqualTo(2 / 3.0));
        assertThat(vm.summaryProperty().get()).startsWith(
                "Last 30 days: 9 jobs, success rate 67 % (2 completed, 1 failed; 6 cancelled or skipped, not counted)");
    }

    @Test
    void theJobsAxisLabelsWholeNumbersOnly() {
        assertThat(HistoryWindow.WHOLE.toString(2.5)).isEmpty();
        assertThat(HistoryWindow.WHOLE.toString(17.5)).isEmpty();
        assertThat(HistoryWindow.WHOLE.toString(3.0)).isEqualTo("3");
    }
}
