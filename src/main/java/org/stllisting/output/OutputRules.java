package org.stllisting.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stllisting.store.SafeNames;

/**
 * The one rule for output names and folders that come from outside the program (a template, an imported
 * queue, a per-job setting, the command line, the window): every file goes into the folder the user chose,
 * and nothing a file from someone else says can move it elsewhere. The same checks run when such a file is
 * imported and when a run starts, so what import accepts a run never refuses. Stateless.
 */
public final class OutputRules {
    /** The longest custom prefix or template subfolder name. */
    public static final int MAX_NAME_LENGTH = 64;

    private OutputRules() {
    }

    /** Why {@code prefix} cannot go before every file name, or null when it can (null and empty: no prefix). */
    public static String prefixProblem(String prefix) {
        String p = SafeNames.problem(prefix);
        if (p != null) {
            return p;
        }
        if (prefix != null && prefix.length() > MAX_NAME_LENGTH) {
            return "is longer than " + MAX_NAME_LENGTH + " characters (" + prefix.length() + ")";
        }
        return null;
    }

    /**
     * Why {@code subfolder} cannot be a template's folder under the output folder, or null when it can
     * (null and empty: no subfolder). It must be one plain folder name.
     */
    public static String subfolderProblem(String subfolder) {
        if (subfolder == null || subfolder.isEmpty()) {
            return null;
        }
        String p = prefixProblem(subfolder);
        if (p != null) {
            return p;
        }
        if (subfolder.isBlank() || subfolder.equals(".") || subfolder.startsWith(".")) {
            return "is not a plain folder name";
        }
        return null;
    }

    /** Why {@code mode} is not an output mode, or null. */
    public static String modeProblem(String mode) {
        if (mode == null) {
            return null;
        }
        try {
            OutputMode.parse(mode);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Every problem of a set of output options, each starting with {@code where} (the field's place in the
     * file, {@code output_options} or {@code queue_settings}); empty when they can be used.
     */
    public static List<String> problems(String where, String mode, String prefix, String subfolder) {
        List<String> l = new ArrayList<>();
        String m = modeProblem(mode);
        if (m != null) {
            l.add(where + ".mode: " + m);
        }
        String p = prefixProblem(prefix);
        if (p != null) {
            l.add(where + ".naming.custom_prefix \"" + printable(prefix) + "\" " + p
                    + (SafeNames.problem(prefix) != null ? "; it would leave the output folder" : ""));
        }
        String s = subfolderProblem(subfolder);
        if (s != null) {
            l.add(where + ".subfolder \"" + printable(subfolder) + "\" " + s
                    + (subfolder.length() <= MAX_NAME_LENGTH ? "; it would leave the output folder" : ""));
        }
        return l;
    }

    /**
     * True when {@code path} (made absolute against {@code base} when relative) lies in {@code base} or is
     * {@code base}, compared by path elements after removing {@code .} and {@code ..}; the names only, for
     * paths of another machine that need not exist here.
     */
    public static boolean isWithin(Path base, Path path) {
        Path b = base.toAbsolutePath().normalize();
        Path p = b.resolve(path).normalize();
        return p.startsWith(b);
    }

    /** At most 80 characters, control characters shown as {@code ?}: for quoting a name in a message. */
    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String t = s.length() > 80 ? s.substring(0, 77) + "..." : s;
        StringBuilder sb = new StringBuilder(t.length());
        t.chars().forEach(c -> sb.append(c < 0x20 || c == 0x7f ? '?' : (char) c));
        return sb.toString();
    }
}
