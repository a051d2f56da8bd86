package org.stllisting.render;

import java.awt.GraphicsEnvironment;

/**
 * Has Java's font configuration write its cache into the application home instead of {@code ~/.java/fonts}.
 * The JDK names that cache's folder after the {@code user.home} property when the font system first starts,
 * and offers no setting of its own; so the font system is started once, before the first text is drawn,
 * with {@code user.home} pointing at the folder the property {@code stllisting.fontcache} names (set from
 * the home by {@code store.NativeCaches}), and {@code user.home} is put back at once. Without the property
 * (tests, library use) nothing changes.
 */
public final class FontSetup {
    private static boolean done;

    private FontSetup() {
    }

    /** Starts the font system (once per process) with its cache in the home. */
    public static synchronized void ensureStarted() {
        if (done) {
            return;
        }
        done = true;
        String dir = System.getProperty("stllisting.fontcache");
        if (dir == null) {
            return;
        }
        String userHome = System.getProperty("user.home");
        try {
            System.setProperty("user.home", dir);
            GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        } finally {
            System.setProperty("user.home", userHome);
        }
    }
}
