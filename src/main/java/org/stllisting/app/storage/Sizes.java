package org.stllisting.app.storage;

import java.util.Locale;

/** Byte counts as people read them: {@code 0 B}, {@code 12.3 KB}, {@code 4.5 MB}, {@code 1.2 GB} (1 KB = 1024 B). */
public final class Sizes {
    private Sizes() {
    }

    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
