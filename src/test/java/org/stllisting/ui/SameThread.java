package org.stllisting.ui;

import java.util.function.Consumer;

/** Background work run at once on the caller's thread, for view-model tests without a toolkit. */
public final class SameThread implements Background {
    public static final Background INSTANCE = new SameThread();

    private SameThread() {
    }

    @Override
    public <T> void submit(String what, UiExecutor.Task<T> task, Consumer<T> then) {
        try {
            then.accept(task.run());
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }
}
