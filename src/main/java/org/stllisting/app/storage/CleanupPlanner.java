package org.stllisting.app.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.sessions.SessionInfo;
import org.stllisting.app.sessions.SessionStatus;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.queue.JobDto;

/**
 * Decides what a cleanup removes; changes nothing. The rules, conservative where in doubt:
 * <ul>
 * <li>A session running now (another live process holds the home) is never touched, nor the queue files and
 * backups, whatever the options.</li>
 * <li>A finished or failed session idle for the given hours (or the one session asked for, at any age) loses
 * the caches of its final jobs whose history row is written.</li>
 * <li>A session not finished keeps everything unless forced; forced, its caches go except those of jobs still
 * waiting for their history row, and an archived one loses its archive entry too.</li>
 * <li>An archived session past its expiry goes with its caches.</li>
 * <li>A cache that belongs to no session goes once untouched for the given hours.</li>
 * <li>Thumbnails go, oldest first, while the whole cache is over its cap; backups beyond the keep count; history
 * rows older than the keep days.</li>
 * <li>Generated outputs only when asked, and only the files the history recorded for the selected finished
 * sessions' jobs, inside the output folder recorded with them.</li>
 * </ul>
 */
public final class CleanupPlanner {
    /** A running session's stale caches are taken only when older than this, whatever the hours asked. */
    private static final Duration RUNNING_MIN_STALE = Duration.ofHours(1);
    private static final Pattern NUMBERED_BACKUP = Pattern.compile("queue_state_backup_(\\d+)\\.(json|journal)");

    /** The session asked for does not exist. */
    public static final class UnknownSessionException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnknownSessionException(String message) {
            super(message);
        }
    }

    private final HomeFacts facts;
    private final HomeUsage usage;
    private final CleanupOptions options;
    private final Home home;
    private final List<PlanItem> items = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private CleanupPlanner(HomeFacts facts, HomeUsage usage, CleanupOptions options) {
        this.facts = facts;
        this.usage = usage;
        this.options = options;
        this.home = facts.home();
    }

    public static CleanupPlan plan(HomeFacts facts, HomeUsage usage, CleanupOptions options)
            throws IOException, UnknownSessionException {
        CleanupPlanner p = new CleanupPlanner(facts, usage, options);
        p.build();
        return new CleanupPlan(List.copyOf(p.items), List.copyOf(p.notes));
    }

    /** One session as the planner sees it. */
    /** {@code keep}: jobs whose cache stays whatever the options (final jobs still waiting for their history row). */
    private record Session(String id, SessionStatus status, SessionInfo archived, Instant lastActivity,
            Set<String> keep) {
        boolean active() {
            return archived == null;
        }

        boolean finished() {
            return active() ? status == SessionStatus.FINISHED || status == SessionStatus.FAILED
                    : HomeFacts.finished(archived);
        }

        String shortId() {
            return id.length() <= 8 ? id : id.substring(0, 8);
        }
    }

    private void build() throws IOException, UnknownSessionException {
        Instant now = options.now();
        Map<String, List<String>> cachesBySession = new HashMap<>();
        Set<String> activeJobs = HomeFacts.jobIds(facts.active());
        List<String> stale = new ArrayList<>();
        String activeId = facts.activeStatus() == null ? null : facts.active().queueSessionId;
        for (String name : usage.jobCaches().keySet()) {
            String owner = activeJobs.contains(name) ? activeId : facts.jobOwners().get(name);
            if (owner == null) {
                stale.add(name);
            } else {
                cachesBySession.computeIfAbsent(owner, k -> new ArrayList<>()).add(name);
            }
        }
        List<Session> sessions = new ArrayList<>();
        if (activeId != null) {
            Set<String> keep = new HashSet<>();
            for (JobDto j : facts.active().jobs) {
                if (QueueRunner.awaitsHistory(j)) {
                    keep.add(j.id);
                }
            }
            sessions.add(new Session(activeId, facts.activeStatus(), null, facts.activeLastActivity(), keep));
        }
        for (SessionInfo s : facts.archived()) {
            sessions.add(new Session(s.id(), s.status(), s, HomeFacts.lastActivity(s), Set.of()));
        }
        Session only = options.session() == null ? null : find(sessions, options.session());
        if (facts.running() && activeId == null) {
            long pid = facts.runningPid().getAsLong();
            notes.add((pid == ProcessHandle.current().pid() ? "This program (pid " + pid
                    : "Another process (" + (pid > 0 ? "pid " + pid : "pid unknown"))
                    + ") holds the home: the queue files and the backups are left alone.");
        }

        for (Session s : sessions) {
            if (only != null && s != only) {
                continue;
            }
            List<String> caches = cachesBySession.getOrDefault(s.id(), List.of());
            if (s.status() == SessionStatus.RUNNING) {
                long pid = facts.runningPid().getAsLong();
                notes.add("Session " + s.shortId() + " is running (" + (pid > 0 ? "pid " + pid : "another process")
                        + "): its caches, the queue files and the backups are left alone.");
                continue;
            }
            boolean expired = !s.active() && s.archived().expiresAt() != null
                    && !s.archived().expiresAt().isAfter(now);
            boolean selected = only != null || !s.lastActivity().isAfter(now.minus(options.idle()));
            if (!expired && !selected) {
                continue;
            }
            // past its expiry, or an archived session not finished that is forced: all of it goes, entry last
            if (expired || (!s.active() && !s.finished() && options.force())) {
                for (String c : caches) {
                    cache(Category.ARCHIVED_CACHES, s.id(), c);
                }
                if (options.outputs() && s.finished() && selected) {
                    outputs(s);
                }
                entry(s);
                continue;
            }
            Category cat = s.active() ? Category.ACTIVE_CACHES : Category.ARCHIVED_CACHES;
            if (s.finished()) {
                // every job of a finished session is final; one still waiting for its history row keeps its cache
                for (String c : caches) {
                    if (!s.keep().contains(c)) {
                        cache(cat, s.id(), c);
                    }
                }
                if (options.outputs()) {
                    outputs(s);
                }
            } else if (options.force()) {
                for (String c : caches) {
                    if (!s.keep().contains(c)) {
                        cache(cat, s.id(), c);
                    }
                }
            } else if (!caches.isEmpty()) {
                notes.add("Session " + s.shortId() + " is " + s.status().json() + ": its " + caches.size()
                        + " job cache(s) are kept; --force removes them (its unfinished jobs then start over).");
            }
            if (options.outputs() && !s.finished()) {
                notes.add("Session " + s.shortId() + " is " + s.status().json()
                        + ": its outputs are kept (only a finished or failed session's outputs are removed).");
            }
        }
        if (only != null) {
            return;
        }
        if (facts.queueDoubtful()) {
            notes.add("The queue could not be read whole (stl-listing status says why): caches of no known job and"
                    + " the backups are kept until it is.");
            thumbnails();
            history();
            return;
        }
        Duration staleAge = options.idle();
        if (facts.running() && staleAge.compareTo(RUNNING_MIN_STALE) < 0) {
            staleAge = RUNNING_MIN_STALE;
        }
        long staleBefore = now.minus(staleAge).toEpochMilli();
        for (String c : stale) {
            if (usage.jobCaches().get(c).newest() <= staleBefore) {
                cache(Category.STALE_CACHES, null, c);
            }
        }
        thumbnails();
        if (!facts.running()) {
            backups();
        }
        history();
    }

    private Session find(List<Session> sessions, String idOrPrefix) throws UnknownSessionException {
        List<Session> exact = sessions.stream().filter(s -> s.id().equals(idOrPrefix)).toList();
        if (!exact.isEmpty()) {
            return exact.get(0);
        }
        List<Session> prefixed = idOrPrefix.length() < 4 ? List.of()
                : sessions.stream().filter(s -> s.id().startsWith(idOrPrefix)).toList();
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        if (prefixed.size() > 1) {
            throw new UnknownSessionException("session id '" + idOrPrefix + "' is ambiguous (" + prefixed.size()
                    + " sessions start with it); give more of it");
        }
        throw new UnknownSessionException("no session '" + idOrPrefix + "' in " + home.root()
                + " (stl-listing cleanup --list shows them)");
    }

    private void cache(Category cat, String sessionId, String name) {
        Tally t = usage.jobCaches().get(name);
        items.add(new PlanItem(cat, PlanItem.Action.PATH, sessionId, name, home.root(),
                home.jobCacheRoot().resolve(name), t.bytes(), t.files()));
    }

    private void entry(Session s) {
        Tally t = usage.sessionFolders().get(s.id());
        Path folder = SessionArchive.folder(home, s.id());
        items.add(new PlanItem(Category.ARCHIVED_SESSIONS, PlanItem.Action.ARCHIVE_ENTRY, s.id(), null, home.root(),
                folder, t == null ? 0 : t.bytes(), t == null ? 0 : t.files()));
    }

    /** The files the history recorded for the session's jobs, each inside its row's output folder. */
    private void outputs(Session s) throws IOException {
        if (facts.history() == null) {
            return;
        }
        Set<Path> seen = new HashSet<>();
        for (HistoryRecord r : facts.history().bySession(s.id())) {
            if (r.outputFolder() == null || r.outputFolder().isBlank() || r.filesGenerated() == null) {
                continue;
            }
            Path root = Path.of(r.outputFolder()).toAbsolutePath().normalize();
            for (String f : r.filesGenerated()) {
                Path p = Path.of(f).toAbsolutePath().normalize();
                if (!p.startsWith(root) || p.equals(root) || !seen.add(p)) {
                    continue;
                }
                Tally t = Tally.of(p);
                if (t.files() > 0) {
                    items.add(new PlanItem(Category.OUTPUTS, PlanItem.Action.PATH, s.id(), r.id(), root, p,
                            t.bytes(), t.files()));
                }
            }
        }
    }

    /** Thumbnails, oldest first, while the whole cache (less what this plan removes from it) is over its cap. */
    private void thumbnails() {
        long cap = facts.settings().cacheCapMb() * 1024L * 1024L;
        long size = usage.cacheBytes();
        for (PlanItem i : items) {
            if (i.path() != null && i.path().startsWith(home.cacheDir())) {
                size -= i.bytes();
            }
        }
        List<Tally> oldest = new ArrayList<>(usage.thumbnails());
        oldest.sort(Comparator.comparingLong(Tally::newest).thenComparing(t -> t.path().toString()));
        for (Tally t : oldest) {
            if (size <= cap) {
                break;
            }
            items.add(new PlanItem(Category.THUMBNAILS, PlanItem.Action.PATH, null, null, home.root(), t.path(),
                    t.bytes(), t.files()));
            size -= t.bytes();
        }
    }

    /** Numbered backups beyond the keep count, and damaged sets beyond it (newest kept). */
    private void backups() {
        int keep = facts.settings().backupKeepCount();
        for (Tally t : usage.backupFiles()) {
            Matcher m = NUMBERED_BACKUP.matcher(t.path().getFileName().toString());
            if (m.matches() && Long.parseLong(m.group(1)) > keep) {
                items.add(new PlanItem(Category.BACKUPS, PlanItem.Action.PATH, null, null, home.root(), t.path(),
                        t.bytes(), t.files()));
            }
        }
        List<Tally> damaged = new ArrayList<>(usage.damagedSets());
        // named by their UTC time: the newest sort last
        damaged.sort(Comparator.comparing((Tally t) -> t.path().getFileName().toString()).reversed());
        for (int i = keep; i < damaged.size(); i++) {
            Tally t = damaged.get(i);
            items.add(new PlanItem(Category.DAMAGED_BACKUPS, PlanItem.Action.PATH, null, null, home.root(),
                    t.path(), t.bytes(), t.files()));
        }
    }

    private void history() throws IOException {
        if (facts.history() == null) {
            return;
        }
        int days = facts.historyDays(options);
        long old = facts.history().countOlderThan(days);
        if (old > 0) {
            items.add(new PlanItem(Category.HISTORY_ROWS, PlanItem.Action.HISTORY_ROWS, null, null, null, null, 0,
                    old));
        }
    }
}
