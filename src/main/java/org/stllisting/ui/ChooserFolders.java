package org.stllisting.ui;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * Where a file or folder chooser opens: the folder used last with that chooser while the program runs, else the
 * user's home, never the program's own working folder. Kept in memory only, one folder per chooser. Used on the FX
 * thread.
 */
public final class ChooserFolders {
    private static final int MAX = 32;
    private final Map<String, File> last = new LinkedHashMap<>();
    private final File home;

    /** With the home of {@code user.home}. */
    public ChooserFolders() {
        this(new File(System.getProperty("user.home", ".")));
    }

    public ChooserFolders(File home) {
        this.home = home;
    }

    /** The folder the chooser named {@code key} opens in: the last one used with it when it still exists. */
    public File start(String key) {
        File f = last.get(key);
        if (f != null && f.isDirectory()) {
            return f;
        }
        return home.isDirectory() ? home : null;
    }

    /** Remembers the folder of {@code picked} (a file's folder, or the folder itself) for the chooser {@code key}. */
    public void used(String key, File picked) {
        if (picked == null) {
            return;
        }
        File folder = picked.isDirectory() ? picked : picked.getAbsoluteFile().getParentFile();
        if (folder != null) {
            last.remove(key);
            if (last.size() >= MAX) {
                last.remove(last.keySet().iterator().next());
            }
            last.put(key, folder);
        }
    }

    /** Sets where {@code chooser} opens for {@code key}. */
    public void place(FileChooser chooser, String key) {
        File f = start(key);
        if (f != null) {
            chooser.setInitialDirectory(f);
        }
    }

    /** Sets where {@code chooser} opens for {@code key}. */
    public void place(DirectoryChooser chooser, String key) {
        File f = start(key);
        if (f != null) {
            chooser.setInitialDirectory(f);
        }
    }
}
