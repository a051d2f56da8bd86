package org.stllisting.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.ui.Background;
import org.stllisting.ui.UiExecutor;

/** The history window's state on a real SQLite history, without a toolkit (work runs on the caller's thread). */
class HistoryViewModelTest {
    static final Background SAME_THREAD = new Background() {
        @Override
        public <T> void submit(String what, UiExecutor.Task<T> task, Consumer<T> then) {
            try {
                then.accept(task.run());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    };
    static final ZoneId UTC = ZoneOffset.UTC;

    @TempDir
    Path dir;
    HistoryStore history;
    HistoryViewModel vm;

    static HistoryRecord rec(String id, String file, String state, String template, double seconds, Instant when) {
        return new HistoryRecord(id, "/models/" + file, file, 100, "sha-" + id, "/out/" + id, "s", "{}", "{}", state,
                when, when, when, null, seconds, true, List.of(), state.equals("failed") ? "load: broken" : null,
                List.of(), "test", "gui", template, 1);
    }

    /** Today at noon UTC minus {@code days}. */
    static Instant day(int days) {
        return LocalDate.now(UTC).atTime(12, 0).toInstant(ZoneOffset.UTC).minus(Duration.ofDays(days));
    }

    @BeforeEach
    void fill() throws Exception {
        history = HistoryStore.open(dir.resolve("job_history.db"));
        history.record(rec("a", "dragon.stl", "completed", "quick_preview", 10, day(0)));
        history.record(rec("b", "vase.stl", "completed", "quick_preview", 20, day(0).minusSeconds(60)));
        history.record(rec("c", "gear.stl", "failed", "complete_processing", 5, day(0).minusSeconds(120)));
        history.record(rec("d", "dragon_2.stl", "completed", "complete_processing", 60, day(2)));
        history.record(rec("e", "old.stl", "completed", "quick_preview", 1, day(40)));
        vm = new HistoryViewModel(history, SAME_THREAD,
                n -> n.equals("quick_preview") ? "Quick Preview" : n.equals("complete_processing") ? "Complete" : n,
                UTC);
        vm.load();
    }

    @Test
    void rowsAreNewestFirstInPlainWords() {
        assertThat(vm.rows()).extracting(HistoryViewModel.Row::id).containsExactly("a", "b", "c", "d", "e");
        HistoryViewModel.Row c = vm.rows().get(2);
        assertThat(c.model()).isEqualTo("gear.stl");
        assertThat(c.template()).isEqualTo("Complete");
        assertThat(c.duration()).isEqualTo("5 s");
        assertThat(c.error()).isEqualTo("load: broken");
        assertThat(vm.statusProperty().get()).isEqualTo("5 jobs");
        assertThat(vm.templates()).containsExactly("complete_processing", "quick_preview");
        assertThat(vm.displayName("quick_preview")).isEqualTo("Quick Preview");
    }

    @Test
    void eachFilterNarrowsTheSearchAndClearBringsAllBack() {
        vm.nameProperty().set("DRAGON");
        vm.search();
        assertThat(vm.rows()).extracting(HistoryViewModel.Row::id).containsExactly("a", "d");
        vm.templateProperty().set("complete_processing");
        vm.search();
        assertThat(vm.rows()).extracting(HistoryViewModel.Row::id).containsExactly("d");
        vm.clearFilters();
        vm.stateProperty().set("failed");
        vm.search();
        assertThat(vm.rows()).extracting(HistoryViewModel.Row::id).containsExactly("c");
        vm.clearFilters();
        // the until day is included whole
        vm.fromProperty().set(LocalDate.now(UTC).minusDays(3));
        vm.untilProperty().set(LocalDate.now(UTC).minusDays(1));
        vm.search();
        assertThat(vm.rows()).extracting(HistoryViewModel.Row::id).containsExactly("d");
        vm.clearFilters();
        assertThat(vm.rows()).hasSize(5);
    }

    @Test
    void statisticsHaveEveryDayOfThePeriodAndTheFiguresPerTemplate() {
        assertThat(vm.perDay()).hasSize(30);
        HistoryViewModel.Day today = vm.perDay().get(29);
        assertThat(today.day()).isEqualTo(LocalDate.now(UTC));
        assertThat(today.completed()).isEqualTo(2);
        assertThat(today.failed()).isEqualTo(1);
        assertThat(vm.perDay().get(27).completed()).isEqualTo(1);
        assertThat(vm.perDay().stream().mapToLong(HistoryViewModel.Day::completed).sum()).isEqualTo(3);
        assertThat(vm.perTemplate()).containsExactlyInAnyOrder(
                new HistoryViewModel.TemplateFigures("Quick Preview", 2, 1.0, 15.0),
                new HistoryViewModel.TemplateFigures("Complete", 2, 0.5, 60.0));
        assertThat(vm.summaryProperty().get())
                .isEqualTo("Last 30 days: 4 jobs, success rate 75 % (3 completed, 1 failed), mean duration 30 s");

        vm.daysProperty().set(7);
        vm.statistics();
        assertThat(vm.perDay()).hasSize(7);
        vm.daysProperty().set(90);
        vm.statistics();
        assertThat(vm.perDay().stream().mapToLong(HistoryViewModel.Day::completed).sum()).isEqualTo(4);
    }
}
