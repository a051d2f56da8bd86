package org.stllisting.mesh.io;

import java.nio.file.Path;

/**
 * An STL file could not be read. The message names the file, the problem and where it was found (a byte offset
 * for binary files, a line for ASCII files), e.g. {@code "part.stl: truncated: header claims 1000 facets
 * (50084 bytes) but the file has 20000 bytes (at byte 20000)"}.
 */
public final class MeshReadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;
    private final long offset;
    private final long line;

    /**
     * @param offset byte offset of the problem, or -1 when not known
     * @param line 1-based line of the problem in an ASCII file, or -1
     */
    public MeshReadException(Path file, String problem, long offset, long line, Throwable cause) {
        super(format(file, problem, offset, line), cause);
        this.file = file;
        this.problem = problem;
        this.offset = offset;
        this.line = line;
    }

    public MeshReadException(Path file, String problem, long offset, long line) {
        this(file, problem, offset, line, null);
    }

    private static String format(Path file, String problem, long offset, long line) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(problem);
        if (line > 0) {
            sb.append(" (line ").append(line).append(offset >= 0 ? ", byte " + offset : "").append(')');
        } else if (offset >= 0) {
            sb.append(" (at byte ").append(offset).append(')');
        }
        return sb.toString();
    }

    public Path file() {
        return file;
    }

    /** The problem alone, without file name or location. */
    public String problem() {
        return problem;
    }

    /** Byte offset of the problem, or -1 when it concerns the whole file. */
    public long offset() {
        return offset;
    }

    /** 1-based line number for ASCII files, or -1. */
    public long line() {
        return line;
    }
}
