package org.stllisting.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The small file {@code .stl-listing-output} at the top of every output folder the program writes, so that a
 * later search for models (an output folder inside the folder being processed) recognises the folder and
 * never queues what the program wrote there: the links to the sources, the repaired meshes. Written by the
 * output code the first time a run uses the folder; stateless and thread-safe.
 */
public final class OutputMarker {
    /** The marker's file name. */
    public static final String NAME = ".stl-listing-output";
    private static final String TEXT = "This folder was written by STL Listing Tool. When stl-listing searches a "
            + "folder for models it skips every folder holding this file, so the links and meshes written here "
            + "are never queued again.\n";

    private OutputMarker() {
    }

    /**
     * Marks {@code root} as an output folder, creating the folder when needed; does nothing when it is marked
     * already. The marker is renamed into place, never written through a link.
     */
    public static void mark(Path root) throws IOException {
        Path marker = root.resolve(NAME);
        if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        OutputFiles.writeString(marker, TEXT);
    }

    /**
     * True when {@code dir} is an output folder of the program: it holds the marker, or (written before
     * folders were marked) both {@code queue_summary.json} and {@code processing_log.txt}.
     */
    public static boolean isOutputFolder(Path dir) {
        return Files.exists(dir.resolve(NAME))
                || Files.isRegularFile(dir.resolve("queue_summary.json"))
                        && Files.isRegularFile(dir.resolve("processing_log.txt"));
    }
}
