package org.stllisting.output;

import java.util.Locale;

/** Turning model names, colors and prefixes into file-name parts that stay inside their folder. */
public final class FileNames {
    /** The longest model name; with the longest prefix, a color and every suffix a file name stays under 255. */
    public static final int MAX_MODEL_NAME = 100;
    /** The longest color part of a file name. */
    static final int MAX_COLOR_PART = 32;

    private FileNames() {
    }

    /**
     * A model name from a file name: the stem without {@code .stl}, with anything but letters, digits,
     * {@code - . _} and spaces replaced by {@code _}, leading dots removed (no hidden files, no {@code ..}),
     * at most {@link #MAX_MODEL_NAME} characters; {@code model} when nothing is left.
     */
    public static String modelName(String fileName) {
        String stem = fileName;
        if (stem.toLowerCase(Locale.ROOT).endsWith(".stl")) {
            stem = stem.substring(0, stem.length() - 4);
        }
        StringBuilder sb = new StringBuilder();
        stem.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || cp == '-' || cp == '_' || cp == '.' || cp == ' ') {
                sb.appendCodePoint(cp);
            } else {
                sb.append('_');
            }
        });
        String s = sb.toString().trim();
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        s = s.replace("..", "_");
        if (s.length() > MAX_MODEL_NAME) {
            s = s.substring(0, MAX_MODEL_NAME).trim();
        }
        return s.isEmpty() ? "model" : s;
    }

    private static final String[][] PALETTE = {
        {"red", "d32f2f"}, {"orange", "f57c00"}, {"yellow", "fbc02d"}, {"green", "388e3c"}, {"teal", "00897b"},
        {"blue", "1976d2"}, {"navy", "1a237e"}, {"purple", "7b1fa2"}, {"pink", "e91e63"}, {"brown", "6d4c41"},
        {"black", "212121"}, {"gray", "9e9e9e"}, {"white", "ffffff"}, {"silver", "c0c0c0"}, {"gold", "d4af37"},
    };

    /**
     * A color as a file-name part, as a seller would name it: {@code #D32F2F} → {@code red} (the nearest of
     * a small palette of common filament colors), {@code Sky Blue} → {@code sky_blue}.
     */
    public static String colorPart(String color) {
        String c = color == null ? "" : color.trim().toLowerCase(Locale.ROOT);
        if (c.matches("#[0-9a-f]{6}")) {
            return nearestName(Integer.parseInt(c.substring(1), 16));
        }
        if (c.startsWith("#")) {
            c = c.substring(1);
        }
        String s = c.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (s.length() > MAX_COLOR_PART) {
            s = s.substring(0, MAX_COLOR_PART).replaceAll("_+$", "");
        }
        return s.isEmpty() ? "color" : s;
    }

    private static String nearestName(int rgb) {
        String best = null;
        double bestD = Double.MAX_VALUE;
        for (String[] p : PALETTE) {
            int q = Integer.parseInt(p[1], 16);
            double dr = ((rgb >> 16) & 255) - ((q >> 16) & 255);
            double dg = ((rgb >> 8) & 255) - ((q >> 8) & 255);
            double db = (rgb & 255) - (q & 255);
            // weighted for the eye's sensitivity
            double d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
            if (d < bestD) {
                bestD = d;
                best = p[0];
            }
        }
        return best;
    }
}
