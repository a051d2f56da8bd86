package org.stllisting.ui.mainwindow;

import javafx.scene.control.TableCell;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

/**
 * The queue table's thumbnail cell. The table makes cells only for the rows in view and reuses them as it
 * scrolls, so a cell asks for its row's thumbnail when it comes to show the row, and gives up the request
 * when it goes on to another: thumbnails are made for what the user sees, not for the whole queue.
 */
final class ThumbnailCell extends TableCell<JobRow, Image> {
    private final QueueViewModel model;
    private final ImageView view = new ImageView();
    /** The row this cell shows, or null. */
    private JobRow shown;

    ThumbnailCell(QueueViewModel model) {
        this.model = model;
        view.setFitWidth(48);
        view.setFitHeight(48);
        view.setPreserveRatio(true);
    }

    @Override
    protected void updateItem(Image img, boolean empty) {
        super.updateItem(img, empty);
        view.setImage(empty ? null : img);
        setGraphic(empty ? null : view);
        if (TableWarmUp.isWarming(getTableView())) {
            return; // a row laid out out of sight: no thumbnail is wanted for it, and this cell's own stays wanted
        }
        JobRow row = empty ? null : rowAt(getIndex());
        if (row != shown) {
            if (shown != null) {
                model.hideThumbnail(shown);
            }
            shown = row;
        }
        if (row != null && img == null) {
            model.showThumbnail(row);
        }
    }

    private JobRow rowAt(int index) {
        var items = getTableView() == null ? null : getTableView().getItems();
        return items == null || index < 0 || index >= items.size() ? null : items.get(index);
    }
}
