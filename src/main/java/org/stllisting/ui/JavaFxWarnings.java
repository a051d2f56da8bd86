package org.stllisting.ui;

import java.util.logging.Logger;

/**
 * The program is one jar with JavaFX on its class path, which JavaFX 21 runs fully but greets at every start
 * with "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'". That notice is for
 * developers choosing how to package JavaFX, not for the user, so it is dropped; every other JavaFX message
 * still gets through.
 */
final class JavaFxWarnings {
    /** JavaFX logs through the platform logger "javafx"; held here so its filter is not collected with it. */
    private static final Logger JAVAFX = Logger.getLogger("javafx");

    private JavaFxWarnings() {
    }

    static void quietClassPathNotice() {
        JAVAFX.setFilter(r -> r.getMessage() == null
                || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }
}
