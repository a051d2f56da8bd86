package org.stllisting.ui.detail;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.stllisting.ui.mainwindow.OverrideFields;

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
        GridPane grid = OverrideFields.grid(model.form(), false, boxes);
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
            OverrideFields.commit(boxes);
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
}
