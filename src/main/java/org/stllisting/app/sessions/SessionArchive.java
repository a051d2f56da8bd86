package org.stllisting.app.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.stllisting.jobs.runner.JobErrors;
import org.stllisting.store.AtomicFiles;
import org.stllisting.app.storage.Tally;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.JsonLimits;
import org.stllisting.store.SafeNames;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.history.SessionRow;
import org.stllisting.store.history.SessionRows;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateMigration;
import org.stllisting.store.queue.QueueStateStore;

/**
 * The archived sessions of a home. Each is kept whole in {@code sessions/<id>/queue_state.json} and indexed in
 * the history database ({@link SessionRows}), so that listing them is one query and the owner of every
 * archived job's cache is known without reading the folders.
 *
 * <p>When the same session id is both the active queue and archived (a crash between two steps of archiving or
 * restoring), the active one wins: the archived entry is left out of {@link #list}, {@link #find} and
 * {@link #jobOwners}, and so is every job of the active queue.
 *
 * <p>Thread-safe: the database serializes writers; one session's folder is written by one caller at a time
 * (the one holding the home's lock).
 */
public final class SessionArchive {
    /** The folder of archived sessions in the home. */
    public static final String FOLDER = "sessions";
    /** The archived queue's file inside its session folder. */
    public static final String QUEUE_FILE = "queue_state.json";
    /** The shortest id prefix that {@link #find} accepts. */
    public static final int MIN_PREFIX = 4;

    /** The active queue as far as the archive needs it: its session id and its jobs' ids. */
    public record ActiveQueue(String sessionId, Set<String> jobIds) {
        public static final ActiveQueue NONE = new ActiveQueue(null, Set.of());

        public ActiveQueue {
            jobIds = Set.copyOf(jobIds);
        }

        public static ActiveQueue of(QueueStateDto q) {
            Set<String> ids = new LinkedHashSet<>();
            for (JobDto j : q.jobs) {
                ids.add(j.id);
            }
            return new ActiveQueue(q.queueSessionId, ids);
        }
    }

    /** An id prefix that names more than one archived session. */
    public static final class AmbiguousIdException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        AmbiguousIdException(String prefix, List<String> ids) {
            super("\"" + prefix + "\" names " + ids.size() + " sessions (" + String.join(", ", ids)
                    + "); give more of the id");
        }
    }

    private final Home home;
    private final SessionRows rows;
    private final Supplier<ActiveQueue> active;

    /**
     * On the home's history database (the caller owns and closes the HistoryStore); the active queue is read
     * from the home's files when needed. Read-only use works on a history that was not migrated.
     */
    public SessionArchive(Home home, HistoryStore history) {
        this(home, history, () -> ActiveQueue.of(QueueStateStore.read(home).state()));
    }

    /** As {@link #SessionArchive(Home, HistoryStore)}, with the active queue given by the caller. */
    public SessionArchive(Home home, HistoryStore history, Supplier<ActiveQueue> active) {
        this.home = home;
        this.rows = new SessionRows(history);
        this.active = active;
    }

    /** {@code sessions/} in the home. */
    public static Path root(Home home) {
        return home.root().resolve(FOLDER);
    }

    /** {@code sessions/<id>/}; the id must be a plain name. */
    public static Path folder(Home home, String sessionId) {
        if (!SafeNames.isPlainName(sessionId)) {
            throw new IllegalArgumentException("not a valid session id: " + sessionId);
        }
        return root(home).resolve(sessionId);
    }

    /** {@code sessions/<id>/queue_state.json}. */
    public static Path queueFile(Home home, String sessionId) {
        return folder(home, sessionId).resolve(QUEUE_FILE);
    }

    /** Archived sessions, newest archived first (one query). */
    public List<SessionInfo> list() throws IOException {
        String activeId = active.get().sessionId();
        List<SessionInfo> out = new ArrayList<>();
        for (SessionRow r : rows.list()) {
            if (!r.id().equals(activeId)) {
                out.add(info(r));
            }
        }
        return out;
    }

    /**
     * The archived session with this id or unique id prefix (at least {@link #MIN_PREFIX} characters), if any.
     *
     * @throws AmbiguousIdException when the prefix names more than one
     */
    public Optional<SessionInfo> find(String idOrPrefix) throws IOException {
        String key = idOrPrefix == null ? "" : idOrPrefix.trim();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String activeId = active.get().sessionId();
        Optional<SessionRow> exact = rows.get(key);
        if (exact.isPresent()) {
            return exact.get().id().equals(activeId) ? Optional.empty() : Optional.of(info(exact.get()));
        }
        if (key.length() < MIN_PREFIX) {
            return Optional.empty();
        }
        List<SessionRow> found = new ArrayList<>();
        for (SessionRow r : rows.withPrefix(key, 11)) {
            if (!r.id().equals(activeId)) {
                found.add(r);
            }
        }
        if (found.size() > 1) {
            throw new AmbiguousIdException(key, found.stream().map(SessionRow::id).limit(10).toList());
        }
        return found.stream().findFirst().map(SessionArchive::info);
    }

    /**
     * job id → archived session id, for every archived session (one query; for cleanup's cache attribution).
     * Jobs of the active queue and an archived entry of the active session are left out.
     */
    public Map<String, String> jobOwners() throws IOException {
        ActiveQueue a = active.get();
        Map<String, String> owners = rows.jobOwners();
        if (owners.isEmpty()) {
            return owners;
        }
        Map<String, String> out = new HashMap<>(owners.size());
        owners.forEach((job, session) -> {
            if (!session.equals(a.sessionId()) && !a.jobIds().contains(job)) {
                out.put(job, session);
            }
        });
        return out;
    }

    /**
     * Writes the queue as an archived session: first its folder (the whole queue, written atomically), then
     * the index. Idempotent for the same id (the entry is rewritten). Fails naming the file and the operating
     * system's reason, and then nothing is indexed.
     *
     * @param reason    {@code finished} or {@code discarded}
     * @param expiresAt when cleanup may remove it, or null for never
     */
    public SessionInfo archive(QueueStateDto queue, String reason, Instant expiresAt) throws IOException {
        if (queue.queueSessionId == null) {
            throw new IllegalArgumentException("a queue without a session id cannot be archived");
        }
        Path file = queueFile(home, queue.queueSessionId);
        try {
            AtomicFiles.writeJson(file, queue);
        } catch (IOException e) {
            throw new IOException("cannot archive the session into " + file + ": " + JobErrors.message(e), e);
        }
        Instant now = Instant.now();
        JobCounts counts = JobCounts.of(queue.jobs);
        SessionStatus status = "discarded".equals(reason) ? SessionStatus.DISCARDED
                : counts.failed() > 0 ? SessionStatus.FAILED : SessionStatus.FINISHED;
        List<SessionRow.Job> jobs = new ArrayList<>(queue.jobs.size());
        for (JobDto j : queue.jobs) {
            jobs.add(new SessionRow.Job(j.id, j.state.json()));
        }
        SessionRow row = new SessionRow(queue.queueSessionId, status.json(), reason, queue.createdAt, endedAt(queue),
                now, expiresAt, queue.template, outputFolders(queue), counts.total(), counts.completed(),
                counts.failed(), counts.cancelled(), counts.skipped(), counts.unfinished(), cacheBytes(home, queue));
        rows.put(row, jobs);
        return info(row);
    }

    /** The archived queue, read back (for restore and {@code sessions show}). */
    public QueueStateDto queue(String sessionId) throws IOException {
        Path file = queueFile(home, sessionId);
        try {
            JsonNode tree = Json.readTree(file, JsonLimits.QUEUE_STATE);
            if (!(tree instanceof ObjectNode root)) {
                throw new IOException(file + ": not a queue state document");
            }
            String version = root.path("version").asText(null);
            if (!QueueStateMigration.isKnown(version)) {
                throw new IOException(file + ": unknown queue state version " + version
                        + " (written by a newer version of the program?)");
            }
            QueueStateMigration.migrate(root);
            return Json.treeToValue(root, QueueStateDto.class, file.toString(), JsonLimits.QUEUE_STATE);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": the archived session's queue is missing", e);
        } catch (IOException e) {
            String m = JobErrors.message(e);
            throw new IOException(m.startsWith(file.toString()) ? m
                    : file + ": cannot read the archived session's queue: " + m, e);
        }
    }

    /**
     * Removes an archived session's index rows and then its {@code sessions/<id>/} folder. Never its job caches
     * or outputs.
     */
    public void delete(String sessionId) throws IOException {
        Path dir = folder(home, sessionId);
        rows.delete(sessionId);
        Files.deleteIfExists(dir.resolve(QUEUE_FILE));
        try (var left = Files.newDirectoryStream(dir)) {
            for (Path p : left) {
                if (p.getFileName().toString().startsWith("." + QUEUE_FILE + ".")) {
                    Files.deleteIfExists(p); // a temporary file of an interrupted archive
                }
            }
        } catch (NoSuchFileException e) {
            return;
        }
        Files.deleteIfExists(dir);
    }

    /** Records a newly measured cache size (cleanup calls this after removing a session's caches). */
    public void setCacheBytes(String sessionId, long bytes) throws IOException {
        rows.setCacheBytes(sessionId, bytes);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** When the queue's last job ended, or null while some job is not final. */
    static Instant endedAt(QueueStateDto q) {
        Instant end = null;
        for (JobDto j : q.jobs) {
            if (!j.state.isFinal()) {
                return null;
            }
            if (j.completedAt != null && (end == null || j.completedAt.isAfter(end))) {
                end = j.completedAt;
            }
        }
        return end != null ? end : q.jobs.isEmpty() ? null : q.lastUpdated;
    }

    /** The queue's output folder, and any job folder outside it (imported jobs keep their own). */
    static List<String> outputFolders(QueueStateDto q) {
        Set<String> out = new LinkedHashSet<>();
        String base = q.queueSettings == null ? null : q.queueSettings.outputBaseFolder;
        Path basePath = base == null ? null : Path.of(base).toAbsolutePath().normalize();
        if (base != null) {
            out.add(base);
        }
        for (JobDto j : q.jobs) {
            if (j.outputFolder == null) {
                continue;
            }
            Path f = Path.of(j.outputFolder).toAbsolutePath().normalize();
            if (basePath == null || !f.startsWith(basePath)) {
                Path parent = f.getParent();
                out.add((parent != null ? parent : f).toString());
            }
        }
        return List.copyOf(out);
    }

    /** Bytes in the caches of the queue's jobs ({@code cache/job_cache/<id>/}), links not followed. */
    static long cacheBytes(Home home, QueueStateDto q) {
        long total = 0;
        for (JobDto j : q.jobs) {
            if (SafeNames.isPlainName(j.id)) {
                total += Tally.of(home.jobCacheDir(j.id)).bytes(); // links not followed; missing is 0
            }
        }
        return total;
    }

    static SessionInfo info(SessionRow r) {
        SessionStatus status;
        try {
            status = SessionStatus.parse(r.status());
        } catch (IllegalArgumentException e) {
            status = SessionStatus.FINISHED;
        }
        return new SessionInfo(r.id(), status, r.reason(), r.createdAt(), r.endedAt(), r.archivedAt(),
                r.expiresAt(), r.template(), r.outputFolders(), new JobCounts(r.total(), r.completed(), r.failed(),
                        r.cancelled(), r.skipped(), r.unfinished()), r.cacheBytes());
    }
}
