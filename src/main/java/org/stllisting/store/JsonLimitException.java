package org.stllisting.store;

import java.io.IOException;

/**
 * A JSON file refused before or while reading because it is over one of its {@link JsonLimits}, or because
 * reading it needed more memory than the program has. The message is one line: the file, what is over which
 * limit, and what to do.
 */
public final class JsonLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String reason;

    JsonLimitException(String source, String reason) {
        super(source + " " + reason);
        this.source = source;
        this.reason = reason;
    }

    /** The file (or name) the message starts with. */
    public String source() {
        return source;
    }

    /** The message without the file name, for callers that name the file their own way ("is 300 MB, more than ..."). */
    public String reason() {
        return reason;
    }
}
