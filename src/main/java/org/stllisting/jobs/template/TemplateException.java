package org.stllisting.jobs.template;

import java.util.List;

/** A template that cannot be found, read or accepted; the message says which and why. */
public final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public TemplateException(String message) {
        this(message, List.of());
    }

    public TemplateException(String message, List<String> problems) {
        super(problems.isEmpty() ? message : message + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
