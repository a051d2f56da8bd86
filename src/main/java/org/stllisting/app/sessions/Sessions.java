package org.stllisting.app.sessions;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.stllisting.app.AppContext;
import org.stllisting.app.SessionService;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * The sessions of a home: the active queue and the archived ones ({@link SessionArchive}). Listing and showing
 * work on a read-only context, also while another process works on the queue; {@link #restore} and
 * {@link #discard} need the home's lock and go through {@link SessionService}.
 */
public final class Sessions {
    private final AppContext ctx;
    private final String createdBy;

    /** On {@code ctx}; {@code createdBy} ({@code cli} or {@code gui}) as for the session service. */
    public Sessions(AppContext ctx, String createdBy) {
        this.ctx = ctx;
        this.createdBy = createdBy;
    }

    /** One session with its whole queue, for {@code sessions show}. */
    public record Shown(SessionInfo info, QueueStateDto queue) {
    }

    /**
     * The active queue first (when it has jobs), then the archived sessions, newest archived first. An archived
     * entry of the active session is left out (the active one wins).
     */
    public List<SessionInfo> list() throws IOException {
        QueueStateDto queue = activeQueue();
        List<SessionInfo> out = new ArrayList<>();
        active(ctx.home(), queue).ifPresent(out::add);
        Optional<SessionArchive> archive = archive(queue);
        if (archive.isPresent()) {
            out.addAll(archive.get().list());
        }
        return out;
    }

    /**
     * The session with this id or unique prefix (at least {@link SessionArchive#MIN_PREFIX} characters): the
     * active queue or an archived one, with its queue.
     *
     * @throws SessionArchive.AmbiguousIdException when the prefix names more than one
     */
    public Optional<Shown> show(String idOrPrefix) throws IOException {
        String key = idOrPrefix == null ? "" : idOrPrefix.trim();
        QueueStateDto queue = activeQueue();
        Optional<SessionInfo> active = active(ctx.home(), queue);
        boolean activeMatches = active.isPresent() && !key.isEmpty() && (queue.queueSessionId.equals(key)
                || key.length() >= SessionArchive.MIN_PREFIX && queue.queueSessionId.startsWith(key));
        Optional<SessionArchive> archive = archive(queue);
        Optional<SessionInfo> archived = Optional.empty();
        if (archive.isPresent() && !(activeMatches && queue.queueSessionId.equals(key))) {
            archived = archive.get().find(key);
        }
        if (activeMatches && archived.isPresent()) {
            throw new SessionArchive.AmbiguousIdException(key, List.of(queue.queueSessionId, archived.get().id()));
        }
        if (activeMatches) {
            return Optional.of(new Shown(active.get(), queue));
        }
        if (archived.isPresent()) {
            return Optional.of(new Shown(archived.get(), archive.get().queue(archived.get().id())));
        }
        return Optional.empty();
    }

    /** {@link SessionService#restore}; needs the home's lock. */
    public SessionService.Restored restore(String idOrPrefix) throws SessionService.RefusedException, IOException {
        return ctx.session(createdBy).restore(idOrPrefix);
    }

    /** {@link SessionService#discard}; needs the home's lock. */
    public SessionService.Discarded discard() throws SessionService.RefusedException, IOException {
        return ctx.session(createdBy).discard();
    }

    /** The active queue: the store's when this context holds the home, else read from the files. */
    private QueueStateDto activeQueue() {
        return ctx.isExclusive() ? ctx.queue().snapshot() : QueueStateStore.read(ctx.home()).state();
    }

    /** The archive on the home's history, or empty when the home has no history database yet. */
    private Optional<SessionArchive> archive(QueueStateDto queue) throws IOException {
        if (!ctx.isExclusive() && !Files.exists(ctx.home().historyDb())) {
            return Optional.empty();
        }
        SessionArchive.ActiveQueue a = SessionArchive.ActiveQueue.of(queue);
        return Optional.of(new SessionArchive(ctx.home(), ctx.history(), () -> a));
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
