package org.stllisting.app.storage;

import java.time.Duration;
import java.time.Instant;

/**
 * What a cleanup may remove.
 *
 * @param idle        finished or failed sessions idle this long, and stale caches untouched this long, are cleaned
 * @param session     only this session (id or unique prefix), whatever its age; null for all
 * @param force       also sessions not finished (their unfinished jobs start over) and, for an archived one, its
 *                    archive entry; never the session running now
 * @param outputs     also the generated output files recorded in the history of the selected finished sessions
 * @param historyDays history rows older than this many days go; null for the home's setting
 * @param now         the time the ages are measured against
 */
public record CleanupOptions(Duration idle, String session, boolean force, boolean outputs, Integer historyDays,
        Instant now) {

    /** The defaults: 24 hours, every session, nothing forced, no outputs. */
    public static CleanupOptions defaults() {
        return new CleanupOptions(Duration.ofHours(24), null, false, false, null, Instant.now());
    }
}
