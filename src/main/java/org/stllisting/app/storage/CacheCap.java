package org.stllisting.app.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.sessions.SessionInfo;
import org.stllisting.store.Home;
import org.stllisting.jobs.runner.JobFields;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.history.SessionRows;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateStore;

/**
 * Keeps the home's whole {@code cache/} folder under its cap, for the runner between jobs: removes the oldest
 * removable things first — thumbnails, caches of no session, caches of completed and skipped recorded jobs —
 * until the folder is under the cap, and only then, oldest first, the caches of failed and cancelled jobs, which
 * a retry continues from (their last completed step). Never the cache of a protected job (the caller's unfinished and running jobs, and finished ones
 * still waiting for their history row), nor of a job the live queue has so when its cache's turn comes, nor a
 * cache of an archived session that did not finish (it may be restored and resumed). The libraries' own caches
 * are counted but never removed. The caller holds the home's lock.
 */
public final class CacheCap {
    private CacheCap() {
    }

    /**
     * What was done.
     *
     * @param beforeBytes  the cache's size before
     * @param afterBytes   its size after
     * @param removed      thumbnails and caches removed
     * @param problems     what could not be removed, with the reason
     */
    public record Result(long beforeBytes, long afterBytes, int removed, List<SafeDelete.Problem> problems) {
        public long removedBytes() {
            return beforeBytes - afterBytes;
        }
    }

    /** With the home's history opened for this call (when the home has one), and no live queue. */
    public static Result enforce(Home home, long capBytes, Set<String> protectedJobIds) throws IOException {
        HistoryStore history = Files.isRegularFile(home.historyDb()) ? HistoryStore.open(home.historyDb()) : null;
        return enforce(home, history, null, capBytes, protectedJobIds);
    }

    /**
     * Removes the oldest removable thumbnails and job caches until {@code cache/} is at most {@code capBytes};
     * {@code history} (may be null) tells which caches belong to archived sessions that did not finish.
     * {@code queue} (may be null) is the live queue, looked at again for each job cache under its lock just
     * before the cache goes: the runner took {@code protectedJobIds} earlier, and meanwhile a failed job may
     * have been retried (pending, with its completed steps in its checkpoint) or a job started. A job the queue
     * has unfinished, or finished and waiting for its history row, keeps its cache; no transition can come
     * between that look and the removal.
     */
    public static Result enforce(Home home, HistoryStore history, QueueStateStore queue, long capBytes,
            Set<String> protectedJobIds) throws IOException {
        HomeUsage usage = HomeUsage.scan(home);
        long size = usage.cacheBytes();
        if (size <= capBytes) {
            return new Result(size, size, 0, List.of());
        }
        Set<String> keep = new HashSet<>(protectedJobIds);
        SourceGuard sources = new SourceGuard();
        if (history != null) {
            SessionArchive archive = new SessionArchive(home, history);
            Set<String> unfinished = new HashSet<>();
            for (SessionInfo s : archive.list()) {
                if (!HomeFacts.finished(s)) {
                    unfinished.add(s.id());
                }
            }
            for (Map.Entry<String, String> e : archive.jobOwners().entrySet()) {
                if (unfinished.contains(e.getValue())) {
                    keep.add(e.getKey());
                }
            }
            history.sourcePaths().forEach(sources::add);
        }
        List<Tally> candidates = new ArrayList<>(usage.thumbnails());
        Map<Path, String> jobOf = new HashMap<>();
        usage.jobCaches().forEach((id, t) -> {
            if (!keep.contains(id)) {
                candidates.add(t);
                jobOf.put(t.path(), id);
            }
        });
        Set<String> retryable = retryable(history, queue);
        candidates.sort(Comparator.comparing((Tally t) -> retryable.contains(jobOf.get(t.path())))
                .thenComparingLong(Tally::newest).thenComparing(t -> t.path().toString()));
        SafeDelete delete = new SafeDelete(sources);
        long before = size;
        int removed = 0;
        for (Tally t : candidates) {
            if (size <= capBytes) {
                break;
            }
            long freed = delete.bytesRemoved();
            String job = jobOf.get(t.path());
            boolean gone = queue == null || job == null ? delete.delete(home.root(), t.path())
                    : queue.read(q -> !mustStay(q.job(job)) && delete.delete(home.root(), t.path()));
            if (gone) {
                removed++;
            }
            size -= delete.bytesRemoved() - freed;
        }
        return new Result(before, size, removed, delete.problems());
    }

    /**
     * The jobs whose cache a retry would continue from: failed or cancelled in the live queue, or, for a job it
     * does not hold, in an archived session (which may be restored).
     */
    private static Set<String> retryable(HistoryStore history, QueueStateStore queue) throws IOException {
        Set<String> out = new HashSet<>();
        Set<String> live = new HashSet<>();
        if (queue != null) {
            queue.read(q -> {
                for (JobDto j : q.jobs()) {
                    live.add(j.id);
                    if (j.state == JobState.FAILED || j.state == JobState.CANCELLED) {
                        out.add(j.id);
                    }
                }
                return null;
            });
        }
        if (history != null) {
            for (String id : new SessionRows(history).jobsIn(List.of(JobState.FAILED.json(),
                    JobState.CANCELLED.json()))) {
                if (!live.contains(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /** A job of the live queue that is not final, or final and still waiting for its history row. */
    private static boolean mustStay(JobDto j) {
        return j != null && (!j.state.isFinal()
                || j.results != null && Boolean.TRUE.equals(j.results.details.get(JobFields.HISTORY_PENDING)));
    }
}
