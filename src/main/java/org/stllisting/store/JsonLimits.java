package org.stllisting.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.util.Locale;

/**
 * How much JSON of one kind the program agrees to read: the file size (checked before reading), the nesting
 * depth, the length of one text value, field name or number, and the number of JSON values (tokens), which
 * bounds the memory a parsed document takes. Real files stay far below every limit; a file above one is
 * refused with a one-line message naming the file, the limit and what to do.
 *
 * <p>The queue-state kinds grow with the heap: a parsed queue costs up to ~130 bytes per token (tree, typed copy
 * and text together) and the text itself may be held whole, so they read at most half the heap of text and one
 * token per 128 bytes of heap, up to fixed ceilings. With 256 MB that is 128 MB and 2 million tokens; a
 * 10,000-job queue of finished jobs (20 files each) is 36 MB and 0.95 million tokens. Thread-safe, immutable.
 */
public final class JsonLimits {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;

    /** A template: a few kilobytes, four levels deep, ~100 tokens. */
    public static final JsonLimits TEMPLATE = new JsonLimits("a template", MIB, 32, 64 * (int) KIB, 1024, 100,
            200_000, false, "check that it is a template file");
    /** {@code config.json}, the preferences: a few kilobytes. */
    public static final JsonLimits CONFIG = new JsonLimits("the preferences", MIB, 32, 64 * (int) KIB, 1024, 100,
            200_000, false, "move it aside to start from the default preferences");
    /** A job's checkpoint in the cache: its steps and the files they wrote. */
    public static final JsonLimits CHECKPOINT = new JsonLimits("a job checkpoint", 16 * MIB, 32, (int) MIB, 4096,
            100, 1_000_000, false, "the job starts over");
    /** A model's information file in the output folder (written by the program, read to tell models apart). */
    public static final JsonLimits FILE_INFO = new JsonLimits("a model information file", MIB, 32, 64 * (int) KIB,
            1024, 100, 200_000, false, "check the output folder");
    /** {@code queue_state.json} and its backups. */
    public static final JsonLimits QUEUE_STATE = queue("queue state");
    /** A whole journal file ({@code queue_state.journal} and the backups' journals): only its size is checked here. */
    public static final JsonLimits QUEUE_JOURNAL = queue("a queue journal");
    /** One journal line: one change, which may add every job of a queue at once. */
    public static final JsonLimits JOURNAL_LINE = queue("a queue journal line");
    /** A queue file given to {@code queue import}: an exported queue state. */
    public static final JsonLimits QUEUE_IMPORT = queue("a queue file");

    private final String kind;
    private final long maxBytes;
    private final long maxTokens;
    private final long maxObjects;
    private final boolean heapScaled;
    private final String advice;
    private final JsonFactory factory;

    private JsonLimits(String kind, long maxBytes, int maxDepth, int maxString, int maxName, int maxNumber,
            long maxTokens, boolean heapScaled, String advice) {
        this.kind = kind;
        this.heapScaled = heapScaled;
        long heap = Runtime.getRuntime().maxMemory();
        this.maxBytes = heapScaled ? Math.min(maxBytes, heap / 2) : maxBytes;
        this.maxTokens = heapScaled ? Math.min(maxTokens, heap / 128) : maxTokens;
        this.maxObjects = heapScaled ? Math.min(maxTokens / 4, heap / 512) : maxTokens;
        this.advice = advice;
        this.factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(this.maxBytes)
                .maxNestingDepth(maxDepth)
                .maxStringLength(maxString)
                .maxNameLength(maxName)
                .maxNumberLength(maxNumber)
                .maxTokenCount(this.maxTokens)
                .build()).build();
    }

    private static JsonLimits queue(String kind) {
        return new JsonLimits(kind, GIB, 64, (int) MIB, 4096, 100, 64_000_000, true, null);
    }

    /** What the limits are for, as in "more than a template may have". */
    public String kind() {
        return kind;
    }

    /** The largest file of this kind the program reads, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The most JSON values (tokens) a document of this kind may hold. */
    public long maxTokens() {
        return maxTokens;
    }

    /**
     * The most JSON objects a document of this kind may hold: a parsed object costs a few hundred bytes, far more
     * than other values, so a queue reads one object per 512 bytes of heap (500,000 with 256 MB; a 10,000-job
     * queue has about 50,000).
     */
    public long maxObjects() {
        return maxObjects;
    }

    public int maxDepth() {
        return factory.streamReadConstraints().getMaxNestingDepth();
    }

    public int maxStringLength() {
        return factory.streamReadConstraints().getMaxStringLength();
    }

    /** A parser factory that enforces these limits. */
    JsonFactory factory() {
        return factory;
    }

    /**
     * What the user can do when a file is over a limit: for a fixed limit the kind's own advice, for one that
     * grows with memory, how to start the program with enough (the heap {@code needed} bytes of it would take).
     */
    String advice(long needed) {
        if (!heapScaled) {
            return advice;
        }
        long gb = Math.max(1, (needed + GIB - 1) / GIB);
        return "start the program with more memory (JAVA_OPTS=-Xmx" + gb + "g) to read it";
    }

    /** The heap that would let the heap-scaled limits read a file of {@code bytes} bytes and {@code tokens} tokens. */
    long heapFor(long bytes, long tokens) {
        return Math.max(bytes * 2, tokens * 128);
    }

    boolean heapScaled() {
        return heapScaled;
    }

    /** "100.1 MB", "64 KB", "312 bytes". */
    static String size(long bytes) {
        if (bytes >= MIB) {
            double mb = bytes / (double) MIB;
            return mb == Math.rint(mb) ? String.format(Locale.ROOT, "%d MB", (long) mb)
                    : String.format(Locale.ROOT, "%.1f MB", mb);
        }
        if (bytes >= KIB) {
            return String.format(Locale.ROOT, "%d KB", bytes / KIB);
        }
        return bytes + " bytes";
    }

    /** The heap this program runs with, as in "its 256 MB of memory". */
    static String heap() {
        return String.format(Locale.ROOT, "%d MB", Math.round(Runtime.getRuntime().maxMemory() / (double) MIB));
    }
}
