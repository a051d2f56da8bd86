package org.stllisting.ui.mainwindow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * The template column's cell: the job's template, and when the job has settings of its own a "+n" mark
 * after it (kept in view when the name is cut short), listed in the tooltip.
 */
final class TemplateCell extends TableCell<JobRow, String> {
    private static final Pattern CHANGES = Pattern.compile("(.*?)(?: \\+ )?(\\d+) changes?$");
    private final Label mark = new Label();

    TemplateCell() {
        mark.getStyleClass().add("own-settings-mark");
        mark.setStyle("-fx-background-color: rgba(74,144,217,0.28); -fx-background-radius: 8; -fx-padding: 0 6 0 6;"
                + " -fx-font-weight: bold;");
        mark.setMinWidth(Label.USE_PREF_SIZE);
        setContentDisplay(ContentDisplay.RIGHT);
        setGraphicTextGap(6);
    }

    /** The column's value for a job of template {@code label} with these own settings ("; " between, or null). */
    static String text(String label, String own) {
        if (own == null) {
            return label;
        }
        int n = own.split("; ").length;
        String changes = n + (n == 1 ? " change" : " changes");
        return label == null || label.isEmpty() ? changes : label + " + " + changes;
    }

    @Override
    protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        JobRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
        String own = row == null ? null : row.ownSettingsProperty().get();
        Matcher m = text == null || own == null ? null : CHANGES.matcher(text);
        if (empty || m == null || !m.matches()) {
            setText(empty ? null : text);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        setText(m.group(1));
        mark.setText("+" + m.group(2));
        setGraphic(mark);
        setTooltip(new Tooltip("This job's own settings: " + own.replace("; ", ", ")));
    }
}
