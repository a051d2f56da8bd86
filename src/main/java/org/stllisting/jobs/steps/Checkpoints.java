package org.stllisting.jobs.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stllisting.store.AtomicFiles;
import org.stllisting.store.Json;

/** Reading and atomically writing a job's {@code processing_state.json}. Stateless and thread-safe. */
public final class Checkpoints {
    public static final String FILE = "processing_state.json";

    private Checkpoints() {
    }

    public static Path file(Path jobCacheDir) {
        return jobCacheDir.resolve(FILE);
    }

    /** The job's checkpoint, or null when it has none (never started, or unreadable: then it starts over). */
    public static ProcessingState read(Path jobCacheDir) {
        Path f = file(jobCacheDir);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.readValue(f, ProcessingState.class, org.stllisting.store.JsonLimits.CHECKPOINT);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(Checkpoints.class).warn("unreadable checkpoint {}: {}", f, e.toString());
            return null;
        }
    }

    public static void write(Path jobCacheDir, ProcessingState state) throws IOException {
        AtomicFiles.writeJson(file(jobCacheDir), state);
    }
}
