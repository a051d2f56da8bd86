package org.stllisting.app.storage;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.sessions.SessionInfo;
import org.stllisting.app.sessions.SessionStatus;
import org.stllisting.app.sessions.Sessions;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.LoadResult;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * What cleanup needs to know about a home besides its files: its settings, whether another process is working
 * on it, the active queue, the archived sessions and which archived session each job belongs to, and the history
 * rows. Read without changing anything. Immutable once read.
 *
 * @param runningPid    the pid of another live process holding the home, if one does (then the active queue
 *                      is running)
 * @param active        the active queue (empty when there is none)
 * @param activeStatus  the active queue's status, or null when it has no jobs
 * @param archived      the archived sessions (an id that is also the active queue's is left out: the active
 *                      one wins)
 * @param jobOwners     job id → archived session id (jobs of the active queue left out)
 * @param history       the history, or null when the home has none
 * @param historyRows   rows in the history
 * @param queueDoubtful the active queue could not be read whole (it came from a backup, a file was damaged or
 *                      changes were lost): a cache that seems to belong to no job may belong to a lost one, and
 *                      the backups may be needed to recover it
 */
public record HomeFacts(Home home, HomeSettings settings, OptionalLong runningPid, QueueStateDto active,
        SessionStatus activeStatus, List<SessionInfo> archived, Map<String, String> jobOwners, HistoryStore history,
        long historyRows, boolean queueDoubtful) {

    /** Reads the facts; {@code history} may be null (no history database), {@code runningPid} as found. */
    public static HomeFacts read(Home home, HistoryStore history, OptionalLong runningPid) throws IOException {
        HomeSettings settings = HomeSettings.load(new ConfigStore(home.configFile()));
        LoadResult loaded = QueueStateStore.read(home);
        QueueStateDto q = loaded.state();
        boolean doubtful = loaded.fellBack() || loaded.lostSomething() || !loaded.damaged().isEmpty();
        SessionStatus status = q.jobs.isEmpty() ? null : activeStatus(q, runningPid.isPresent());
        List<SessionInfo> archived = List.of();
        Map<String, String> owners = Map.of();
        long rows = 0;
        if (history != null) {
            // the active one wins over an archived entry of the same session and over its jobs
            SessionArchive archive = new SessionArchive(home, history, () -> SessionArchive.ActiveQueue.of(q));
            archived = archive.list();
            owners = archive.jobOwners();
            rows = history.count();
        }
        return new HomeFacts(home, settings, runningPid, q, status, archived, Map.copyOf(owners), history, rows,
                doubtful);
    }

    /** The active queue's status: running when another live process holds the home, else as its jobs say. */
    public static SessionStatus activeStatus(QueueStateDto q, boolean held) {
        return held ? SessionStatus.RUNNING : Sessions.statusOf(q);
    }

    static Set<String> jobIds(QueueStateDto q) {
        Set<String> ids = new LinkedHashSet<>();
        for (JobDto j : q.jobs) {
            ids.add(j.id);
        }
        return ids;
    }

    /** When the active queue last changed. */
    public Instant activeLastActivity() {
        Instant t = active.lastUpdated != null ? active.lastUpdated : active.createdAt;
        for (JobDto j : active.jobs) {
            if (j.completedAt != null && (t == null || j.completedAt.isAfter(t))) {
                t = j.completedAt;
            }
        }
        return t == null ? Instant.EPOCH : t;
    }

    /**
     * Since when an archived session has been idle: a finished or failed one since its last job ended (it was
     * archived later, when the next queue started), a discarded one since it was put aside.
     */
    public static Instant lastActivity(SessionInfo s) {
        Instant t = finished(s) && s.endedAt() != null ? s.endedAt() : s.archivedAt();
        return t == null ? Instant.EPOCH : t;
    }

    /** An archived session whose every job is final and recorded. */
    static boolean finished(SessionInfo s) {
        return (s.status() == SessionStatus.FINISHED || s.status() == SessionStatus.FAILED)
                && s.counts().unfinished() == 0;
    }

    /** True when the home is held by another live process. */
    public boolean running() {
        return runningPid.isPresent();
    }

    /** The history keep days this run uses. */
    public int historyDays(CleanupOptions o) {
        return o.historyDays() != null ? o.historyDays() : settings.historyKeepDays();
    }
}
