package org.stllisting.mesh.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * No input makes the reader throw anything but {@link MeshReadException}: no unchecked exception, no
 * OutOfMemoryError, no hang; an error names the file and a mesh that is read has facets. In a plain test run each
 * target replays its inputs in {@code StlReaderFuzzTestInputs/<target>/} (malformed files and the inputs fuzzing
 * found); {@code JAZZER_FUZZ=1 mvn test -Dtest=StlReaderFuzzTest#<target> -Djazzer.hooks=true} fuzzes one target for
 * the duration given, with coverage instrumentation (add
 * {@code JAVA_TOOL_OPTIONS=-Djazzer.instrumentation_includes=org.stllisting.**} to instrument only this program).
 * The corpus it grows stays in {@code .cifuzz-corpus/}; an input that fails is written to the inputs folder as
 * {@code crash-…}. A run stopped by a signal also leaves the input in progress there under that name: that one is
 * no finding.
 *
 * <ul>
 *   <li>{@code readerThrowsOnlyTypedErrors}: any bytes.</li>
 *   <li>{@code binaryReaderThrowsOnlyTypedErrors}: well-formed binary STL built from the input (facets from a small
 *   pool of coordinates, so that corners repeat and merge), with a header count that may be off.</li>
 *   <li>{@code asciiReaderThrowsOnlyTypedErrors}: text that starts with {@code solid}, mutated with the
 *   grammar's keywords.</li>
 * </ul>
 */
class StlReaderFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void readerThrowsOnlyTypedErrors(byte[] data) throws IOException {
        check(data);
    }

    @FuzzTest(maxDuration = "5m")
    void binaryReaderThrowsOnlyTypedErrors(FuzzedDataProvider in) throws IOException {
        int poolSize = in.consumeInt(1, 12);
        float[] pool = new float[3 * poolSize];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = in.consumeBoolean() ? in.consumeInt(-4, 4) : in.consumeFloat();
        }
        int facets = in.consumeInt(0, 300);
        int claimed = in.consumeBoolean() ? facets : facets + in.consumeInt(-3, 3);
        int trailing = in.consumeInt(0, 120);
        ByteBuffer b = ByteBuffer.allocate(84 + 50 * facets + trailing).order(ByteOrder.LITTLE_ENDIAN);
        byte[] header = in.consumeBytes(80);
        b.put(header).position(80);
        b.putInt(claimed);
        for (int f = 0; f < facets; f++) {
            b.putFloat(in.consumeFloat()).putFloat(in.consumeFloat()).putFloat(in.consumeFloat());
            for (int k = 0; k < 3; k++) {
                int p = 3 * in.consumeInt(0, poolSize - 1);
                b.putFloat(pool[p]).putFloat(pool[p + 1]).putFloat(pool[p + 2]);
            }
            b.putShort(in.consumeShort());
        }
        byte[] rest = in.consumeRemainingAsBytes();
        b.put(rest, 0, Math.min(rest.length, b.remaining()));
        check(b.array());
    }

    @FuzzTest(maxDuration = "5m")
    // libFuzzer dictionary syntax: a line break is written \x0A
    @DictionaryEntries({"solid", "endsolid", "facet", "endfacet", "normal", "outer", "loop", "endloop", "vertex",
        "\\x0Avertex 0 0 0\\x0A", "\\x0Afacet normal 0 0 1\\x0Aouter loop\\x0A", "\\x0Aendloop\\x0Aendfacet\\x0A",
        "nan", "-inf", "1e38", "1e39", "-0", "0x1p3", "1.5E-45", "SOLID", "\\x0D\\x0A", "\\x09"})
    void asciiReaderThrowsOnlyTypedErrors(byte[] data) throws IOException {
        byte[] prefix = "solid fuzz\n".getBytes(StandardCharsets.US_ASCII);
        boolean startsSolid = data.length >= 5
                && new String(data, 0, 5, StandardCharsets.ISO_8859_1).equalsIgnoreCase("solid");
        byte[] text = startsSolid ? data.clone() : new byte[prefix.length + data.length];
        if (!startsSolid) {
            System.arraycopy(prefix, 0, text, 0, prefix.length);
            System.arraycopy(data, 0, text, prefix.length, data.length);
        }
        // most inputs stay text (a control byte makes the file binary); one in eight keeps its control bytes
        if (data.length == 0 || (data[data.length - 1] & 7) != 0) {
            for (int i = 0; i < text.length; i++) {
                int c = text[i] & 0xff;
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                    text[i] = ' ';
                }
            }
        }
        check(text);
    }

    private static Path file;

    private static void check(byte[] data) throws IOException {
        if (file == null) {
            file = Files.createTempFile("fuzz", ".stl");
            file.toFile().deleteOnExit();
        }
        Files.write(file, data);
        try {
            StlFile read = StlReader.readFile(file);
            if (read.mesh().facetCount() == 0) {
                throw new AssertionError("a mesh without facets must be an error");
            }
            int nv = read.mesh().vertexCount();
            for (int x : read.mesh().triangles()) {
                if (x < 0 || x >= nv) {
                    throw new AssertionError("corner index " + x + " outside 0.." + (nv - 1));
                }
            }
            for (float c : read.mesh().vertices()) {
                if (!Float.isFinite(c)) {
                    throw new AssertionError("non-finite coordinate read: " + c);
                }
            }
        } catch (MeshReadException expected) {
            if (expected.getMessage() == null || !expected.getMessage().contains(file.toString())) {
                throw new AssertionError("error does not name the file: " + expected.getMessage());
            }
        }
    }
}
