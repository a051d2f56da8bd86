package org.stllisting.ui;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.stllisting.store.ConfigStore;

/**
 * Where the queue window opens: the size and place it had when it was last closed, kept on a screen that is
 * there now, or on first launch a comfortable size centred on the main screen. Never larger than the screen's
 * visual bounds (without panels and docks).
 */
public final class WindowPlacement {
    /** The first launch's size. */
    public static final double WIDTH = 1100;
    public static final double HEIGHT = 720;
    /**
     * Smaller than this, the table shows nothing useful; a saved size below it is taken for a size lost
     * under a window manager and not restored. The window's own minimum is what its layout needs (at least
     * this; {@link #minimumOf}).
     */
    public static final double MIN_WIDTH = 640;
    public static final double MIN_HEIGHT = 420;

    private WindowPlacement() {
    }

    /**
     * The window's bounds.
     *
     * @param saved the size and place when it was last closed, or null
     * @param screens the visual bounds of the screens now attached, the main screen first
     */
    public static Rectangle2D place(ConfigStore.Window saved, List<Rectangle2D> screens) {
        return place(saved, screens, MIN_WIDTH, MIN_HEIGHT);
    }

    /**
     * The window's bounds, at least {@code minWidth} × {@code minHeight} (what its layout needs) where the
     * screen has the room: a saved size below that is raised to it.
     *
     * @param saved the size and place when it was last closed, or null
     * @param screens the visual bounds of the screens now attached, the main screen first
     */
    public static Rectangle2D place(ConfigStore.Window saved, List<Rectangle2D> screens, double minWidth,
            double minHeight) {
        Rectangle2D primary = screens.isEmpty() ? new Rectangle2D(0, 0, WIDTH, HEIGHT) : screens.get(0);
        if (saved == null || !(saved.width >= MIN_WIDTH) || !(saved.height >= MIN_HEIGHT)) {
            return centred(WIDTH, HEIGHT, primary);
        }
        Rectangle2D on = null;
        double best = 0;
        for (Rectangle2D s : screens) {
            double overlap = overlap(s, saved.x, saved.y, saved.width, saved.height);
            if (overlap > best) {
                best = overlap;
                on = s;
            }
        }
        if (on == null) {
            // the screen it was on is gone: its size, on the main screen
            return centred(Math.max(saved.width, minWidth), Math.max(saved.height, minHeight), primary);
        }
        double w = Math.min(Math.max(saved.width, minWidth), on.getWidth());
        double h = Math.min(Math.max(saved.height, minHeight), on.getHeight());
        double x = clamp(saved.x, on.getMinX(), on.getMaxX() - w);
        double y = clamp(saved.y, on.getMinY(), on.getMaxY() - h);
        return new Rectangle2D(x, y, w, h);
    }

    /**
     * Asks for the window's size again once it is shown. Under a window manager (openbox, for one) the size
     * asked for before a window is shown can be lost: it opens at 200×200 or at its minimum size, and JavaFX
     * may report the size asked for or the one it got. Asking for the value JavaFX already holds sends
     * nothing, so it goes through another value first.
     */
    public static void sizeAgain(Window w, double width, double height) {
        w.setWidth(width + 1);
        w.setWidth(width);
        w.setHeight(height + 1);
        w.setHeight(height);
    }

    /**
     * Keeps a dialog at least as large as its content under a window manager: its window's minimum size is
     * the content's size (openbox opens a window whose size got lost at its minimum size, else at 200×200),
     * and once shown the size is asked for again ({@link #sizeAgain}).
     */
    public static void keepContentSize(Dialog<?> d) {
        double[] size = new double[2];
        d.setOnShowing(e -> {
            DialogPane pane = d.getDialogPane();
            pane.applyCss();
            size[0] = Math.ceil(Math.max(pane.prefWidth(-1), pane.minWidth(-1)));
            size[1] = Math.ceil(Math.max(pane.prefHeight(size[0]), pane.minHeight(size[0])));
            if (pane.getScene().getWindow() instanceof Stage s) {
                s.setMinWidth(size[0]);
                s.setMinHeight(size[1]);
            }
        });
        d.setOnShown(e -> {
            Window w = d.getDialogPane().getScene().getWindow();
            sizeAgain(w, Math.max(w.getWidth(), size[0]), Math.max(w.getHeight(), size[1]));
        });
    }

    /**
     * The smallest size {@code root}'s layout fits in whole (the table's columns and the detail pane at their
     * minimum widths, the bars above and below), never below {@link #MIN_WIDTH} × {@link #MIN_HEIGHT}. Its
     * style sheets must be set: CSS decides paddings and fonts.
     */
    public static double[] minimumOf(javafx.scene.Parent root) {
        root.applyCss();
        double w = Math.ceil(Math.max(MIN_WIDTH, root.minWidth(-1)));
        double h = Math.ceil(Math.max(MIN_HEIGHT, root.minHeight(w)));
        return new double[] {w, h};
    }

    private static Rectangle2D centred(double width, double height, Rectangle2D screen) {
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        return new Rectangle2D(screen.getMinX() + (screen.getWidth() - w) / 2,
                screen.getMinY() + (screen.getHeight() - h) / 2, w, h);
    }

    private static double overlap(Rectangle2D s, double x, double y, double w, double h) {
        double ox = Math.min(s.getMaxX(), x + w) - Math.max(s.getMinX(), x);
        double oy = Math.min(s.getMaxY(), y + h) - Math.max(s.getMinY(), y);
        return ox > 0 && oy > 0 ? ox * oy : 0;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(v, max));
    }
}
