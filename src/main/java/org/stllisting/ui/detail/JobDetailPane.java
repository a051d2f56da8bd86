package org.stllisting.ui.detail;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.stllisting.app.JobDetails;
import org.stllisting.app.JobDetails.Detail;
import org.stllisting.ui.OpenFolder;
import org.stllisting.ui.OwnedWindow;
import org.stllisting.ui.mainwindow.JobRow;
import org.stllisting.ui.preview.ModelPreview;

/**
 * The selected job's details beside the queue: the model's preview, what the history knows of the file,
 * problems (the reason first, the path second), the figures, the steps with their state and time, the
 * pictures it made (click one to enlarge it) and its log. Everything is bound to a
 * {@link JobDetailViewModel}; the pane holds no state of its own.
 */
public final class JobDetailPane {
    static final double THUMB_WIDTH = 112;
    static final double THUMB_HEIGHT = 84;
    /** Warnings shown before "Show n more". */
    static final int WARNINGS_SHOWN = 3;

    private final JobDetailViewModel model;
    private final ModelPreview preview;
    private final Consumer<String> onError;
    private final ScrollPane root = new ScrollPane();
    private final VBox errorsBox = new VBox(6);
    private final VBox warningsBox = new VBox(6);
    private final GridPane stepsGrid = new GridPane();
    private final FlowPane imagesPane = new FlowPane(6, 6);
    private String previewed;
    private VBox shown;

    public JobDetailPane(JobDetailViewModel model, ModelPreview preview, Consumer<String> onError) {
        this.model = model;
        this.preview = preview;
        this.onError = onError;
        root.setId("job-detail");
        root.getStyleClass().add("job-detail");
        root.setFitToWidth(true);
        root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.setMinWidth(300);
        root.setPrefWidth(380);
        root.getStylesheets().add(JobDetailPane.class.getResource("detail.css").toExternalForm());
        root.setContent(content());
        model.detailProperty().addListener((o, was, now) -> detailChanged(now));
    }

    public Region root() {
        return root;
    }

    public ModelPreview preview() {
        return preview;
    }

    /**
     * Follows the queue table's selection: the selected row's job is shown, and read again when its state,
     * step or template changes.
     */
    public void follow(ObservableValue<JobRow> selected) {
        ChangeListener<Object> moved = (o, was, now) -> {
            JobRow row = selected.getValue();
            if (row != null) {
                model.changed(row.id());
            }
        };
        selected.addListener((o, was, now) -> {
            if (was != null) {
                was.stateProperty().removeListener(moved);
                was.messageProperty().removeListener(moved);
                was.templateProperty().removeListener(moved);
            }
            if (now != null) {
                now.stateProperty().addListener(moved);
                now.messageProperty().addListener(moved);
                now.templateProperty().addListener(moved);
            }
            model.select(now == null ? null : now.id());
        });
        JobRow now = selected.getValue();
        if (now != null) {
            now.stateProperty().addListener(moved);
            now.messageProperty().addListener(moved);
            now.templateProperty().addListener(moved);
            model.select(now.id());
        }
    }

    private Node content() {
        Label placeholder = new Label();
        placeholder.setId("detail-placeholder");
        placeholder.getStyleClass().add("detail-placeholder");
        placeholder.textProperty().bind(model.placeholderProperty());
        placeholder.setWrapText(true);
        placeholder.visibleProperty().bind(model.showingProperty().not());
        placeholder.managedProperty().bind(placeholder.visibleProperty());

        Label title = new Label();
        title.setId("detail-title");
        title.getStyleClass().add("detail-title");
        title.textProperty().bind(model.titleProperty());
        title.setWrapText(true);
        Label summary = new Label();
        summary.setId("detail-summary");
        summary.getStyleClass().add("detail-summary");
        summary.textProperty().bind(model.summaryProperty());

        Label previous = optional(new Label(), model.previousProperty());
        previous.setId("detail-previous");
        previous.getStyleClass().add("detail-previous");
        Label stepsNote = optional(new Label(), model.stepsNoteProperty());
        stepsNote.setId("detail-steps-note");
        stepsNote.getStyleClass().add("detail-note");
        Label measures = optional(new Label(), model.measuresProperty());
        measures.setId("detail-measures");
        measures.getStyleClass().add("detail-measures");

        errorsBox.setId("detail-errors");
        warningsBox.setId("detail-warnings");
        model.errors().addListener((ListChangeListener<JobDetails.Note>) c -> notes(errorsBox, model.errors(),
                "note-error"));
        model.warnings().addListener((ListChangeListener<JobDetails.Note>) c -> warnings(false));

        stepsGrid.setId("detail-steps");
        stepsGrid.getStyleClass().add("detail-steps");
        stepsGrid.setHgap(12);
        stepsGrid.setVgap(3);
        ColumnConstraints name = new ColumnConstraints();
        name.setHgrow(Priority.ALWAYS);
        ColumnConstraints time = new ColumnConstraints();
        time.setHalignment(javafx.geometry.HPos.RIGHT);
        time.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints state = new ColumnConstraints();
        state.setMinWidth(Region.USE_PREF_SIZE);
        stepsGrid.getColumnConstraints().setAll(name, state, time);
        model.steps().addListener((ListChangeListener<JobDetailViewModel.StepLine>) c -> steps());

        imagesPane.setId("detail-images");
        model.images().addListener((ListChangeListener<Path>) c -> images());
        Label imagesHeading = heading("Pictures");
        imagesHeading.visibleProperty().bind(Bindings.isNotEmpty(model.images()));
        imagesHeading.managedProperty().bind(imagesHeading.visibleProperty());

        Button log = new Button("Show log");
        log.setId("show-log");
        log.disableProperty().bind(model.hasLogProperty().not());
        log.setOnAction(e -> showLog());
        Button folder = new Button("Open folder");
        folder.setId("open-job-folder");
        // as the queue's context menu: only a folder that is on disk (none yet for a job that has not begun)
        folder.disableProperty().bind(Bindings.createBooleanBinding(() -> model.detailProperty().get() == null
                || model.detailProperty().get().outputFolder() == null
                || !java.nio.file.Files.isDirectory(Path.of(model.detailProperty().get().outputFolder())),
                model.detailProperty()));
        folder.setOnAction(e -> OpenFolder.open(Path.of(model.detailProperty().get().outputFolder()), onError));
        HBox buttons = new HBox(8, log, folder);
        buttons.setAlignment(Pos.CENTER_LEFT);

        shown = new VBox(8, title, summary, preview.root(), previous, errorsBox, warningsBox, measures,
                heading("Steps"), stepsGrid, stepsNote, imagesHeading, imagesPane, buttons);
        shown.visibleProperty().bind(model.showingProperty());
        shown.managedProperty().bind(shown.visibleProperty());
        VBox box = new VBox(8, placeholder, shown);
        box.setPadding(new Insets(10, 12, 12, 12));
        box.setFillWidth(true);
        return box;
    }

    /** Adds {@code section} (shown with a job's details) above the pane's buttons. */
    public void addSection(Node section) {
        shown.getChildren().add(shown.getChildren().size() - 1, section);
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("detail-heading");
        return l;
    }

    /** A wrapping label shown only while {@code text} is not null. */
    private static Label optional(Label l, javafx.beans.property.StringProperty text) {
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.visibleProperty().bind(text.isNotNull().and(text.isNotEmpty()));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static void notes(VBox box, List<JobDetails.Note> notes, String style) {
        box.getChildren().clear();
        for (JobDetails.Note n : notes) {
            Label reason = new Label(n.reason());
            reason.setWrapText(true);
            reason.getStyleClass().addAll("note-reason", style);
            VBox one = new VBox(1, reason);
            one.getStyleClass().addAll("note", style);
            if (n.path() != null) {
                Label path = new Label(n.path());
                path.setWrapText(true);
                path.getStyleClass().add("note-path");
                path.setTooltip(new Tooltip(n.path()));
                one.getChildren().add(path);
            }
            box.getChildren().add(one);
        }
    }

    /** The first {@link #WARNINGS_SHOWN} warnings, and a link to the rest. */
    private void warnings(boolean all) {
        List<JobDetails.Note> notes = model.warnings();
        int shown = all ? notes.size() : Math.min(WARNINGS_SHOWN, notes.size());
        notes(warningsBox, notes.subList(0, shown), "note-warning");
        if (shown < notes.size()) {
            javafx.scene.control.Hyperlink more = new javafx.scene.control.Hyperlink("Show " + (notes.size() - shown)
                    + " more note" + (notes.size() - shown == 1 ? "" : "s"));
            more.setId("more-warnings");
            more.setOnAction(e -> warnings(true));
            warningsBox.getChildren().add(more);
        }
    }

    private void steps() {
        stepsGrid.getChildren().clear();
        int r = 0;
        for (JobDetailViewModel.StepLine s : model.steps()) {
            Label name = new Label(s.label());
            Label state = new Label(s.state());
            state.getStyleClass().addAll("step-state", "step-" + s.status().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-'));
            Label time = new Label(s.time());
            time.getStyleClass().add("step-time");
            stepsGrid.addRow(r++, name, state, time);
        }
    }

    private void images() {
        imagesPane.getChildren().clear();
        for (Path p : model.images()) {
            // loaded by JavaFX's own background loader, scaled down as it is read
            ImageView view = new ImageView(new Image(p.toUri().toString(), THUMB_WIDTH, THUMB_HEIGHT, true, true,
                    true));
            view.setFitWidth(THUMB_WIDTH);
            view.setFitHeight(THUMB_HEIGHT);
            view.setPreserveRatio(true);
            StackPane frame = new StackPane(view);
            frame.getStyleClass().add("detail-thumb");
            frame.setPrefSize(THUMB_WIDTH + 6, THUMB_HEIGHT + 6);
            frame.setCursor(Cursor.HAND);
            Tooltip.install(frame, new Tooltip(p.getFileName() + " (click to enlarge)"));
            frame.setOnMouseClicked(e -> enlarge(p));
            imagesPane.getChildren().add(frame);
        }
    }

    private void detailChanged(Detail d) {
        if (d == null) {
            previewed = null;
            preview.clear("No job selected");
            return;
        }
        Path render = d.images().stream().filter(p -> p.getFileName().toString().endsWith("_render.png"))
                .findFirst().orElse(d.images().isEmpty() ? null : d.images().get(0));
        List<String> errors = d.errors().stream().map(JobDetails.Note::reason).toList();
        String key = d.jobId() + "|" + render + "|" + errors;
        if (!key.equals(previewed)) {
            previewed = key;
            // a model that cannot be read says why once: in the errors, the reason first and the path second
            preview.show(d.jobId(), d.source() == null ? null : Path.of(d.source()), render, errors);
        }
    }

    private Window owner() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    /** A picture at the size of the screen at most, in its own window (Escape closes it). */
    void enlarge(Path png) {
        javafx.geometry.Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Image image = new Image(png.toUri().toString(), screen.getWidth() * 0.85, screen.getHeight() * 0.85, true,
                true, true);
        ImageView view = new ImageView(image);
        view.setPreserveRatio(true);
        StackPane pane = new StackPane(view);
        pane.setStyle("-fx-background-color: #202226;");
        Stage stage = OwnedWindow.create(owner(), png.getFileName().toString(), pane,
                Math.min(1100, screen.getWidth() * 0.85), Math.min(720, screen.getHeight() * 0.85), 200, 150);
        // the scene's size is the window's: binding to it cannot make the window grow
        view.fitWidthProperty().bind(stage.getScene().widthProperty());
        view.fitHeightProperty().bind(stage.getScene().heightProperty());
        stage.show();
    }

    private void showLog() {
        Detail d = model.detailProperty().get();
        model.readLog(text -> {
            TextArea area = new TextArea(text);
            area.setId("log-text");
            area.setEditable(false);
            area.setWrapText(true);
            area.setStyle("-fx-font-family: monospace;");
            Stage stage = OwnedWindow.create(owner(), "Log — " + (d == null ? "the job" : d.modelName()), area, 860,
                    520, 300, 200);
            stage.show();
            area.positionCaret(text.length());
        });
    }
}
