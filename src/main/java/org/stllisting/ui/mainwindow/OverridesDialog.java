package org.stllisting.ui.mainwindow;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.stllisting.ui.OwnedWindow;

/**
 * "Change settings…" for the selected jobs: the fields of a job's own settings, each "Keep as is" until the
 * user picks a value (or "The template's"), given to every selected job that has not begun.
 */
public final class OverridesDialog {
    private OverridesDialog() {
    }

    /** True when the dialog applies to a selected job: one waits and has not begun. */
    public static boolean applies(List<JobRow> selected) {
        return selected.stream().anyMatch(JobRow::notBegun);
    }

    /** Opens the dialog for {@code selected} (not shown yet: the caller shows it). */
    public static Stage create(Window owner, QueueViewModel model, List<JobRow> selected) {
        List<JobRow> jobs = List.copyOf(selected);
        OverridesForm form = new OverridesForm();
        form.keepAll();
        List<ComboBox<String>> boxes = new ArrayList<>();
        long waiting = jobs.stream().filter(JobRow::notBegun).count();
        Label intro = new Label("Only the fields you change are given to the " + (waiting == 1 ? "job"
                : Formats.count((int) waiting, "job")) + " that " + (waiting == 1 ? "has" : "have")
                + " not started; the others keep their values."
                + (waiting < jobs.size() ? " " + Formats.count(jobs.size() - (int) waiting, "selected job")
                        + (jobs.size() - waiting == 1 ? " has" : " have") + " started and will not change." : ""));
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        Label problem = new Label();
        problem.setId("settings-dialog-problem");
        problem.getStyleClass().add("note-error");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setVisible(false);
        Button apply = new Button("Apply");
        apply.setId("settings-dialog-apply");
        apply.setDefaultButton(true);
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, gap, apply, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(12, intro, OverrideFields.grid(form, true, boxes), problem, buttons);
        root.setId("settings-dialog");
        root.setPadding(new Insets(14));
        String title = "Change settings of " + (jobs.size() == 1 ? jobs.get(0).nameProperty().get()
                : Formats.count(jobs.size(), "job"));
        Stage stage = OwnedWindow.create(owner, title, root, 520, 410, 440, 380);
        if (owner != null) {
            stage.initModality(Modality.WINDOW_MODAL);
        }
        cancel.setOnAction(e -> stage.close());
        apply.setOnAction(e -> {
            OverrideFields.commit(boxes);
            try {
                OverridesForm.Changes c = form.changes();
                if (c.isEmpty()) {
                    problem.setText("Nothing to change: every field says " + OverridesForm.KEEP);
                    problem.setVisible(true);
                    return;
                }
                model.changeSettings(jobs, c.render(), c.validation());
                stage.close();
            } catch (IllegalArgumentException ex) {
                problem.setText(ex.getMessage());
                problem.setVisible(true);
            }
        });
        return stage;
    }
}
