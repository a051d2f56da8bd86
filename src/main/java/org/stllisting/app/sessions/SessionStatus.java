package org.stllisting.app.sessions;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a session is doing or how it ended. */
public enum SessionStatus {
    /** Another live process holds the home and is working on the queue. */
    RUNNING,
    /** Some job is not final (or a finished job still waits for its history row), and nobody works on it. */
    INTERRUPTED,
    /** Every job is final and recorded, and none failed. */
    FINISHED,
    /** Every job is final and recorded, and at least one failed. */
    FAILED,
    /** Put aside by the user before it finished; restorable until it expires. */
    DISCARDED;

    /** The lower-case word the command line and JSON use. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a word names ({@link #json()}), case-insensitive. */
    @JsonCreator
    public static SessionStatus parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
