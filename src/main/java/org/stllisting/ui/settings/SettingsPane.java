package org.stllisting.ui.settings;

import java.io.File;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.stllisting.app.settings.Setting;
import org.stllisting.ui.ChooserFolders;
import org.stllisting.ui.OwnedWindow;

/**
 * The settings window: every setting of the active queue and of the home, each with the control its type
 * needs (a spinner for whole counts, a field with its unit for sizes and times, a check box, a choice, a
 * folder chooser), its default, a mark when it is not the default, and the reason under the field when a typed
 * value is refused. Bound to a {@link SettingsViewModel}; holds no state of its own.
 */
public final class SettingsPane {
    static final double WIDTH = 1000;
    static final double HEIGHT = 930;

    private final SettingsViewModel model;
    private final BorderPane root = new BorderPane();
    private final ChooserFolders folders = new ChooserFolders();
    private Stage stage;

    public SettingsPane(SettingsViewModel model) {
        this.model = model;
        VBox groups = new VBox(14,
                group("This queue", "Kept with the active queue; a change applies to the running queue at once.",
                        Setting.Scope.QUEUE),
                group("Application", "Kept in config.json in the application home; used by every later run.",
                        Setting.Scope.HOME));
        Label templates = new Label("New jobs get the template picked last; file names (suffixes, prefix) come"
                + " from the template (Templates ▸ Details).");
        templates.setId("settings-templates-note");
        templates.setWrapText(true);
        templates.setStyle("-fx-opacity: 0.75;");
        groups.getChildren().add(templates);
        groups.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(groups);
        scroll.setFitToWidth(true);
        root.setCenter(scroll);

        Button save = new Button("Save");
        save.setId("settings-save");
        save.setDefaultButton(true);
        save.setOnAction(e -> model.save());
        Button revert = new Button("Revert");
        revert.setId("settings-revert");
        revert.setOnAction(e -> model.revert());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            if (stage != null) {
                stage.close();
            }
        });
        Label status = new Label();
        status.setId("settings-status");
        status.textProperty().bind(model.statusProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, status, grow, revert, save, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(8, 12, 10, 12));
        root.setBottom(buttons);
    }

    public Parent root() {
        return root;
    }

    /** Opens the window (or brings it to the front) and reads the settings again. */
    public void show(Window owner) {
        if (stage == null) {
            stage = OwnedWindow.create(owner, "Settings — STL Listing Tool", root, WIDTH, HEIGHT, 640, 420);
        }
        model.load();
        stage.show();
        stage.toFront();
    }

    private Node group(String title, String explanation, Setting.Scope scope) {
        Label heading = new Label(title);
        heading.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
        Label note = new Label(explanation);
        note.setWrapText(true);
        note.setStyle("-fx-opacity: 0.75;");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        ColumnConstraints label = new ColumnConstraints(250);
        ColumnConstraints control = new ColumnConstraints(260, 360, Double.MAX_VALUE);
        control.setHgrow(Priority.ALWAYS);
        ColumnConstraints dflt = new ColumnConstraints(300);
        grid.getColumnConstraints().setAll(label, control, dflt);
        int row = 0;
        for (SettingsViewModel.Field f : model.fields(scope)) {
            Setting s = f.setting();
            Label name = new Label(f.label());
            name.setId("label-" + s.key());
            name.setStyle("-fx-font-weight: bold;");
            name.setTooltip(new Tooltip(s.key() + " (its name on the command line and in config.json)"));
            Label what = new Label(f.help());
            what.setWrapText(true);
            what.setStyle("-fx-font-size: 0.9em; -fx-opacity: 0.75;");
            VBox left = new VBox(1, name, what);
            Label changed = new Label("●");
            changed.setTooltip(new Tooltip("Not the default"));
            changed.setStyle("-fx-text-fill: #c77700;");
            changed.visibleProperty().bind(f.notDefaultProperty());
            name.setGraphic(changed);
            name.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);

            Label error = new Label();
            error.setId("error-" + s.key());
            error.getStyleClass().add("settings-error");
            error.setStyle("-fx-text-fill: #c0392b;");
            error.setWrapText(true);
            error.textProperty().bind(f.errorProperty());
            error.managedProperty().bind(f.errorProperty().isNotEmpty());
            error.visibleProperty().bind(error.managedProperty());
            VBox middle = new VBox(2, control(f), error);

            Label def = new Label("default: " + f.defaultText());
            def.setStyle("-fx-opacity: 0.75;");
            Button reset = new Button("Reset");
            reset.setId("reset-" + s.key());
            reset.setTooltip(new Tooltip("Back to the default"));
            reset.disableProperty().bind(f.notDefaultProperty().not());
            reset.setOnAction(e -> model.reset(f));
            reset.setMinWidth(Region.USE_PREF_SIZE);
            def.setWrapText(true);
            HBox right = new HBox(8, reset, def);
            right.setAlignment(Pos.TOP_LEFT);
            def.setPadding(new Insets(4, 0, 0, 0));

            grid.addRow(row++, left, middle, right);
            GridPane.setValignment(left, VPos.TOP);
            GridPane.setValignment(middle, VPos.TOP);
            GridPane.setValignment(right, VPos.TOP);
            GridPane.setMargin(left, new Insets(2, 0, 6, 0));
        }
        VBox box = new VBox(6, heading, note, grid);
        box.setId("settings-" + scope.label());
        return box;
    }

    /** The control for one setting's type, kept in step with the field's text. */
    private Node control(SettingsViewModel.Field f) {
        Setting s = f.setting();
        String id = "setting-" + s.key();
        switch (s.type()) {
            case INT -> {
                Spinner<Integer> spinner = new Spinner<>();
                SpinnerValueFactory.IntegerSpinnerValueFactory values =
                        new SpinnerValueFactory.IntegerSpinnerValueFactory((int) s.min(), (int) s.max());
                // a value the spinner cannot read keeps its text, so that Save shows why it is refused
                values.setConverter(new StringConverter<>() {
                    @Override
                    public String toString(Integer v) {
                        return v == null ? "" : v.toString();
                    }

                    @Override
                    public Integer fromString(String t) {
                        Integer v = whole(t, s);
                        return v == null ? values.getValue() : v;
                    }
                });
                spinner.setValueFactory(values);
                spinner.setEditable(true);
                spinner.setId(id);
                spinner.setPrefWidth(140);
                spinner.getEditor().textProperty().bindBidirectional(f.textProperty());
                f.textProperty().addListener((o, was, now) -> {
                    Integer v = whole(now, s);
                    if (v != null && !v.equals(values.getValue())) {
                        values.setValue(v);
                    }
                });
                return withUnit(spinner, s);
            }
            case BOOLEAN -> {
                CheckBox box = new CheckBox("on");
                box.setId(id);
                box.setSelected(Boolean.parseBoolean(f.textProperty().get()));
                f.textProperty().addListener((o, was, now) -> box.setSelected(Boolean.parseBoolean(now)));
                box.selectedProperty().addListener((o, was, now) -> f.textProperty().set(now.toString()));
                return box;
            }
            case CHOICE -> {
                ComboBox<String> choice = new ComboBox<>();
                choice.getItems().setAll(s.choices());
                choice.setId(id);
                choice.setValue(f.textProperty().get().isEmpty() ? null : f.textProperty().get());
                f.textProperty().addListener((o, was, now) -> choice.setValue(now == null || now.isEmpty() ? null
                        : now));
                choice.valueProperty().addListener((o, was, now) -> f.textProperty().set(now == null ? "" : now));
                choice.setPromptText("per-model");
                return choice;
            }
            case PATH -> {
                TextField text = new TextField();
                text.setId(id);
                text.setPromptText("not set");
                text.textProperty().bindBidirectional(f.textProperty());
                HBox.setHgrow(text, Priority.ALWAYS);
                Button choose = new Button("Choose…");
                choose.setOnAction(e -> {
                    DirectoryChooser chooser = new DirectoryChooser();
                    chooser.setTitle(f.label());
                    String now = f.textProperty().get();
                    if (!now.isBlank() && new File(now).isDirectory()) {
                        chooser.setInitialDirectory(new File(now));
                    } else {
                        folders.place(chooser, s.key());
                    }
                    File picked = chooser.showDialog(root.getScene() == null ? null : root.getScene().getWindow());
                    folders.used(s.key(), picked);
                    if (picked != null) {
                        f.textProperty().set(Path.of(picked.getPath()).toString());
                    }
                });
                HBox box = new HBox(6, text, choose);
                box.setAlignment(Pos.CENTER_LEFT);
                return box;
            }
            default -> {
                TextField text = new TextField();
                text.setId(id);
                text.setPrefColumnCount(10);
                text.textProperty().bindBidirectional(f.textProperty());
                text.setTooltip(new Tooltip("Allowed: " + s.allowed()));
                return withUnit(text, s);
            }
        }
    }

    private static Node withUnit(Node control, Setting s) {
        if (s.unit() == Setting.Unit.NONE) {
            return control;
        }
        Label unit = new Label(s.unit().label());
        HBox box = new HBox(6, control, unit);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** The whole number {@code t} says when it is one in the setting's range, else null. */
    private static Integer whole(String t, Setting s) {
        try {
            Object v = s.parse(t);
            return v instanceof Integer i ? i : null;
        } catch (org.stllisting.app.settings.InvalidSettingException e) {
            return null;
        }
    }

    Stage stage() {
        return stage;
    }
}
