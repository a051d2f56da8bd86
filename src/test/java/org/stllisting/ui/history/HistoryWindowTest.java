package org.stllisting.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.ui.FxTestSupport;
import org.stllisting.ui.UiExecutor;

/** The history window, headless under Monocle, on a real SQLite history: its charts and its search. */
class HistoryWindowTest {
    @TempDir
    Path dir;
    private UiExecutor background;
    private HistoryWindow window;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.start();
    }

    @BeforeEach
    void open() throws Exception {
        HistoryStore history = HistoryStore.open(dir.resolve("job_history.db"));
        history.record(HistoryViewModelTest.rec("a", "dragon.stl", "completed", "quick_preview", 10,
                HistoryViewModelTest.day(0)));
        history.record(HistoryViewModelTest.rec("b", "vase.stl", "completed", "quick_preview", 20,
                HistoryViewModelTest.day(0).minusSeconds(60)));
        history.record(HistoryViewModelTest.rec("c", "gear.stl", "failed", "complete_processing", 5,
                HistoryViewModelTest.day(0).minusSeconds(120)));
        history.record(HistoryViewModelTest.rec("d", "dragon_2.stl", "completed", "complete_processing", 60,
                HistoryViewModelTest.day(2)));
        background = new UiExecutor(msg -> { });
        FxTestSupport.onFx(() -> {
            window = new HistoryWindow(new HistoryViewModel(history, background::submit,
                    n -> n.equals("quick_preview") ? "Quick Preview" : "Complete Processing", HistoryViewModelTest.UTC),
                    msg -> { });
            window.show(null);
            return null;
        });
        assertThat(FxTestSupport.await(() -> window.tableView().getItems().size() == 4, 20)).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        FxTestSupport.closeAllWindows();
        background.close();
    }

    private static List<Number> values(XYChart.Series<String, Number> s) {
        return s.getData().stream().map(XYChart.Data::getYValue).toList();
    }

    @Test
    void theChartsShowCompletedAndFailedPerDayAndTheMeanDurationPerTemplate() throws Exception {
        assertThat(FxTestSupport.await(() -> window.perDayChart().getData().get(0).getData().size() == 30, 20))
                .isTrue();
        List<XYChart.Series<String, Number>> series = FxTestSupport.onFx(() -> List.copyOf(window.perDayChart()
                .getData()));
        assertThat(series).extracting(XYChart.Series::getName).containsExactly("Completed", "Failed");
        List<Number> completed = FxTestSupport.onFx(() -> values(series.get(0)));
        List<Number> failed = FxTestSupport.onFx(() -> values(series.get(1)));
        assertThat(completed.get(29)).isEqualTo(2L);
        assertThat(failed.get(29)).isEqualTo(1L);
        assertThat(completed.get(27)).isEqualTo(1L);
        assertThat(completed.stream().mapToLong(Number::longValue).sum()).isEqualTo(3);
        String today = FxTestSupport.onFx(() -> series.get(0).getData().get(29).getXValue());
        assertThat(today).isEqualTo(LocalDate.now(HistoryViewModelTest.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("d MMM", java.util.Locale.ENGLISH)));

        assertThat(FxTestSupport.await(() -> !window.perTemplateChart().getData().get(0).getData().isEmpty(), 20))
                .isTrue();
        List<String> templates = FxTestSupport.onFx(() -> window.perTemplateChart().getData().get(0).getData()
                .stream().map(XYChart.Data::getXValue).toList());
        List<Number> means = FxTestSupport.onFx(() -> values(window.perTemplateChart().getData().get(0)));
        assertThat(templates).containsExactlyInAnyOrder("Quick Preview\n100 % succeeded",
                "Complete Processing\n50 % succeeded");
        assertThat(means.get(templates.indexOf("Quick Preview\n100 % succeeded"))).isEqualTo(15.0);
        assertThat(means.get(templates.indexOf("Complete Processing\n50 % succeeded"))).isEqualTo(60.0);
        javafx.scene.control.Label summary = FxTestSupport.onFx(() -> (javafx.scene.control.Label) window.root()
                .lookup("#history-summary"));
        assertThat(FxTestSupport.onFx(summary::getText)).startsWith("Last 30 days: 4 jobs, success rate 75 %");

        // another period: the chart has as many days
        @SuppressWarnings("unchecked")
        ComboBox<Integer> days = FxTestSupport.onFx(() -> (ComboBox<Integer>) window.root().lookup("#history-days"));
        FxTestSupport.onFx(() -> {
            days.setValue(7);
            return null;
        });
        assertThat(FxTestSupport.await(() -> window.perDayChart().getData().get(0).getData().size() == 7, 20))
                .isTrue();
    }

    @Test
    void typingANameAndChoosingAStateFilterTheRows() throws Exception {
        TextField name = FxTestSupport.onFx(() -> (TextField) window.root().lookup("#history-name"));
        FxTestSupport.onFx(() -> {
            name.setText("drag");
            return null;
        });
        assertThat(FxTestSupport.await(() -> window.tableView().getItems().stream().map(HistoryViewModel.Row::id)
                .toList().equals(List.of("a", "d")), 20)).isTrue();
        @SuppressWarnings("unchecked")
        ComboBox<String> template = FxTestSupport.onFx(() -> (ComboBox<String>) window.root()
                .lookup("#history-template"));
        // the template list: "any" first, then the ones the history knows; nothing chosen by itself
        assertThat(FxTestSupport.await(() -> template.getItems().size() == 3, 10)).isTrue();
        assertThat(FxTestSupport.onFx(template::getValue)).isNull();
        FxTestSupport.onFx(() -> {
            template.setValue("complete_processing");
            return null;
        });
        assertThat(FxTestSupport.await(() -> window.tableView().getItems().stream().map(HistoryViewModel.Row::id)
                .toList().equals(List.of("d")), 20)).isTrue();

        FxTestSupport.onFx(() -> {
            ((javafx.scene.control.Button) window.root().lookup("#history-clear")).fire();
            return null;
        });
        assertThat(FxTestSupport.await(() -> window.tableView().getItems().size() == 4, 20)).isTrue();
        @SuppressWarnings("unchecked")
        ComboBox<String> state = FxTestSupport.onFx(() -> (ComboBox<String>) window.root().lookup("#history-state"));
        FxTestSupport.onFx(() -> {
            state.setValue("failed");
            return null;
        });
        assertThat(FxTestSupport.await(() -> window.tableView().getItems().stream().map(HistoryViewModel.Row::id)
                .toList().equals(List.of("c")), 20)).isTrue();
        assertThat(FxTestSupport.onFx(() -> ((javafx.scene.control.Label) window.root().lookup("#history-status"))
                .getText())).isEqualTo("1 job");
    }
}
