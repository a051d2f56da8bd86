package org.stllisting.ui.mainwindow;

import java.util.Locale;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.output.ErrorWords;

/** How the window writes durations, counts and error lines. */
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

    /** A count with its noun in the right number: "1 file", "3 files", "0 jobs". */
    public static String count(long n, String singular) {
        return n + " " + (n == 1 ? singular : singular + "s");
    }

    /**
     * An error line in the words the detail pane and report.html use ({@link ErrorWords}), on one line for a
     * narrow column: the reason first, with the step it happened in, then the path it names, if any:
     * {@code load (part.stl): /models/part.stl: Permission denied} becomes
     * {@code Permission denied (while reading the STL file) — /models/part.stl}. A line that names no step is
     * returned as it is.
     */
    public static String reasonFirst(String error) {
        if (error == null) {
            return null;
        }
        return ErrorWords.split(error, StepKind::doingOf).line(" — ");
    }

}
