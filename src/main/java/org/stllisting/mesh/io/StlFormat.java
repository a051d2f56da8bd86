package org.stllisting.mesh.io;

/** The two STL encodings. */
public enum StlFormat {
    BINARY, ASCII;

    /** The name used in reports and JSON: {@code binary} or {@code ascii}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
