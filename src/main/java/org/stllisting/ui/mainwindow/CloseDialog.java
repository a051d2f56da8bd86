package org.stllisting.ui.mainwindow;

import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.stllisting.ui.WindowPlacement;

/**
 * Asked when the window is closed (or Ctrl+Q pressed) while the queue runs: stop after the running steps
 * and then close, stop now and close (the next launch offers to resume), or keep the window open.
 */
public final class CloseDialog {
    public enum Choice { AFTER_RUNNING_STEPS, NOW, CANCEL }

    static final ButtonType AFTER = new ButtonType("Finish the running steps", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType NOW = new ButtonType("Stop now and close", ButtonBar.ButtonData.OTHER);
    static final ButtonType CANCEL = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);

    private CloseDialog() {
    }

    /** The dialog; {@code running} jobs run now. */
    public static Dialog<Choice> create(Window owner, int running) {
        Dialog<Choice> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle("The queue is running");
        d.setHeaderText(Formats.count(running, "job") + (running == 1 ? " is" : " are") + " running. Close the window?");
        Label text = new Label("Finish the running steps closes the window once they are done; Stop now "
                + "closes it at once. Unfinished jobs stay queued: the next launch offers to resume them from their "
                + "last finished step.");
        text.setWrapText(true);
        text.setMnemonicParsing(false);
        d.getDialogPane().setContent(text);
        d.getDialogPane().setId("close-dialog");
        d.getDialogPane().getButtonTypes().setAll(AFTER, NOW, CANCEL);
        d.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        d.getDialogPane().setPrefWidth(640);
        // under a window manager the size asked for before showing can be lost: asked for again once shown
        WindowPlacement.keepContentSize(d);
        d.setResultConverter(bt -> bt == AFTER ? Choice.AFTER_RUNNING_STEPS : bt == NOW ? Choice.NOW : Choice.CANCEL);
        return d;
    }

    public static Choice ask(Window owner, int running) {
        Optional<Choice> c = create(owner, running).showAndWait();
        return c.orElse(Choice.CANCEL);
    }
}
