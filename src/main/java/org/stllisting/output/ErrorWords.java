package org.stllisting.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error or warning line in plain words, the reason first and the path second, as the window's detail pane
 * and the report's cards show it: {@code load (part.stl): /models/part.stl: Permission denied} becomes
 * "Permission denied (while reading the STL file)" about {@code /models/part.stl}.
 */
public final class ErrorWords {
    /** How an error line names its step and file: {@code load (part.stl)}. */
    private static final Pattern STEP_PREFIX = Pattern.compile("^([a-z_]+) \\(([^)]*)\\)$");

    /**
     * A line split for reading.
     *
     * @param reason what went wrong, capitalised, with the step it happened in
     * @param path the file or folder it names, or null
     */
    public record Split(String reason, String path) {
        /** On one line: the reason, then {@code separator} and the path when there is one. */
        public String line(String separator) {
            return path == null ? reason : reason + separator + path;
        }
    }

    private ErrorWords() {
    }

    /**
     * {@code line} in plain words.
     *
     * @param stepDoing what a step does ("Reading the STL file" for {@code load}), or null when unknown: the
     *        reason then names the step itself
     */
    public static Split split(String line, UnaryOperator<String> stepDoing) {
        String text = line.strip();
        String[] parts = text.split(": ");
        String step = null;
        List<String> rest = new ArrayList<>(List.of(parts));
        if (rest.size() > 1) {
            Matcher m = STEP_PREFIX.matcher(rest.get(0));
            if (m.matches()) {
                // "job" is the runner's own work around the steps: no step to name
                step = m.group(1).equals("job") ? null : m.group(1);
                rest.remove(0);
            }
        }
        String path = null;
        for (int i = 0; i < rest.size(); i++) {
            String p = rest.get(i);
            if (looksLikePath(p)) {
                path = p;
                rest.remove(i);
                break;
            }
        }
        String reason = rest.isEmpty() ? text : String.join(": ", rest);
        if (!reason.isEmpty()) {
            reason = Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
        }
        if (step != null) {
            String doing = stepDoing.apply(step);
            reason += doing != null && !doing.isEmpty()
                    ? " (while " + Character.toLowerCase(doing.charAt(0)) + doing.substring(1) + ")"
                    : " (step " + step + ")";
        }
        return new Split(reason, path);
    }

    private static boolean looksLikePath(String s) {
        return (s.startsWith("/") || s.matches("^[A-Za-z]:[\\\\/].*") || s.startsWith("~/")) && !s.contains("\n");
    }
}
