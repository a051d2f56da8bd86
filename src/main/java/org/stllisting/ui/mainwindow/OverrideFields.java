package org.stllisting.ui.mainwindow;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.StringProperty;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The controls of an {@link OverridesForm}: for the detail pane's section and the dialog for several jobs. */
public final class OverrideFields {
    private OverrideFields() {
    }

    /** Takes what is typed into the editable fields as their values (as Enter or leaving the field does). */
    public static void commit(List<ComboBox<String>> boxes) {
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
    public static GridPane grid(OverridesForm form, boolean several, List<ComboBox<String>> boxes) {
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
