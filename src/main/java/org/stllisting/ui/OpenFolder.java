package org.stllisting.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Opens a folder or file in the desktop's own program, off the UI thread; a failure is one line for the user. */
public final class OpenFolder {
    private OpenFolder() {
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
            try {
                new ProcessBuilder("xdg-open", p.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (Exception e) {
                FxEventBridge.onFx(() -> onError.accept("Cannot open " + target + ": " + e.getMessage()));
            }
        }, "open-folder");
        t.setDaemon(true);
        t.start();
    }
}
