package org.stllisting.output;

import java.util.Locale;
import org.stllisting.store.SafeNames;

/** Turning model names, colors and prefixes into file-name parts that stay inside their folder. */
public final class FileNames {
    private FileNames() {
    }

    /**
     * A model name from a file name: the stem without {@code .stl}, with anything but letters, digits,
     * {@code - . _} and spaces replaced by {@code _}, leading dots removed (no hidden files, no {@code ..}),
     * at most 100 characters; {@code model} when nothing is left.
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
        if (s.length() > 100) {
            s = s.substring(0, 100).trim();
        }
        return s.isEmpty() ? "model" : s;
    }

    /** A color as a file-name part: {@code #FF0000} → {@code ff0000}, {@code Sky Blue} → {@code sky_blue}. */
    public static String colorPart(String color) {
        String c = color == null ? "" : color.trim().toLowerCase(Locale.ROOT);
        if (c.startsWith("#")) {
            c = c.substring(1);
        }
        String s = c.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "color" : s;
    }

    /**
     * Why a prefix or name could make a file leave its folder, or null when it is safe. Null and empty are
     * safe (no prefix).
     */
    public static String problem(String value) {
        String p = SafeNames.problem(value);
        if (p != null) {
            return p;
        }
        if (value != null && value.length() > 64) {
            return "is longer than 64 characters";
        }
        return null;
    }
}
