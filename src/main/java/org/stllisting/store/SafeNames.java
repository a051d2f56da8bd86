package org.stllisting.store;

/** Checks for names that end up as a single path element inside a folder the product owns. */
public final class SafeNames {
    private SafeNames() {
    }

    /**
     * True when {@code name} is one non-empty path element that stays inside its parent: no separators
     * ({@code /} or {@code \}), no NUL or other control characters, not {@code .} or {@code ..}, no drive
     * prefix like {@code C:}.
     */
    public static boolean isPlainName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")) {
            return false;
        }
        return problem(name) == null;
    }

    /**
     * Why a prefix or folder name could make output leave its folder, or null when it is safe. Empty is safe
     * (no prefix).
     */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "contains a NUL character";
            }
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
            return "is an absolute path";
        }
        if (value.startsWith("~")) {
            return "starts with '~'";
        }
        return null;
    }
}
