package org.stllisting.output;

import java.util.Locale;

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
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "contains a control character";
            }
            if (c == '/' || c == '\\') {
                return "contains a path separator";
            }
        }
        if (value.contains("..")) {
            return "contains '..'";
        }
        if (value.length() >= 2 && Character.isLetter(value.charAt(0)) && value.charAt(1) == ':') {
            return "looks like a drive letter";
        }
        if (value.startsWith("~")) {
            return "starts with '~'";
        }
        if (value.length() > 64) {
            return "is longer than 64 characters";
        }
        return null;
    }
}
