package org.stllisting.app.sessions;

import java.util.Optional;
import java.util.OptionalLong;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;

/** The sessions of a home: the active queue and the archived ones. */
public final class Sessions {
    private Sessions() {
    }

    /**
     * The active queue as a session, or empty when it has no jobs. Its status is RUNNING when another live
     * process holds the home's lock; else INTERRUPTED when some job is not final (or a finished job still waits
     * for its history row); else FAILED when some job failed; else FINISHED.
     */
    public static Optional<SessionInfo> active(Home home, QueueStateDto queue) {
        if (queue.jobs.isEmpty()) {
            return Optional.empty();
        }
        SessionStatus status = heldByAnother(home) ? SessionStatus.RUNNING : statusOf(queue);
        return Optional.of(new SessionInfo(queue.queueSessionId, status, null, queue.createdAt,
                SessionArchive.endedAt(queue), null, null, queue.template, SessionArchive.outputFolders(queue),
                JobCounts.of(queue.jobs), SessionArchive.cacheBytes(home, queue)));
    }

    /** True when another live process holds the home's instance lock now (never a guess from the files). */
    public static boolean heldByAnother(Home home) {
        OptionalLong holder = InstanceLock.holder(home);
        return holder.isPresent() && holder.getAsLong() != ProcessHandle.current().pid();
    }

    /** The status of a queue nobody works on: interrupted, failed or finished. */
    public static SessionStatus statusOf(QueueStateDto queue) {
        if (hasWorkLeft(queue)) {
            return SessionStatus.INTERRUPTED;
        }
        for (JobDto j : queue.jobs) {
            if (j.state == JobState.FAILED) {
                return SessionStatus.FAILED;
            }
        }
        return SessionStatus.FINISHED;
    }

    /** True when some job is not final, or a finished job still waits for its history row. */
    public static boolean hasWorkLeft(QueueStateDto q) {
        for (JobDto j : q.jobs) {
            if (!j.state.isFinal() || QueueRunner.awaitsHistory(j)) {
                return true;
            }
        }
        return false;
    }
}
