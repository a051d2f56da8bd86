package org.stllisting.ui.mainwindow;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** How the window writes durations, counts and error lines. */
public final class Formats {
    /** The start of an absolute path. */
    private static final Pattern PATH = Pattern.compile("(/|~|[A-Za-z]:\\\\)");
    /** The step that failed and its file: {@code render (part.stl)}. */
    private static final Pattern STEP = Pattern.compile("[\\w ]+ \\(.*\\)");

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

    /** A count with its noun in the right number: "1 file", "3 files", "0 jobs". */
    public static String count(long n, String singular) {
        return n + " " + (n == 1 ? singular : singular + "s");
    }

    /**
     * An error line with its reason first and where it happened after, so that a narrow column shows the
     * reason: {@code load (part.stl): /models/part.stl: Permission denied} becomes
     * {@code Permission denied — load (part.stl): /models/part.stl}. The reason is what follows the last
     * path in the line (a part that starts with {@code /}, {@code ~} or a drive letter), or without a path what
     * follows the step that failed ({@code render (part.stl): }). Any other line is returned as it is.
     */
    public static String reasonFirst(String error) {
        if (error == null) {
            return null;
        }
        String[] parts = error.split(": ");
        int where = -1;
        for (int i = 0; i < parts.length - 1; i++) {
            if (PATH.matcher(parts[i]).lookingAt()) {
                where = i;
            }
        }
        if (where < 0 && parts.length > 1 && STEP.matcher(parts[0]).matches()) {
            where = 0;
        }
        if (where < 0) {
            return error;
        }
        String context = String.join(": ", Arrays.copyOfRange(parts, 0, where + 1));
        String reason = String.join(": ", Arrays.copyOfRange(parts, where + 1, parts.length));
        return reason + " — " + context;
    }

}
