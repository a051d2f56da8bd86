package org.stllisting.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * The window's look: light (the program's stylesheet) or dark (the dark stylesheet on top of it). Once
 * {@link #follow followed}, the chosen theme is on every window the program opens — the queue window,
 * dialogs, the history and the other tool windows — and changes on all of them at once.
 *
 * <p>Threading: the JavaFX application thread only.
 */
public enum Theme {
    LIGHT, DARK;

    /** The key of the theme in config.json. */
    public static final String CONFIG_KEY = "theme";

    private static final String BASE = Theme.class.getResource("stl-listing.css").toExternalForm();
    private static final String DARK_SHEET = Theme.class.getResource("stl-listing-dark.css").toExternalForm();
    private static Theme current = LIGHT;
    private static boolean following;

    /** The remembered theme ({@code "dark"}), light for anything else. */
    public static Theme parse(Object value) {
        return "dark".equals(value) ? DARK : LIGHT;
    }

    /** How config.json names it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Puts the theme {@code chosen} holds on every window, now and whenever it changes or a window opens. */
    public static void follow(ObservableValue<Theme> chosen) {
        chosen.addListener((o, was, now) -> use(now));
        if (!following) {
            following = true;
            Window.getWindows().addListener((ListChangeListener<Window>) c -> {
                while (c.next()) {
                    for (Window w : c.getAddedSubList()) {
                        onScene(w);
                    }
                }
            });
        }
        use(chosen.getValue());
    }

    private static void use(Theme t) {
        current = t == null ? LIGHT : t;
        for (Window w : new ArrayList<>(Window.getWindows())) {
            apply(w.getScene());
        }
    }

    private static void onScene(Window w) {
        apply(w.getScene());
        w.sceneProperty().addListener((o, was, now) -> apply(now));
    }

    /** The current theme's stylesheets on {@code scene}, after the ones it has of its own. */
    public static void apply(Scene scene) {
        if (scene == null) {
            return;
        }
        List<String> sheets = scene.getStylesheets();
        if (!sheets.contains(BASE)) {
            sheets.add(BASE);
        }
        if (current == DARK && !sheets.contains(DARK_SHEET)) {
            sheets.add(DARK_SHEET);
        } else if (current == LIGHT) {
            sheets.remove(DARK_SHEET);
        }
    }

    /** The theme on the windows now. */
    public static Theme current() {
        return current;
    }
}
