package org.stllisting.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one configured {@link ObjectMapper} of the product: snake_case keys (the seed-004 schema), ISO-8601
 * timestamps, pretty printing, and no auto-closing of the target so that callers can {@code force()} a
 * channel after writing. Thread-safe.
 *
 * <p>Everything the program reads from a file goes through the bounded readers below ({@link #readTree(Path,
 * JsonLimits)} and friends): the size is checked before reading, the parser enforces the kind's
 * {@link JsonLimits}, and running out of memory while building the result is refused like a limit, so a huge or
 * hostile file ends in a {@link JsonLimitException} with a one-line message, never an OutOfMemoryError.
 */
public final class Json {
    private static final ObjectMapper MAPPER = create();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A read that starts from a parser made with the limits' factory. */
    @FunctionalInterface
    private interface Reading<T> {
        T read(JsonParser parser) throws IOException;
    }

    /** Opens the parser of one read. */
    @FunctionalInterface
    private interface Opening {
        JsonParser open(com.fasterxml.jackson.core.JsonFactory factory) throws IOException;
    }

    /**
     * The whole file, refused without reading it when it is larger than {@code limits} allow (the size is taken
     * from the file system, and reading stops at the limit should the file grow meanwhile).
     */
    public static byte[] readAllBytes(Path file, JsonLimits limits) throws IOException {
        checkSize(file, limits);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
            if (data.length > limits.maxBytes()) {
                throw tooLarge(file.toString(), data.length, limits);
            }
            return data;
        } catch (OutOfMemoryError e) {
            throw outOfMemory(file.toString(), limits, Files.size(file));
        }
    }

    /** The file as a tree, read as a stream (the text is never held whole). Empty content is a missing node. */
    public static JsonNode readTree(Path file, JsonLimits limits) throws IOException {
        long size = checkSize(file, limits);
        return orMissing(read(file.toString(), size, limits, f -> f.createParser(file.toFile()),
                p -> MAPPER.readTree(p)));
    }

    /** {@code data} as a tree; {@code source} names it in messages. Empty content is a missing node. */
    public static JsonNode readTree(byte[] data, String source, JsonLimits limits) throws IOException {
        checkLength(source, data.length, limits);
        return orMissing(read(source, data.length, limits, f -> f.createParser(data), p -> MAPPER.readTree(p)));
    }

    /** The file read into {@code type}, as a stream; null for a file without content. */
    public static <T> T readValue(Path file, Class<T> type, JsonLimits limits) throws IOException {
        long size = checkSize(file, limits);
        return read(file.toString(), size, limits, f -> f.createParser(file.toFile()),
                p -> p.nextToken() == null ? null : MAPPER.readValue(p, type));
    }

    /** {@code data} read into {@code type}; null for empty content. */
    public static <T> T readValue(byte[] data, String source, Class<T> type, JsonLimits limits) throws IOException {
        checkLength(source, data.length, limits);
        return read(source, data.length, limits, f -> f.createParser(data),
                p -> p.nextToken() == null ? null : MAPPER.readValue(p, type));
    }

    /** {@code length} bytes of {@code data} from {@code offset} (one journal line), read with {@code reader}. */
    public static <T> T readValue(ObjectReader reader, byte[] data, int offset, int length, String source,
            JsonLimits limits) throws IOException {
        checkLength(source, length, limits);
        return read(source, length, limits, f -> f.createParser(data, offset, length), p -> reader.readValue(p));
    }

    /**
     * A tree read with the bounded readers converted to {@code type}, with running out of memory refused like a
     * limit (a small document can still describe many large objects).
     */
    public static <T> T treeToValue(JsonNode tree, Class<T> type, String source, JsonLimits limits)
            throws IOException {
        Throwable failure;
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            failure = e;
        }
        if (find(failure, OutOfMemoryError.class) != null) {
            failure = null; // drops the objects built so far (see read) before the message is built
            throw outOfMemory(source, limits, 0);
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        throw (RuntimeException) failure;
    }

    private static <T> T read(String source, long size, JsonLimits limits, Opening opening, Reading<T> reading)
            throws IOException {
        Throwable failure;
        try (JsonParser parser = new Counting(opening.open(limits.factory()), limits.maxObjects())) {
            return reading.read(parser);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            failure = e;
        }
        // A mapping exception holds the objects built so far (its path names them); nothing is allocated until the
        // failure is dropped, or a read that ran out of memory would run out again here.
        boolean outOfMemory = find(failure, OutOfMemoryError.class) != null;
        StreamConstraintsException limit = find(failure, StreamConstraintsException.class);
        String limitMessage = limit == null ? null : limit.getOriginalMessage();
        if (outOfMemory || limit != null) {
            failure = null;
            limit = null;
            throw outOfMemory ? outOfMemory(source, limits, size) : overLimit(source, size, limitMessage, limits);
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        throw (RuntimeException) failure;
    }

    /**
     * Counts the objects a parse opens and stops at the limit: an object becomes a map or a typed object of a few
     * hundred bytes, so a document of many small objects ("[{},{},...]") costs far more memory per token than
     * any other, and the token limit alone would let it fill the heap.
     */
    private static final class Counting extends com.fasterxml.jackson.core.util.JsonParserDelegate {
        static final String OBJECTS = "Object count";
        private final long maxObjects;
        private long objects;

        Counting(JsonParser parser, long maxObjects) {
            super(parser);
            this.maxObjects = maxObjects;
        }

        @Override
        public com.fasterxml.jackson.core.JsonToken nextToken() throws IOException {
            return count(delegate.nextToken());
        }

        @Override
        public com.fasterxml.jackson.core.JsonToken nextValue() throws IOException {
            return count(delegate.nextValue());
        }

        private com.fasterxml.jackson.core.JsonToken count(com.fasterxml.jackson.core.JsonToken t)
                throws StreamConstraintsException {
            if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT && ++objects > maxObjects) {
                throw new StreamConstraintsException(OBJECTS + " exceeds " + maxObjects);
            }
            return t;
        }
    }

    private static JsonNode orMissing(JsonNode n) {
        return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
    }

    private static long checkSize(Path file, JsonLimits limits) throws IOException {
        long size = Files.size(file);
        checkLength(file.toString(), size, limits);
        return size;
    }

    private static void checkLength(String source, long size, JsonLimits limits) throws JsonLimitException {
        if (size > limits.maxBytes()) {
            throw tooLarge(source, size, limits);
        }
    }

    private static JsonLimitException tooLarge(String source, long size, JsonLimits limits) {
        String limit = limits.heapScaled()
                ? "more than the " + JsonLimits.size(limits.maxBytes()) + " of " + limits.kind()
                        + " the program reads with its " + JsonLimits.heap() + " of memory"
                : "more than the " + JsonLimits.size(limits.maxBytes()) + " " + limits.kind() + " may have";
        return new JsonLimitException(source, "is " + JsonLimits.size(size) + ", " + limit + "; "
                + limits.advice(limits.heapFor(size, 0)));
    }

    private static JsonLimitException overLimit(String source, long size, String message, JsonLimits limits) {
        String m = message == null ? "" : message;
        String what;
        long tokens = 0;
        if (m.startsWith("Document nesting depth")) {
            what = "nests deeper than " + limits.maxDepth() + " levels";
        } else if (m.startsWith(Counting.OBJECTS)) {
            tokens = limits.maxTokens() + 1;
            what = String.format(Locale.ROOT, "holds more than %,d JSON objects", limits.maxObjects());
        } else if (m.startsWith("Token count")) {
            tokens = limits.maxTokens() + 1;
            what = String.format(Locale.ROOT, "holds more than %,d JSON values", limits.maxTokens());
        } else if (m.startsWith("Document length")) {
            return tooLarge(source, Math.max(size, limits.maxBytes() + 1), limits);
        } else if (m.startsWith("String value length")) {
            what = String.format(Locale.ROOT, "holds a text longer than %,d characters", limits.maxStringLength());
        } else if (m.startsWith("Name length")) {
            what = "holds a field name that is too long";
        } else if (m.startsWith("Number value length")) {
            what = "holds a number with too many digits";
        } else {
            what = "is over a limit (" + m.lines().findFirst().orElse("") + ")";
        }
        String limit = limits.heapScaled() && tokens > 0
                ? ", more than the program reads as " + limits.kind() + " with its " + JsonLimits.heap() + " of memory"
                : ", more than " + limits.kind() + " may have";
        return new JsonLimitException(source, what + limit + "; " + limits.advice(limits.heapFor(size, tokens)));
    }

    private static JsonLimitException outOfMemory(String source, JsonLimits limits, long size) {
        // the partial result is unreachable once this unwinds, so the memory is back for the message and after
        long needed = Math.max(Runtime.getRuntime().maxMemory() * 2, limits.heapFor(size, 0));
        long gb = Math.max(1, (needed + (1L << 30) - 1) >> 30);
        return new JsonLimitException(source, "needs more memory than the program has (" + JsonLimits.heap()
                + ") to read; start it with more memory (JAVA_OPTS=-Xmx" + gb + "g) or check that it is "
                + limits.kind());
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        return find(e, OutOfMemoryError.class) != null;
    }

    private static <X extends Throwable> X find(Throwable e, Class<X> type) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * Builds the mapper and its writer machinery on a background thread, for a command that will print JSON in a
     * moment: on a second core this overlaps with parsing the command line instead of following it.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                MAPPER.writeValueAsString(Map.of("warm", List.of(1.5, 2)));
            } catch (IOException | RuntimeException ignored) {
                // only a head start: the real write reports its own errors
            }
        }, "json-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static ObjectMapper create() {
        ObjectMapper m = new ObjectMapper();
        m.registerModule(new JavaTimeModule());
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.enable(SerializationFeature.INDENT_OUTPUT);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        m.setSerializationInclusion(JsonInclude.Include.ALWAYS);
        return m;
    }
}
