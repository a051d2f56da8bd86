package org.stllisting.ui;

import java.io.File;
import java.util.function.BiFunction;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.stllisting.ui.mainwindow.MainWindow;
import org.stllisting.ui.mainwindow.QueueTransferViewModel;

/** File ▸ Import queue… and Export queue…: a file chooser for JSON queue files, and the view-model's work. */
public final class QueueTransferMenu {
    private QueueTransferMenu() {
    }

    /** Picks a queue file to read ({@code save} false) or to write; null when the user cancels. */
    public interface Chooser extends BiFunction<Window, Boolean, File> {
    }

    /** Puts the two items into {@code window}'s File menu; {@code files} picks the file (a file chooser). */
    public static void attach(MainWindow window, QueueTransferViewModel model, Chooser files) {
        MenuItem importItem = new MenuItem("Import queue…");
        importItem.setId("queue-import");
        importItem.setOnAction(e -> {
            File f = files.apply(window.window(), false);
            if (f != null) {
                model.importFrom(f.toPath());
            }
        });
        MenuItem exportItem = new MenuItem("Export queue…");
        exportItem.setId("queue-export");
        exportItem.setOnAction(e -> {
            File f = files.apply(window.window(), true);
            if (f != null) {
                model.exportTo(f.toPath());
            }
        });
        window.addToFileMenu(importItem, exportItem);
    }

    /** The file chooser for queue files (*.json). */
    public static File choose(Window owner, boolean save) {
        FileChooser fc = new FileChooser();
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Queue files (JSON)", "*.json"));
        if (save) {
            fc.setTitle("Export queue");
            fc.setInitialFileName("queue.json");
            return fc.showSaveDialog(owner);
        }
        fc.setTitle("Import queue");
        return fc.showOpenDialog(owner);
    }
}
