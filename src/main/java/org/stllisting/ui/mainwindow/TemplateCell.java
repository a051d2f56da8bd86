package org.stllisting.ui.mainwindow;

import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * The template column's cell: the job's template, and "+ n changes" when the job has settings of its own,
 * listed in the tooltip.
 */
final class TemplateCell extends TableCell<JobRow, String> {
    /** The column's text for a job of template {@code label} with these own settings ("; " between, or null). */
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
        setText(empty ? null : text);
        JobRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
        String own = row == null ? null : row.ownSettingsProperty().get();
        setTooltip(own == null ? null : new Tooltip("This job's own settings: " + own.replace("; ", ", ")));
    }
}
