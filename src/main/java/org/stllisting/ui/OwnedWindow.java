package org.stllisting.ui;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * A window the queue window opens: its owner's style sheets, its size given to the stage, Escape closes it,
 * and nothing of it left animating once it is closed ({@link #quietWhenClosed(Window)}, for the program's other
 * windows and dialogs too).
 */
public final class OwnedWindow {
    private OwnedWindow() {
    }

    /** A stage of {@code width} × {@code height} showing {@code root}; {@code owner} may be null. */
    public static Stage create(Window owner, String title, Parent root, double width, double height, double minWidth,
            double minHeight) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(title);
        Scene scene = new Scene(root, width, height);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        quietWhenClosed(stage);
        // the stage's own size as well: a window manager may not take the scene's as the window's
        stage.setWidth(width);
        stage.setHeight(height);
        stage.setMinWidth(minWidth);
        stage.setMinHeight(minHeight);
        return stage;
    }

    /**
     * {@code window} leaves nothing animating once it is closed: a running animation makes JavaFX pulse every
     * scene (the queue window's too) 60 times a second. On hiding, the focus leaves its text field, whose caret
     * would go on blinking, and what changed last is laid out: a control that stops its animation in its layout
     * (an indeterminate bar given a progress just before its window closed) is never laid out again otherwise.
     */
    public static void quietWhenClosed(Window window) {
        window.addEventHandler(WindowEvent.WINDOW_HIDING, e -> quietNow(window));
    }

    /** What {@link #quietWhenClosed(Window)} does as the window hides, now: the focus off, the last change laid out. */
    public static void quietNow(Window window) {
        if (window.getScene() != null) {
            quiet(window.getScene().getRoot());
        }
    }

    /** As {@link #quietWhenClosed(Window)}, whichever of its buttons or keys closes {@code dialog}. */
    public static <D extends Dialog<?>> D quietWhenClosed(D dialog) {
        dialog.addEventHandler(DialogEvent.DIALOG_HIDING, e -> quiet(dialog.getDialogPane()));
        return dialog;
    }

    private static void quiet(Parent root) {
        root.requestFocus();
        root.layout();
    }
}
