package org.stllisting.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Opens a folder or file in the desktop's own program, off the UI thread; a failure is one line for the user. */
public final class OpenFolder {
    /** The program that opens a path (the desktop's), with its arguments before the path. */
    private static volatile java.util.List<String> opener = java.util.List.of("xdg-open");

    private OpenFolder() {
    }

    /** Uses this program to open paths (tests put one that fails). */
    public static void useOpener(java.util.List<String> command) {
        opener = java.util.List.copyOf(command);
    }

    /** Opens {@code target} (or its nearest folder that still exists); {@code onError} runs on the UI thread. */
    public static void open(Path target, Consumer<String> onError) {
        Thread t = new Thread(() -> {
            Path p = target;
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            if (p == null) {
                FxEventBridge.onFx(() -> onError.accept("Cannot open " + target + ": it no longer exists"));
                return;
            }
            Path shown = p;
            java.util.List<String> command = new java.util.ArrayList<>(opener);
            command.add(p.toString());
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                // a desktop without a program for folders answers at once with an exit code; a file manager
                // that opens stays running, and that is success
                if (process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() != 0) {
                    int code = process.exitValue();
                    FxEventBridge.onFx(() -> onError.accept("Cannot open " + shown + ": the desktop has no program"
                            + " to open it (" + command.get(0) + " exited with " + code + ")"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                FxEventBridge.onFx(() -> onError.accept("Cannot open " + shown + ": " + e.getMessage()));
            }
        }, "open-folder");
        t.setDaemon(true);
        t.start();
    }
}
