package org.stllisting.mesh.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * No input makes the reader throw anything but {@link MeshReadException}: no unchecked exception, no
 * OutOfMemoryError, no hang. In a plain test run this replays the seed corpus of malformed files in
 * {@code StlReaderFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} and {@code -Djazzer.hooks=true} (coverage
 * feedback) it fuzzes.
 */
class StlReaderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readerThrowsOnlyTypedErrors(byte[] data) throws IOException {
        Path f = Files.createTempFile("fuzz", ".stl");
        try {
            Files.write(f, data);
            try {
                StlFile read = StlReader.readFile(f);
                if (read.mesh().facetCount() == 0) {
                    throw new AssertionError("a mesh without facets must be an error");
                }
            } catch (MeshReadException expected) {
                if (expected.getMessage() == null || !expected.getMessage().contains(f.toString())) {
                    throw new AssertionError("error does not name the file: " + expected.getMessage());
                }
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
