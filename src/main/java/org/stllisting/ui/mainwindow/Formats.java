package org.stllisting.ui.mainwindow;

import java.util.Locale;

/** How the window writes durations, counts and error lines. */
public final class Formats {
    private Formats() {
    }

    /** "—" for unknown, "42 s", "3 min 05 s", "1 h 02 min". */
    static String seconds(Double s) {
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

    /** A count with its noun in the right number: "1 file", "3 files", "0 jobs". */
    public static String count(long n, String singular) {
        return n + " " + (n == 1 ? singular : singular + "s");
    }

    /**
     * An error line with its reason first and where it happened after, so that a narrow column shows the
     * reason: {@code load (part.stl): /models/part.stl: Permission denied} becomes
     * {@code Permission denied — load (part.stl): /models/part.stl}. A line without a {@code ": "} is
     * returned as it is.
     */
    public static String reasonFirst(String error) {
        if (error == null) {
            return null;
        }
        int cut = error.lastIndexOf(": ");
        if (cut <= 0 || cut + 2 >= error.length()) {
            return error;
        }
        return error.substring(cut + 2) + " — " + error.substring(0, cut);
    }
}
