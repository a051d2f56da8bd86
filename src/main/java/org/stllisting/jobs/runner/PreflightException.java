package org.stllisting.jobs.runner;

import java.io.IOException;
import java.util.List;

/** The queue was not started: what {@link Preflight} found, one line per problem. */
public final class PreflightException extends IOException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public PreflightException(List<String> problems) {
        super("Cannot start the queue: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
