package org.stllisting.store.queue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the queue as a whole is doing: the runner sets it, recovery reads it. */
public enum SessionState {
    /** Jobs are being processed. */
    RUNNING,
    /** Nothing new starts; running steps finish. */
    PAUSED,
    /** Not processing (never started, or stopped by the user); unfinished jobs remain. */
    STOPPED,
    /** Every job reached a final state. */
    FINISHED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SessionState parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
