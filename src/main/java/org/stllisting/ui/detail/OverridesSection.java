package org.stllisting.ui.detail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * "This job's settings" in the detail pane: for each field the value in effect and whether it is the
 * template's or this job's own, editable before the job starts, with Apply and "Back to the template". Bound to
 * an {@link OverridesViewModel}.
 */
public final class OverridesSection {
    private final OverridesViewModel model;
    private final VBox root = new VBox(6);
    private final List<ComboBox<String>> boxes = new ArrayList<>();

    public OverridesSection(OverridesViewModel model) {
        this.model = model;
        root.setId("job-settings");
        Label heading = new Label("This job's settings");
        heading.getStyleClass().add("detail-heading");
        GridPane grid = fields(model.form(), false, boxes);
        grid.setId("job-settings-fields");
        for (ComboBox<String> b : boxes) {
            b.disableProperty().bind(model.editableProperty().not());
        }
        Label note = new Label();
        note.setId("job-settings-note");
        note.getStyleClass().add("detail-note");
        note.setWrapText(true);
        note.textProperty().bind(model.noteProperty());
        note.visibleProperty().bind(model.noteProperty().isNotNull());
        note.managedProperty().bind(note.visibleProperty());
        Label others = new Label();
        others.setId("job-settings-others");
        others.getStyleClass().add("detail-note");
        others.setWrapText(true);
        others.textProperty().bind(model.othersProperty());
        others.visibleProperty().bind(model.othersProperty().isNotNull());
        others.managedProperty().bind(others.visibleProperty());
        Button apply = new Button("Apply");
        apply.setId("job-settings-apply");
        apply.disableProperty().bind(model.editableProperty().not());
        apply.setOnAction(e -> {
            commit(boxes);
            model.apply();
        });
        Button back = new Button("Back to the template");
        back.setId("job-settings-template");
        back.disableProperty().bind(model.editableProperty().not().or(model.hasOwnProperty().not()));
        back.setOnAction(e -> model.backToTemplate());
        HBox buttons = new HBox(8, apply, back);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.visibleProperty().bind(model.editableProperty());
        buttons.managedProperty().bind(buttons.visibleProperty());
        root.getChildren().addAll(heading, grid, others, note, buttons);
        root.visibleProperty().bind(model.showingProperty());
        root.managedProperty().bind(root.visibleProperty());
    }

    public VBox root() {
        return root;
    }

    /** Takes what is typed into the editable fields as their values (as Enter or leaving the field does). */
    static void commit(List<ComboBox<String>> boxes) {
        for (ComboBox<String> b : boxes) {
            if (b.isEditable()) {
                b.commitValue();
            }
        }
    }

    /**
     * The form's fields in a grid: a label, a choice (typed values allowed where the field takes them) and,
     * for one job, where its value comes from; for {@code several} jobs each choice offers
     * {@link OverridesForm#KEEP} and {@link OverridesForm#TEMPLATE} first. The choices are added to
     * {@code boxes}.
     */
    public static GridPane fields(OverridesForm form, boolean several, List<ComboBox<String>> boxes) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(5);
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints value = new ColumnConstraints();
        value.setHgrow(Priority.ALWAYS);
        value.setFillWidth(true);
        ColumnConstraints source = new ColumnConstraints();
        source.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().setAll(label, value, source);
        int r = 0;
        for (OverridesForm.Field f : OverridesForm.Field.values()) {
            Label name = new Label(f.label());
            ComboBox<String> box = new ComboBox<>();
            box.setId("setting-" + f.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (several) {
                box.getItems().addAll(OverridesForm.KEEP, OverridesForm.TEMPLATE);
            }
            box.getItems().addAll(f.offered());
            box.setEditable(f.typed());
            box.setMaxWidth(Double.MAX_VALUE);
            box.setPrefWidth(several ? 240 : 170);
            StringProperty v = form.valueProperty(f);
            box.valueProperty().bindBidirectional(v);
            name.setLabelFor(box);
            boxes.add(box);
            grid.add(name, 0, r);
            grid.add(box, 1, r);
            if (!several) {
                Label from = new Label();
                from.setId("setting-source-" + f.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                from.getStyleClass().add("setting-source");
                from.textProperty().bind(form.sourceProperty(f));
                from.styleProperty().bind(javafx.beans.binding.Bindings.when(form.sourceProperty(f)
                        .isEqualTo("this job's")).then("-fx-font-weight: bold;").otherwise("-fx-opacity: 0.75;"));
                grid.add(from, 2, r);
            }
            r++;
        }
        return grid;
    }
}
