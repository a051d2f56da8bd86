package org.stllisting.ui.storage;

import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
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
import org.stllisting.ui.OwnedWindow;

/**
 * The storage window: on one tab the figures of {@code stl-listing cleanup --stats}, every item a cleanup with
 * the chosen options would remove, and Clean; on the other the sessions with Restore. Bound to a
 * {@link StorageViewModel} and a {@link SessionsViewModel}; holds no state of its own.
 */
public final class StorageWindow {
    static final double WIDTH = 1100;
    static final double HEIGHT = 880;

    private final StorageViewModel storage;
    private final SessionsViewModel sessions;
    private final TabPane tabs = new TabPane();
    private final TableView<StorageViewModel.StatRow> statsTable = new TableView<>();
    private final TableView<StorageViewModel.ItemRow> itemsTable = new TableView<>();
    private final TableView<SessionsViewModel.Row> sessionsTable = new TableView<>();
    private Stage stage;

    public StorageWindow(StorageViewModel storage, SessionsViewModel sessions) {
        this.storage = storage;
        this.sessions = sessions;
        Tab space = new Tab("Storage", storagePane());
        space.setId("tab-storage");
        Tab list = new Tab("Sessions", sessionsPane());
        list.setId("tab-sessions");
        tabs.getTabs().setAll(space, list);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // a cleanup changes the sessions' disk use and may remove expired ones
        storage.outcomeProperty().addListener((o, was, now) -> {
            if (now.startsWith("Removed")) {
                sessions.load();
            }
        });
    }

    public Parent root() {
        return tabs;
    }

    /** Opens the window (or brings it to the front) and reads the home again. */
    public void show(Window owner) {
        if (stage == null) {
            stage = OwnedWindow.create(owner, "Storage and sessions — STL Listing Tool", tabs, WIDTH, HEIGHT, 720,
                    480);
        }
        storage.refresh();
        sessions.load();
        stage.show();
        stage.toFront();
    }

    /** Shows the sessions tab. */
    public void showSessions() {
        tabs.getSelectionModel().select(1);
    }

    private Parent storagePane() {
        Spinner<Integer> hours = new Spinner<>(0, 100_000, storage.hoursProperty().get());
        hours.setId("storage-hours");
        hours.setEditable(true);
        hours.setPrefWidth(100);
        hours.valueProperty().addListener((o, was, now) -> storage.hoursProperty().set(now));
        CheckBox force = new CheckBox("also sessions not finished");
        force.setId("storage-force");
        force.setTooltip(new Tooltip("Their caches go and their unfinished jobs start over; never this window's"
                + " queue"));
        force.selectedProperty().bindBidirectional(storage.forceProperty());
        TextField days = new TextField();
        days.setId("storage-history-days");
        days.setPrefColumnCount(5);
        days.setPromptText("setting");
        days.setTooltip(new Tooltip("History rows older than this many days go; empty: the history_keep_days"
                + " setting"));
        days.textProperty().addListener((o, was, now) -> {
            try {
                int d = Integer.parseInt(now.strip());
                storage.historyDaysProperty().set(d >= 1 ? d : null);
            } catch (NumberFormatException e) {
                storage.historyDaysProperty().set(null);
            }
        });
        Button refresh = new Button("Refresh");
        refresh.setId("storage-refresh");
        refresh.setOnAction(e -> storage.refresh());
        Button clean = new Button("Clean");
        clean.setId("storage-clean");
        clean.setTooltip(new Tooltip("Removes what the list below shows"));
        clean.disableProperty().bind(storage.busyProperty().or(Bindings.isEmpty(storage.items())));
        clean.setOnAction(e -> storage.clean());
        refresh.disableProperty().bind(storage.busyProperty());
        // a change of the options shows at once what they would remove
        storage.hoursProperty().addListener((o, was, now) -> storage.refresh());
        storage.forceProperty().addListener((o, was, now) -> storage.refresh());
        storage.historyDaysProperty().addListener((o, was, now) -> storage.refresh());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox options = new HBox(8, new Label("Sessions idle for"), hours, new Label("hours"), force,
                new Label("History older than"), days, new Label("days"), grow, refresh, clean);
        options.setAlignment(Pos.CENTER_LEFT);

        statsTable.setId("storage-stats");
        statsTable.getColumns().setAll(List.of(
                column("What", 300, StorageViewModel.StatRow::what),
                column("Size", 110, StorageViewModel.StatRow::size),
                column("Items", 110, StorageViewModel.StatRow::items),
                column("A cleanup removes", 220, StorageViewModel.StatRow::removable)));
        statsTable.setItems(storage.stats());
        statsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        statsTable.setFixedCellSize(26);
        statsTable.prefHeightProperty().bind(Bindings.size(storage.stats()).multiply(26).add(32));
        statsTable.minHeightProperty().bind(statsTable.prefHeightProperty());
        Label summary = new Label();
        summary.setId("storage-summary");
        summary.textProperty().bind(storage.summaryProperty());

        itemsTable.setId("storage-items");
        itemsTable.getColumns().setAll(List.of(
                column("What", 250, StorageViewModel.ItemRow::category),
                column("Path", 600, StorageViewModel.ItemRow::path),
                column("Size", 100, StorageViewModel.ItemRow::size)));
        itemsTable.setItems(storage.items());
        itemsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        itemsTable.setFixedCellSize(26);
        itemsTable.setPlaceholder(new Label("A cleanup with these options removes nothing"));
        VBox.setVgrow(itemsTable, Priority.ALWAYS);

        Label notes = new Label();
        notes.setId("storage-notes");
        notes.setWrapText(true);
        notes.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", storage.notes()),
                storage.notes()));
        notes.managedProperty().bind(Bindings.isNotEmpty(storage.notes()));
        notes.visibleProperty().bind(notes.managedProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("storage-progress");
        progress.progressProperty().bind(storage.progressProperty());
        progress.setPrefWidth(200);
        Label outcome = new Label();
        outcome.setId("storage-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(storage.outcomeProperty());
        HBox result = new HBox(10, progress, outcome);
        result.setAlignment(Pos.CENTER_LEFT);
        result.managedProperty().bind(storage.outcomeProperty().isNotEmpty());
        result.visibleProperty().bind(result.managedProperty());
        ListView<String> problems = new ListView<>(storage.problems());
        problems.setId("storage-problems");
        problems.setPrefHeight(90);
        problems.managedProperty().bind(Bindings.isNotEmpty(storage.problems()));
        problems.visibleProperty().bind(problems.managedProperty());

        Label previewHeading = new Label("What a cleanup with these options removes");
        previewHeading.setStyle("-fx-font-weight: bold;");
        VBox box = new VBox(8, options, statsTable, summary, notes, previewHeading, itemsTable, result, problems);
        box.setPadding(new Insets(12));
        return box;
    }

    private Parent sessionsPane() {
        sessionsTable.setId("sessions-table");
        sessionsTable.getColumns().setAll(List.of(
                column("Session", 90, SessionsViewModel.Row::shortId),
                column("Status", 140, SessionsViewModel.Row::status),
                column("Started", 150, SessionsViewModel.Row::started),
                column("Ended", 150, SessionsViewModel.Row::ended),
                column("Template", 150, SessionsViewModel.Row::template),
                column("Done / failed / total", 150, SessionsViewModel.Row::jobs),
                column("Disk", 90, SessionsViewModel.Row::disk),
                column("Expires", 150, SessionsViewModel.Row::expires)));
        sessionsTable.setItems(sessions.rows());
        sessionsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        sessionsTable.setFixedCellSize(26);
        sessionsTable.setPlaceholder(new Label("No sessions yet"));
        Button restore = new Button("Restore");
        restore.setId("sessions-restore");
        restore.setTooltip(new Tooltip("Brings the session's jobs back as the queue; the queue must have no work"
                + " left"));
        restore.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            SessionsViewModel.Row r = sessionsTable.getSelectionModel().getSelectedItem();
            return r == null || r.active();
        }, sessionsTable.getSelectionModel().selectedItemProperty()));
        restore.setOnAction(e -> sessions.restore(sessionsTable.getSelectionModel().getSelectedItem()));
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> sessions.load());
        Label message = new Label();
        message.setId("sessions-message");
        message.setWrapText(true);
        message.textProperty().bind(sessions.messageProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(8, message, refresh, restore);
        bar.setAlignment(Pos.CENTER_LEFT);
        BorderPane pane = new BorderPane(sessionsTable);
        pane.setBottom(bar);
        BorderPane.setMargin(bar, new Insets(8, 0, 0, 0));
        pane.setPadding(new Insets(12));
        return pane;
    }

    private static <R> TableColumn<R, String> column(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> (ObservableValue<String>) new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    TableView<StorageViewModel.StatRow> statsTable() {
        return statsTable;
    }

    TableView<StorageViewModel.ItemRow> itemsTable() {
        return itemsTable;
    }

    TableView<SessionsViewModel.Row> sessionsTable() {
        return sessionsTable;
    }
}
