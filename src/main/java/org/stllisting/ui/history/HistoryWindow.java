package org.stllisting.ui.history;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.stllisting.ui.OpenFolder;
import org.stllisting.ui.OwnedWindow;

/**
 * The history window: search the jobs of earlier runs by name, dates, template and state, open a row's
 * output folder, and see the last N days in two charts (jobs per day, completed and failed; mean duration
 * per template) with the success rate. Bound to a {@link HistoryViewModel}; holds no state of its own.
 */
public final class HistoryWindow {
    static final double WIDTH = 1120;
    static final double HEIGHT = 780;

    private final HistoryViewModel model;
    private final Consumer<String> onError;
    private final BorderPane root = new BorderPane();
    private final TableView<HistoryViewModel.Row> table = new TableView<>();
    private final StackedBarChart<String, Number> perDay;
    private final BarChart<String, Number> perTemplate;
    private final XYChart.Series<String, Number> completed = new XYChart.Series<>();
    private final XYChart.Series<String, Number> failed = new XYChart.Series<>();
    private final XYChart.Series<String, Number> meanDuration = new XYChart.Series<>();
    private Stage stage;

    /** Tick labels of a count: whole numbers only, a tick between two whole numbers gets none. */
    static final javafx.util.StringConverter<Number> WHOLE = new javafx.util.StringConverter<>() {
        @Override
        public String toString(Number n) {
            double v = n.doubleValue();
            return v == Math.rint(v) ? Long.toString((long) v) : "";
        }

        @Override
        public Number fromString(String s) {
            return Long.parseLong(s);
        }
    };

    public HistoryWindow(HistoryViewModel model, Consumer<String> onError) {
        this.model = model;
        this.onError = onError;
        completed.setName("Completed");
        failed.setName("Failed");
        meanDuration.setName("Mean duration (s)");

        CategoryAxis dayAxis = new CategoryAxis();
        NumberAxis jobsAxis = new NumberAxis();
        jobsAxis.setLabel("Jobs");
        jobsAxis.setMinorTickVisible(false);
        jobsAxis.setTickLabelFormatter(WHOLE);
        perDay = new StackedBarChart<>(dayAxis, jobsAxis);
        perDay.setId("chart-per-day");
        perDay.setTitle("Jobs per day");
        perDay.setAnimated(false);
        perDay.setCategoryGap(2);
        perDay.setLegendVisible(true);
        perDay.getData().setAll(List.of(completed, failed));

        CategoryAxis templateAxis = new CategoryAxis();
        NumberAxis secondsAxis = new NumberAxis();
        secondsAxis.setLabel("Seconds");
        secondsAxis.setMinorTickVisible(false);
        perTemplate = new BarChart<>(templateAxis, secondsAxis);
        perTemplate.setId("chart-per-template");
        perTemplate.setTitle("Mean duration per template");
        perTemplate.setAnimated(false);
        perTemplate.setLegendVisible(false);
        perTemplate.getData().setAll(List.of(meanDuration));
        perTemplate.getXAxis().widthProperty().addListener((o, was, now) -> templateGap());

        root.setId("history");
        root.getStylesheets().add(HistoryWindow.class.getResource("history.css").toExternalForm());
        root.setTop(filters());
        SplitPane split = new SplitPane(table(), charts());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        root.setCenter(split);
        root.setBottom(bottom());
        model.perDay().addListener((ListChangeListener<HistoryViewModel.Day>) c -> fillPerDay());
        model.perTemplate().addListener((ListChangeListener<HistoryViewModel.TemplateFigures>) c -> fillPerTemplate());
    }

    public Parent root() {
        return root;
    }

    TableView<HistoryViewModel.Row> tableView() {
        return table;
    }

    StackedBarChart<String, Number> perDayChart() {
        return perDay;
    }

    BarChart<String, Number> perTemplateChart() {
        return perTemplate;
    }

    /** Opens (or brings forward) the window over {@code owner} and reads the history. */
    public void show(Window owner) {
        if (stage == null) {
            stage = OwnedWindow.create(owner, "History — STL Listing Tool", root, WIDTH, HEIGHT, 760, 560);
        }
        model.load();
        stage.show();
        stage.toFront();
    }

    private Region filters() {
        TextField name = new TextField();
        name.setId("history-name");
        name.setPromptText("Model name");
        name.textProperty().bindBidirectional(model.nameProperty());
        name.setPrefColumnCount(16);
        DatePicker from = new DatePicker();
        from.setId("history-from");
        from.setPromptText("From");
        from.valueProperty().bindBidirectional(model.fromProperty());
        from.setPrefWidth(130);
        DatePicker until = new DatePicker();
        until.setId("history-until");
        until.setPromptText("Until");
        until.valueProperty().bindBidirectional(model.untilProperty());
        until.setPrefWidth(130);
        ComboBox<String> template = anyOr(model.templates(), "Any template", model::displayName);
        template.setId("history-template");
        template.valueProperty().bindBidirectional(model.templateProperty());
        ComboBox<String> state = anyOr(javafx.collections.FXCollections.observableArrayList(HistoryViewModel.STATES),
                "Any state", HistoryViewModel::stateWord);
        state.setId("history-state");
        state.valueProperty().bindBidirectional(model.stateProperty());
        Button clear = new Button("Clear");
        clear.setId("history-clear");
        clear.setOnAction(e -> model.clearFilters());
        // every change of a filter searches again
        model.nameProperty().addListener(o -> model.search());
        model.fromProperty().addListener(o -> model.search());
        model.untilProperty().addListener(o -> model.search());
        model.templateProperty().addListener(o -> model.search());
        model.stateProperty().addListener(o -> model.search());
        // a narrow window wraps the filters onto a second line rather than cutting them
        javafx.scene.layout.FlowPane box = new javafx.scene.layout.FlowPane(8, 6, fixed(new Label("Search:")), name,
                from, fixed(new Label("–")), until, template, state, clear);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(8, 10, 8, 10));
        box.getStyleClass().add("tool-bar");
        return box;
    }

    /** {@code r} never narrower than its text. */
    private static <T extends Region> T fixed(T r) {
        r.setMinWidth(Region.USE_PREF_SIZE);
        return r;
    }

    /** A choice of {@code items} with a first "any" entry that stands for null. */
    private static ComboBox<String> anyOr(javafx.collections.ObservableList<String> items, String any,
            java.util.function.Function<String, String> shown) {
        javafx.collections.ObservableList<String> all = javafx.collections.FXCollections.observableArrayList();
        all.add(null);
        all.addAll(items);
        ComboBox<String> box = fixed(new ComboBox<>(all));
        items.addListener((ListChangeListener<String>) c -> {
            // replacing the items must not pick one of them for the user
            String chosen = box.getValue();
            List<String> fresh = new java.util.ArrayList<>();
            fresh.add(null);
            fresh.addAll(items);
            all.setAll(fresh);
            box.setValue(chosen);
        });
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? any : shown.apply(s);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? any : shown.apply(s));
            }
        });
        return box;
    }

    private TableView<HistoryViewModel.Row> table() {
        table.setId("history-table");
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No jobs match"));
        table.getColumns().setAll(List.of(
                column("Finished", HistoryViewModel.Row::finished, 130),
                column("Model", HistoryViewModel.Row::model, 200),
                column("Template", HistoryViewModel.Row::template, 150),
                column("State", HistoryViewModel.Row::shownState, 170),
                column("Duration", HistoryViewModel.Row::duration, 90),
                column("Output folder", HistoryViewModel.Row::outputFolder, 260)));
        table.setRowFactory(t -> {
            TableRow<HistoryViewModel.Row> row = new TableRow<>();
            row.itemProperty().addListener((o, was, now) -> {
                row.getStyleClass().removeIf(s -> s.startsWith("history-"));
                if (now != null) {
                    row.getStyleClass().add("history-" + now.state().toLowerCase(Locale.ROOT));
                }
                row.setTooltip(now == null || now.error() == null ? null : new Tooltip(now.error()));
            });
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    openOutput(row.getItem());
                }
            });
            return row;
        });
        return table;
    }

    private static TableColumn<HistoryViewModel.Row, String> column(String title,
            java.util.function.Function<HistoryViewModel.Row, String> value, double width) {
        TableColumn<HistoryViewModel.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private Region charts() {
        ComboBox<Integer> days = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(7, 14, 30, 90));
        days.setId("history-days");
        days.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "" : "Last " + n + " days";
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        days.setValue(model.daysProperty().get());
        days.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.daysProperty().set(now);
                model.statistics();
            }
        });
        Label summary = new Label();
        summary.setId("history-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        fixed(days);
        summary.setMinWidth(0);
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setTooltip(new Tooltip());
        summary.getTooltip().textProperty().bind(model.summaryProperty());
        HBox head = new HBox(10, fixed(new Label("Statistics:")), days, summary);
        head.setAlignment(Pos.CENTER_LEFT);
        HBox charts = new HBox(8, perDay, perTemplate);
        HBox.setHgrow(perDay, Priority.ALWAYS);
        HBox.setHgrow(perTemplate, Priority.ALWAYS);
        perDay.setPrefWidth(620);
        perTemplate.setPrefWidth(380);
        perDay.setMinHeight(200);
        perTemplate.setMinHeight(200);
        VBox box = new VBox(6, head, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        box.setPadding(new Insets(8, 10, 4, 10));
        return box;
    }

    private Region bottom() {
        Button open = new Button("Open output folder");
        open.setId("history-open");
        open.disableProperty().bind(Bindings.isNull(table.getSelectionModel().selectedItemProperty()));
        open.setOnAction(e -> openOutput(table.getSelectionModel().getSelectedItem()));
        Label status = new Label();
        status.setId("history-status");
        status.textProperty().bind(model.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(10, status, spacer, open);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(6, 10, 8, 10));
        box.getStyleClass().add("status-bar");
        return box;
    }

    private void openOutput(HistoryViewModel.Row row) {
        java.nio.file.Path folder = model.outputFolder(row);
        if (folder == null) {
            onError.accept("This job has no output folder");
            return;
        }
        OpenFolder.open(folder, onError);
    }

    private void fillPerDay() {
        List<HistoryViewModel.Day> days = model.perDay();
        ((CategoryAxis) perDay.getXAxis()).setCategories(javafx.collections.FXCollections.observableArrayList(
                days.stream().map(HistoryViewModel.Day::label).toList()));
        perDay.getXAxis().setTickLabelRotation(days.size() > 14 ? -90 : 0);
        completed.getData().setAll(days.stream().map(d -> new XYChart.Data<String, Number>(d.label(),
                d.completed())).toList());
        failed.getData().setAll(days.stream().map(d -> new XYChart.Data<String, Number>(d.label(), d.failed()))
                .toList());
    }

    /** Bars at most 90 px wide, whatever the chart's width and the number of templates. */
    private void templateGap() {
        double width = perTemplate.getXAxis().getWidth() > 0 ? perTemplate.getXAxis().getWidth()
                : perTemplate.getWidth() - 80;
        double per = Math.max(1, width) / Math.max(1, meanDuration.getData().size());
        double bar = Math.min(per * 0.6, 90);
        perTemplate.setCategoryGap(Math.max(4, per - bar));
    }

    /** A template's bar: its name over its success rate. */
    static String category(HistoryViewModel.TemplateFigures t) {
        return t.template() + (t.successRate() == null ? ""
                : String.format(Locale.ROOT, "\n%.0f %% succeeded", t.successRate() * 100));
    }

    private void fillPerTemplate() {
        List<HistoryViewModel.TemplateFigures> templates = model.perTemplate().stream()
                .filter(t -> t.meanSeconds() != null).toList();
        ((CategoryAxis) perTemplate.getXAxis()).setCategories(javafx.collections.FXCollections.observableArrayList(
                templates.stream().map(HistoryWindow::category).toList()));
        meanDuration.getData().setAll(templates.stream().map(t -> new XYChart.Data<String, Number>(category(t),
                Math.round(t.meanSeconds() * 10) / 10.0)).toList());
        templateGap();
        for (int i = 0; i < templates.size(); i++) {
            HistoryViewModel.TemplateFigures t = templates.get(i);
            XYChart.Data<String, Number> d = meanDuration.getData().get(i);
            String tip = String.format(Locale.ROOT, "%s: %,d jobs, success rate %.0f %% (completed of completed and "
                    + "failed; cancelled and skipped are not failures), mean %s", t.template(),
                    t.jobs(), t.successRate() == null ? 0 : t.successRate() * 100, HistoryViewModel.seconds(
                            t.meanSeconds()));
            if (d.getNode() != null) {
                Tooltip.install(d.getNode(), new Tooltip(tip));
            } else {
                d.nodeProperty().addListener((o, was, now) -> {
                    if (now != null) {
                        Tooltip.install(now, new Tooltip(tip));
                    }
                });
            }
        }
    }
}
