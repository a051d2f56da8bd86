package org.stllisting.output;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A refusal to write: the name asked for (a prefix, a model name, a template's folder) would put a file
 * outside the output folder. Nothing was written.
 */
public final class UnsafeOutputPathException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path root;
    private final String requested;

    public UnsafeOutputPathException(Path root, String requested, String why) {
        super("refusing to write '" + requested + "': " + why + " (output folder " + root + ")");
        this.root = root;
        this.requested = requested;
    }

    public Path root() {
        return root;
    }

    public String requested() {
        return requested;
    }
}
