package org.stllisting.mesh.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshBuilder;
import org.stllisting.mesh.VertexMerge;

/**
 * Reads binary and ASCII STL into an indexed {@link Mesh}, merging exactly-equal vertices.
 *
 * <p>Rules it applies:
 * <ul>
 *   <li>The encoding is decided by content: a file whose size is exactly {@code 84 + 50 * n} for the facet count
 *   {@code n} in its header is binary even when the header starts with {@code solid}; otherwise a file that
 *   starts with {@code solid} and whose first bytes are text is ASCII; anything else is read as binary.</li>
 *   <li>A binary header's facet count is checked against the file size before anything is allocated; a
 *   shorter file is truncated; from a longer one the facets the header promises are read and the bytes after
 *   them ignored with a warning (exporters that write the count of one part, or append data).</li>
 *   <li>ASCII keywords are case-insensitive; several {@code solid} blocks are read into one mesh; lines and
 *   tokens are bounded by {@link ReadLimits}.</li>
 *   <li>NaN or infinite vertex coordinates are errors; NaN stored normals are read as zero normals.</li>
 *   <li>A file without facets is an error (there is nothing to list).</li>
 *   <li>Memory for the mesh is estimated before reading and refused when the heap cannot hold it.</li>
 * </ul>
 * Every failure is a {@link MeshReadException}; nothing else escapes. Stateless and thread-safe.
 */
public final class StlReader {
    private static final int HEADER = 80;
    private static final int RECORD = 50;
    /** Bytes of heap per facet while reading: indices, normals, vertices, hash table, growth slack. */
    private static final long BYTES_PER_FACET = 12 + 12 + 6 + 16 + 16;

    private StlReader() {
    }

    /** Reads a file into a mesh with default limits. */
    public static Mesh read(Path file) throws MeshReadException {
        return readFile(file, ReadLimits.defaults()).mesh();
    }

    /** Reads a file and reports its encoding, solid count and warnings. */
    public static StlFile readFile(Path file) throws MeshReadException {
        return readFile(file, ReadLimits.defaults());
    }

    public static StlFile readFile(Path file, ReadLimits limits) throws MeshReadException {
        try {
            if (Files.isDirectory(file)) {
                throw new MeshReadException(file, "is a folder, not an STL file", -1, -1);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size == 0) {
                    throw new MeshReadException(file, "file is empty", 0, -1);
                }
                ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 1024));
                while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                    // positional reads until the head is full
                }
                head.flip();
                long claimed = size >= HEADER + 4 ? Integer.toUnsignedLong(head.order(ByteOrder.LITTLE_ENDIAN)
                        .getInt(HEADER)) : -1;
                boolean exactBinary = claimed >= 0 && HEADER + 4 + RECORD * claimed == size;
                if (!exactBinary && looksAscii(head)) {
                    return new AsciiParser(file, limits, size).parse(ch);
                }
                String text = exactBinary ? null : textStart(head);
                if (text != null) {
                    // a note or a web page saved as .stl: its letters would read as a huge facet count
                    throw new MeshReadException(file, "not an STL file: it is text (it starts \"" + text
                            + "\"), and an ASCII STL starts with 'solid'", -1, -1);
                }
                if (size < HEADER + 4) {
                    throw new MeshReadException(file, "not an STL file: " + size
                            + " bytes is too short for binary STL (84 bytes minimum) and it is not ASCII STL", size, -1);
                }
                return readBinary(file, ch, size, claimed, limits, head);
            }
        } catch (MeshReadException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new MeshReadException(file, "no such file", -1, -1, e);
        } catch (AccessDeniedException e) {
            throw new MeshReadException(file, "permission denied", -1, -1, e);
        } catch (IOException e) {
            throw new MeshReadException(file, "cannot read: " + e.getMessage(), -1, -1, e);
        } catch (OutOfMemoryError e) {
            throw new MeshReadException(file, "too large for the available memory (max heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); raise it with JAVA_OPTS=-Xmx…",
                    -1, -1, e);
        } catch (RuntimeException e) {
            throw new MeshReadException(file, "cannot read: " + e, -1, -1, e);
        }
    }

    /** ASCII when it starts with "solid" and the first bytes are text (binary facet data is not). */
    static boolean looksAscii(ByteBuffer head) {
        int n = head.limit();
        int i = 0;
        while (i < n && isSpace(head.get(i))) {
            i++;
        }
        if (n - i < 5) {
            return false;
        }
        String start = new String(new byte[] {head.get(i), head.get(i + 1), head.get(i + 2), head.get(i + 3),
            head.get(i + 4)}, StandardCharsets.ISO_8859_1);
        if (!start.equalsIgnoreCase("solid")) {
            return false;
        }
        for (int k = i; k < n; k++) {
            int b = head.get(k) & 0xff;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x0b || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first line of a file whose first bytes are all text (UTF-8 letters, digits, punctuation, spaces and
     * line breaks), cut to 40 characters; null when they are not text. A binary STL's facet data never is:
     * its floats hold bytes that are control characters or not UTF-8.
     */
    static String textStart(ByteBuffer head) {
        CharBuffer chars;
        try {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            chars = CharBuffer.allocate(head.limit());
            // not the end of the input: a character cut at the end of the head is not an error
            CoderResult r = utf8.decode(head.duplicate().position(0), chars, false);
            if (r.isError()) {
                return null;
            }
            chars.flip();
        } catch (RuntimeException e) {
            return null;
        }
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                return null;
            }
        }
        String first = chars.toString().strip().lines().findFirst().orElse("").strip();
        if (first.isEmpty()) {
            return null;
        }
        return first.length() > 40 ? first.substring(0, 40) + "…" : first;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0x0b;
    }

    private static void checkMemory(Path file, long facets) throws MeshReadException {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long need = facets * BYTES_PER_FACET;
        if (need > free) {
            System.gc();
            free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (need > free) {
                throw new MeshReadException(file, String.format(Locale.ROOT,
                        "%d facets need about %d MB of memory but only %d MB are free (max heap %d MB); "
                                + "raise it with JAVA_OPTS=-Xmx…", facets, need >> 20, free >> 20,
                        rt.maxMemory() >> 20), -1, -1);
            }
        }
    }

    private static StlFile readBinary(Path file, FileChannel ch, long size, long claimed, ReadLimits limits,
            ByteBuffer head) throws IOException, MeshReadException {
        long expected = HEADER + 4 + RECORD * claimed;
        if (claimed == 0) {
            throw new MeshReadException(file, size == HEADER + 4 ? "binary STL with no facets"
                    : "not an STL file: binary header claims 0 facets but " + (size - HEADER - 4)
                            + " bytes follow", HEADER, -1);
        }
        if (size < expected) {
            throw new MeshReadException(file, String.format(Locale.ROOT,
                    "truncated or not STL: binary header claims %d facets (%d bytes) but the file has %d bytes",
                    claimed, expected, size), size, -1);
        }
        List<String> warnings = new ArrayList<>();
        if (size > expected) {
            long extra = size - expected;
            long records = extra / RECORD;
            warnings.add(String.format(Locale.ROOT, "%s: the binary header promises %d facets; read those and "
                    + "ignored the %d bytes after them%s", file, claimed, extra, records == 0 ? ""
                    : String.format(Locale.ROOT, " (%d more facet record%s)", records, records == 1 ? "" : "s")));
        }
        if (claimed > limits.maxFacets()) {
            throw new MeshReadException(file, "binary header claims " + claimed + " facets, more than the limit of "
                    + limits.maxFacets(), HEADER, -1);
        }
        checkMemory(file, claimed);
        int facets = (int) claimed;
        int[] triangles = new int[3 * facets];
        float[] normals = new float[3 * facets];
        // large files are read in two halves on two threads, each giving its corners provisional vertices; the
        // merge then makes them exact (see VertexMerge)
        int parts = facets >= 200_000 && Runtime.getRuntime().availableProcessors() > 1 ? 2 : 1;
        int split = facets / parts;
        VertexMerge.Corners[] corners = new VertexMerge.Corners[parts];
        int[] bounds = new int[parts + 1];
        MeshReadException[] errors = new MeshReadException[parts];
        Throwable[] crashes = new Throwable[parts];
        Thread helper = null;
        for (int p = parts - 1; p >= 0; p--) {
            int from = p * split;
            int to = p == parts - 1 ? facets : from + split;
            bounds[p] = 3 * from;
            bounds[p + 1] = 3 * to;
            int part = p;
            // a closed mesh has about half as many vertices as facets; the recent-vertex cache adds a few
            corners[p] = new VertexMerge.Corners((int) ((to - from) * 0.6) + 16);
            Runnable work = () -> {
                try {
                    readRange(file, ch, from, to, corners[part], triangles, normals);
                } catch (MeshReadException e) {
                    errors[part] = e;
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    crashes[part] = e;
                }
            };
            if (p > 0) {
                helper = new Thread(work, "stl-read-" + p);
                helper.setDaemon(true);
                helper.start();
            } else {
                work.run();
            }
        }
        if (helper != null) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeshReadException(file, "reading was interrupted", -1, -1, e);
            }
        }
        for (int p = 0; p < parts; p++) {
            if (errors[p] != null) {
                throw errors[p];
            }
        }
        for (int p = 0; p < parts; p++) {
            if (crashes[p] instanceof IOException io) {
                throw io;
            } else if (crashes[p] instanceof OutOfMemoryError oom) {
                throw oom;
            } else if (crashes[p] != null) {
                throw (RuntimeException) crashes[p];
            }
        }
        float[] vertices = VertexMerge.merge(corners, triangles, bounds);
        Mesh mesh = new Mesh(vertices, triangles, normals);
        byte[] hb = new byte[Math.min(HEADER, head.limit())];
        head.get(0, hb);
        return new StlFile(file, mesh, StlFormat.BINARY, 1, printable(hb, hb.length), warnings);
    }

    /** Reads facets [from, to) with positional reads (safe to run concurrently on one channel). */
    private static void readRange(Path file, FileChannel ch, int from, int to, VertexMerge.Corners corners,
            int[] triangles, float[] normals) throws IOException, MeshReadException {
        // stream whole records through one buffer: mapping would count the file's pages in resident memory.
        // Records are 50 bytes, so every other one starts 2 bytes off a 4-byte boundary: the chunk is copied
        // out as ints twice, from byte 0 and from byte 2, and each record's twelve values are read from the
        // copy in which it is aligned
        // even; no larger than the range, since direct memory is only given back by a garbage collection and a
        // queue of small files would otherwise hold 400 KB each until then
        int batch = Math.min(8192, (to - from + 1) & ~1);
        ByteBuffer m = ByteBuffer.allocateDirect(RECORD * batch + 8).order(ByteOrder.LITTLE_ENDIAN);
        int[] even = new int[RECORD * batch / 4];
        int[] odd = new int[RECORD * batch / 4];
        long pos = HEADER + 4 + (long) RECORD * from;
        int done = from;
        while (done < to) {
            int count = Math.min(to - done, batch);
            int bytes = count * RECORD;
            m.clear().limit(bytes);
            while (m.hasRemaining()) {
                if (ch.read(m, pos + m.position()) < 0) {
                    throw new MeshReadException(file, "truncated while reading", pos + m.position(), -1);
                }
            }
            m.limit(bytes + 8);
            m.position(0);
            m.asIntBuffer().get(even, 0, (bytes + 3) / 4);
            m.position(2);
            m.asIntBuffer().get(odd, 0, (bytes + 1) / 4);
            int g = 3 * done;
            for (int f = 0; f < count; f++, g += 3) {
                // record f starts at byte 50 f: int 25 (f / 2) of the even copy, or int 25 (f / 2) + 12 of the odd
                int[] w = (f & 1) == 0 ? even : odd;
                int o = 25 * (f >> 1) + 12 * (f & 1);
                int nx = w[o];
                int ny = w[o + 1];
                int nz = w[o + 2];
                if (isNaN(nx) || isNaN(ny) || isNaN(nz)) {
                    nx = 0;
                    ny = 0;
                    nz = 0;
                }
                normals[g] = Float.intBitsToFloat(nx);
                normals[g + 1] = Float.intBitsToFloat(ny);
                normals[g + 2] = Float.intBitsToFloat(nz);
                for (int k = 0, p = o + 3; k < 3; k++, p += 3) {
                    int x = w[p];
                    int y = w[p + 1];
                    int z = w[p + 2];
                    if (!finite(x) || !finite(y) || !finite(z)) {
                        throw new MeshReadException(file, String.format(Locale.ROOT,
                                "facet %d has a non-finite vertex coordinate (%s, %s, %s)", g / 3 + 1,
                                Float.intBitsToFloat(x), Float.intBitsToFloat(y), Float.intBitsToFloat(z)),
                                pos + (long) RECORD * f + 12 + 12 * k, -1);
                    }
                    // -0.0 is the same point as 0.0
                    if ((x << 1) == 0) {
                        x = 0;
                    }
                    if ((y << 1) == 0) {
                        y = 0;
                    }
                    if ((z << 1) == 0) {
                        z = 0;
                    }
                    triangles[g + k] = corners.add(x, y, z);
                }
            }
            done += count;
            pos += (long) count * RECORD;
        }
    }

    private static boolean isNaN(int bits) {
        return (bits & 0x7fffffff) > 0x7f800000;
    }

    private static boolean finite(int bits) {
        return (bits & 0x7f800000) != 0x7f800000;
    }

    static String printable(byte[] bytes, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int c = bytes[i] & 0xff;
            if (c == 0) {
                break;
            }
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : ' ');
        }
        return sb.toString().trim();
    }

    /** A byte-level tokenizer and grammar for ASCII STL; allocation-free on numbers in the common case. */
    private static final class AsciiParser {
        private final Path file;
        private final ReadLimits limits;
        private final long size;
        private InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int bufLen;
        private int bufPos;
        private long consumed; // bytes before buf[0]
        private long line = 1;
        private long lineStart; // byte offset of the current line's start
        private final byte[] tok;
        private int tokLen;
        private long tokOffset;
        private long tokLine;
        private final List<String> warnings = new ArrayList<>();

        AsciiParser(Path file, ReadLimits limits, long size) {
            this.file = file;
            this.limits = limits;
            this.size = size;
            this.tok = new byte[limits.maxTokenLength() + 1];
        }

        StlFile parse(FileChannel ch) throws IOException, MeshReadException {
            ch.position(0);
            in = java.nio.channels.Channels.newInputStream(ch);
            long estimate = Math.min(size / 200 + 16, limits.maxFacets());
            checkMemory(file, Math.min(estimate, size / 120));
            MeshBuilder b = new MeshBuilder(estimate, true);
            int solids = 0;
            String firstName = "";
            boolean inSolid = false;
            while (next()) {
                if (is("solid")) {
                    if (inSolid) {
                        warnings.add("solid block " + solids + " has no endsolid (line " + tokLine + ")");
                    }
                    String name = restOfLine();
                    if (solids == 0) {
                        firstName = name;
                    }
                    solids++;
                    inSolid = true;
                } else if (is("endsolid")) {
                    if (!inSolid) {
                        throw error("'endsolid' without 'solid'");
                    }
                    restOfLine();
                    inSolid = false;
                } else if (is("facet")) {
                    if (!inSolid) {
                        throw error("'facet' outside a solid block");
                    }
                    facet(b);
                } else {
                    throw error("unexpected '" + tokenText() + "'" + (solids == 0 ? ": not an ASCII STL file" : ""));
                }
            }
            if (solids == 0) {
                throw new MeshReadException(file, "not an STL file: no 'solid' found", 0, -1);
            }
            if (inSolid) {
                warnings.add("the file ends without 'endsolid'");
            }
            if (b.facetCount() == 0) {
                throw new MeshReadException(file, "ASCII STL with no facets", -1, line);
            }
            return new StlFile(file, b.build(), StlFormat.ASCII, solids, firstName, warnings);
        }

        private void facet(MeshBuilder b) throws IOException, MeshReadException {
            if (b.facetCount() >= limits.maxFacets()) {
                throw error("more than " + limits.maxFacets() + " facets");
            }
            expect("normal");
            float nx = number(false);
            float ny = number(false);
            float nz = number(false);
            if (Float.isNaN(nx) || Float.isNaN(ny) || Float.isNaN(nz)) {
                nx = 0;
                ny = 0;
                nz = 0;
            }
            expect("outer");
            expect("loop");
            float[] c = new float[9];
            for (int k = 0; k < 3; k++) {
                if (!next()) {
                    throw truncated();
                }
                if (!is("vertex")) {
                    throw error(is("endloop") ? "facet has " + k + " vertices, 3 expected"
                            : "expected 'vertex' but found '" + tokenText() + "'");
                }
                for (int d = 0; d < 3; d++) {
                    c[3 * k + d] = number(true);
                }
            }
            if (!next()) {
                throw truncated();
            }
            if (is("vertex")) {
                throw error("facet has more than 3 vertices");
            }
            if (!is("endloop")) {
                throw error("expected 'endloop' but found '" + tokenText() + "'");
            }
            expect("endfacet");
            b.normal(nx, ny, nz);
            b.corner(c[0], c[1], c[2]);
            b.corner(c[3], c[4], c[5]);
            b.corner(c[6], c[7], c[8]);
        }

        private MeshReadException truncated() {
            return new MeshReadException(file, "truncated: the file ends inside a facet", consumed + bufPos, line);
        }

        private MeshReadException error(String problem) {
            return new MeshReadException(file, problem, tokOffset, tokLine);
        }

        private void expect(String keyword) throws IOException, MeshReadException {
            if (!next()) {
                throw truncated();
            }
            if (!is(keyword)) {
                throw error("expected '" + keyword + "' but found '" + tokenText() + "'");
            }
        }

        private float number(boolean vertex) throws IOException, MeshReadException {
            if (!next()) {
                throw truncated();
            }
            float v = parseFloat();
            if (vertex && !Float.isFinite(v)) {
                throw error("non-finite vertex coordinate '" + tokenText() + "'");
            }
            return v;
        }

        /** Fast path for plain decimal numbers; anything unusual goes through Float.parseFloat. */
        private float parseFloat() throws MeshReadException {
            int i = 0;
            boolean neg = false;
            if (tok[0] == '-' || tok[0] == '+') {
                neg = tok[0] == '-';
                i++;
            }
            long mant = 0;
            int digits = 0;
            int exp10 = 0;
            boolean any = false;
            for (; i < tokLen && tok[i] >= '0' && tok[i] <= '9'; i++) {
                any = true;
                if (mant == 0 && tok[i] == '0') {
                    continue;
                }
                if (digits < 18) {
                    mant = mant * 10 + (tok[i] - '0');
                    digits++;
                } else {
                    exp10++;
                }
            }
            if (i < tokLen && tok[i] == '.') {
                i++;
                for (; i < tokLen && tok[i] >= '0' && tok[i] <= '9'; i++) {
                    any = true;
                    if (mant == 0 && tok[i] == '0') {
                        exp10--;
                        continue;
                    }
                    if (digits < 18) {
                        mant = mant * 10 + (tok[i] - '0');
                        digits++;
                        exp10--;
                    }
                }
            }
            if (any && i < tokLen && (tok[i] == 'e' || tok[i] == 'E')) {
                int j = i + 1;
                boolean eneg = false;
                if (j < tokLen && (tok[j] == '-' || tok[j] == '+')) {
                    eneg = tok[j] == '-';
                    j++;
                }
                int e = 0;
                boolean edig = false;
                for (; j < tokLen && tok[j] >= '0' && tok[j] <= '9'; j++) {
                    edig = true;
                    if (e < 100000) {
                        e = e * 10 + (tok[j] - '0');
                    }
                }
                if (edig) {
                    exp10 += eneg ? -e : e;
                    i = j;
                } else {
                    i = -1;
                }
            }
            if (any && i == tokLen && digits <= 15 && Math.abs(exp10) <= 22) {
                double d = mant;
                d = exp10 >= 0 ? d * POW10[exp10] : d / POW10[-exp10];
                return (float) (neg ? -d : d);
            }
            if (mant == 0 && any && i == tokLen) {
                return neg ? -0f : 0f;
            }
            String text = tokenText();
            String bare = text.replaceFirst("^[+-]", "").toLowerCase(Locale.ROOT);
            if (bare.equals("nan")) {
                return Float.NaN; // C's strtod reads these; writers built on printf produce them
            }
            if (bare.equals("inf") || bare.equals("infinity")) {
                return text.startsWith("-") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
            }
            try {
                return Float.parseFloat(text);
            } catch (NumberFormatException e) {
                throw error("expected a number but found '" + tokenText() + "'");
            }
        }

        private static final double[] POW10 = new double[23];

        static {
            POW10[0] = 1;
            for (int i = 1; i < POW10.length; i++) {
                POW10[i] = POW10[i - 1] * 10;
            }
        }

        private boolean is(String keyword) {
            if (tokLen != keyword.length()) {
                return false;
            }
            for (int i = 0; i < tokLen; i++) {
                int c = tok[i] | 0x20; // ASCII lower case
                if (c != keyword.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private String tokenText() {
            return printable(tok, tokLen);
        }

        private int read() throws IOException {
            if (bufPos == bufLen) {
                consumed += bufLen;
                bufPos = 0;
                bufLen = 0;
                int n = in.read(buf);
                if (n <= 0) {
                    return -1;
                }
                bufLen = n;
            }
            return buf[bufPos++] & 0xff;
        }

        private void newline() throws MeshReadException {
            line++;
            lineStart = consumed + bufPos;
        }

        private void checkLine() throws MeshReadException {
            if (consumed + bufPos - lineStart > limits.maxLineLength()) {
                throw new MeshReadException(file, "line longer than " + limits.maxLineLength() + " bytes",
                        consumed + bufPos, line);
            }
        }

        /** Reads the next whitespace-separated token; false at end of file. */
        private boolean next() throws IOException, MeshReadException {
            int c;
            while (true) {
                c = read();
                if (c < 0) {
                    return false;
                }
                if (c == '\n') {
                    newline();
                } else if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != 0x0b) {
                    break;
                }
                checkLine();
            }
            tokOffset = consumed + bufPos - 1;
            tokLine = line;
            tokLen = 0;
            while (true) {
                if (c <= 0x20 || c == 0x7f) {
                    if (c == '\n' || c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b || c < 0) {
                        if (c == '\n') {
                            newline();
                        }
                        break;
                    }
                    throw new MeshReadException(file, String.format(Locale.ROOT,
                            "not an ASCII STL file: control byte 0x%02x", c), consumed + bufPos - 1, line);
                }
                if (tokLen == tok.length - 1) {
                    throw new MeshReadException(file, "token longer than " + limits.maxTokenLength() + " bytes",
                            tokOffset, tokLine);
                }
                tok[tokLen++] = (byte) c;
                c = read();
            }
            checkLine();
            return true;
        }

        /** Skips to the end of the line, returning its text (a solid's name). */
        private String restOfLine() throws IOException, MeshReadException {
            if (consumed + bufPos == lineStart) {
                return ""; // the keyword ended the line
            }
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = read()) >= 0 && c != '\n') {
                checkLine();
                if (sb.length() < 256 && c >= 0x20 && c != 0x7f) {
                    sb.append((char) c);
                }
            }
            if (c == '\n') {
                newline();
            }
            return sb.toString().trim();
        }
    }
}
