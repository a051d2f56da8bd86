package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much space is free where the runner writes. */
@FunctionalInterface
public interface DiskSpace {
    /** Usable bytes on the file store holding {@code path} (or its nearest existing parent). */
    long usableBytes(Path path) throws IOException;

    /** The real file system. */
    static DiskSpace system() {
        return path -> {
            Path p = path.toAbsolutePath();
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            if (p == null) {
                return Long.MAX_VALUE;
            }
            return Files.getFileStore(p).getUsableSpace();
        };
    }
}
