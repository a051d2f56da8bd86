package org.stllisting.ui.mainwindow;

import java.util.Locale;

/** How the window writes durations. */
public final class Formats {
    private Formats() {
    }

    /** "—" for unknown, "42 s", "3 min 05 s", "1 h 02 min". */
    public static String seconds(Double s) {
        if (s == null || s.isNaN() || s < 0) {
            return "";
        }
        long t = Math.round(s);
        if (t < 60) {
            return t + " s";
        }
        if (t < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", t / 60, t % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", t / 3600, (t % 3600) / 60);
    }
}
