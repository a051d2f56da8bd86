package org.stllisting.mesh;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared corpus of real STL files; tests using it skip themselves when it is absent. */
public final class Corpus {
    private Corpus() {
    }

    public static Path dir() {
        String p = System.getProperty("stl.corpus");
        Path dir = p == null ? Path.of("../shared/corpus") : Path.of(p);
        Assumptions.assumeTrue(Files.isDirectory(dir), "corpus folder absent: " + dir);
        return dir;
    }

    public static Path file(String relative) {
        Path f = dir().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(f), "corpus file absent: " + f);
        return f;
    }
}
