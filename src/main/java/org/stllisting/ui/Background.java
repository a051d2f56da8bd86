package org.stllisting.ui;

import java.util.function.Consumer;

/**
 * Where a view-model sends work that touches files, the database or the renderer: {@link UiExecutor} in the
 * window ({@code background::submit}), the caller's own thread in a plain unit test.
 */
@FunctionalInterface
public interface Background {
    /** Runs {@code task} off the UI thread and, when it succeeds, {@code then} with its result on it. */
    <T> void submit(String what, UiExecutor.Task<T> task, Consumer<T> then);
}
