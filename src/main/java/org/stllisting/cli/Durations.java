package org.stllisting.cli;

import java.util.Locale;

/** Human durations: {@code 4.2 s}, {@code 3 min 05 s}, {@code 2 h 07 min}. */
final class Durations {
    private Durations() {
    }

    static String format(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
