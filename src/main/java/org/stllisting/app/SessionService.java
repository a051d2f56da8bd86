package org.stllisting.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.storage.Cleaner;
import org.stllisting.app.storage.Expired;
import org.stllisting.app.storage.SafeDelete;
import org.stllisting.app.sessions.SessionInfo;
import org.stllisting.app.sessions.Sessions;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.jobs.queue.QueueImport;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.template.Template;
import org.stllisting.output.OutputMode;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.queue.LoadResult;
import org.stllisting.store.queue.NamingOptionsDto;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;
import org.stllisting.store.queue.SessionState;

/**
 * The one way the command line and the window start a session, import a queue and recover the last one.
 * It decides whether a queue found in the home is continued or replaced by a new session, which output
 * folder a session writes to, and runs recovery once per process.
 *
 * <p>A new session replaces the whole queue in the store; a finished queue with jobs is first archived
 * ({@link SessionArchive}), and when that cannot be written nothing is replaced. {@link #discard} archives an
 * unfinished queue for the archive retention and leaves an empty session; {@link #restore} brings an archived
 * session back as the queue. The runner keeps what it learned of the queue it
 * was made on (its recovery, the finished jobs whose history rows wait), so {@link #start} and
 * {@link #importQueue} must come before anything asks for {@link #runner()} (or {@link #recover()})
 * whenever they start a new session; they refuse otherwise rather than mix two sessions.
 *
 * <p>One per {@link AppContext} ({@link AppContext#session}); thread-safe.
 */
public final class SessionService {
    /** The output folder of a session when none is asked for, relative to the working directory. */
    public static final Path DEFAULT_OUTPUT = Path.of("stl-listing-output");

    private final AppContext ctx;
    private final String createdBy;
    private Recovered recovered;

    SessionService(AppContext ctx, String createdBy) {
        this.ctx = ctx;
        this.createdBy = createdBy;
    }

    /**
     * What starting a session asks for.
     *
     * @param template    the template of a new session (a queue that is continued keeps its own)
     * @param output      the output folder asked for, or null for {@link #defaultOutput} (a new session) or
     *                    the continued queue's folder
     * @param mode        the output mode, or null for the template's (else the home's default, else per model)
     * @param concurrency models processed at the same time, or null to keep the queue's setting
     */
    public record Start(Template template, Path output, OutputMode mode, Integer concurrency) {
    }

    /**
     * The session that was started or continued.
     *
     * @param continued true when an unfinished queue was found and the new work joins it
     */
    public record Started(boolean continued, String sessionId, String template, String outputFolder) {
    }

    /**
     * An imported queue's jobs in this home.
     *
     * @param added        the jobs added
     * @param alreadyQueued jobs of the file left out because the same id or source was queued already
     * @param output       the output folder the imported jobs write to
     * @param filesOutput  the output folder the file named (never used), or null
     */
    public record Imported(List<JobView> added, int alreadyQueued, Path output, String filesOutput) {
    }

    /**
     * What loading the queue and recovering it found: {@code loaded} says which files were used and what
     * could not be recovered, {@code report} what recovery found in the queue and did.
     */
    public record Recovered(LoadResult loaded, RecoveryReport report) {
        /** True when some change or job of the last session could not be recovered from disk. */
        public boolean lostSomething() {
            return loaded.lostSomething();
        }
    }

    /**
     * What {@link #discard} did.
     *
     * @param archived  the session put aside
     * @param sessionId the new, empty session that took its place
     */
    public record Discarded(SessionInfo archived, String sessionId) {
    }

    /**
     * What {@link #restore} did.
     *
     * @param restored      the archived session as it was listed, now the queue again
     * @param archivedFirst the finished queue archived to make room, or null when the queue was empty
     */
    public record Restored(SessionInfo restored, SessionInfo archivedFirst) {
    }

    /** A session change that cannot be made now; the message says why and what to do. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /** Work was asked to go to another output folder than the unfinished queue in this home writes to. */
    public static final class OtherOutputFolderException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String queueFolder;
        private final Path asked;

        OtherOutputFolderException(String queueFolder, Path asked) {
            super("the unfinished queue here writes to " + queueFolder + ", not " + asked);
            this.queueFolder = queueFolder;
            this.asked = asked;
        }

        /** The unfinished queue's output folder as saved (null when it has none). */
        public String queueFolder() {
            return queueFolder;
        }

        /** The folder asked for, absolute. */
        public Path asked() {
            return asked;
        }
    }

    /** What loading the queue state found when the home was opened (which file, what was lost). */
    public LoadResult loaded() {
        return store().load();
    }

    /**
     * Starts a new session with {@code s}, or continues the unfinished queue in this home (jobs to finish,
     * or finished jobs still to be written to the history): then only the concurrency is changed, and an
     * output folder other than the queue's is refused. A new session gets the template's options, output
     * mode and naming and keeps the other queue settings; an unsafe prefix or subfolder is refused before
     * anything changes. The template becomes the one used last.
     *
     * @throws OtherOutputFolderException when {@code s.output()} is not the continued queue's folder
     * @throws IllegalStateException when a new session would start after the runner was made
     */
    public synchronized Started start(Start s) throws OtherOutputFolderException, IOException {
        QueueStateStore store = store();
        QueueStateDto current = store.snapshot();
        HomeSettings homeSettings = HomeSettings.load(ctx.config());
        Path output = absolute(s.output() != null ? s.output() : defaultOutput(ctx.home()));
        Started started;
        if (!Sessions.hasWorkLeft(current)) {
            QueueStateDto fresh = QueueStateDto.empty();
            Template t = s.template();
            fresh.template = t.name;
            fresh.globalRenderOptions = new LinkedHashMap<>(t.renderOptions);
            fresh.globalValidationOptions = new LinkedHashMap<>(t.validationOptions);
            QueueSettingsDto settings = Json.mapper().convertValue(current.queueSettings, QueueSettingsDto.class);
            settings.outputBaseFolder = output.toString();
            // the mode asked for, else the template's, else the home's default, else per model
            String templateMode = t.outputOptions == null ? null : t.outputOptions.mode;
            settings.outputMode = (s.mode() != null ? s.mode() : templateMode != null ? OutputMode.parse(templateMode)
                    : homeSettings.defaultOutputMode() != null ? homeSettings.defaultOutputMode() : OutputMode.PER_MODEL)
                    .label();
            settings.naming = t.outputOptions != null && t.outputOptions.naming != null ? t.outputOptions.naming
                    : new NamingOptionsDto();
            if (s.concurrency() != null) {
                settings.maxConcurrentJobs = s.concurrency();
            }
            fresh.queueSettings = settings;
            QueueRunner.layout(settings, t); // refuses an unsafe prefix or subfolder before anything is queued
            replace(current, fresh);
            started = new Started(false, fresh.queueSessionId, fresh.template, settings.outputBaseFolder);
        } else {
            QueueSettingsDto settings = current.queueSettings;
            if (s.output() != null && (settings.outputBaseFolder == null
                    || !absolute(Path.of(settings.outputBaseFolder)).equals(output))) {
                // the new work would join the unfinished queue and go to its folder, not the one asked for
                throw new OtherOutputFolderException(settings.outputBaseFolder, output);
            }
            if (s.concurrency() != null && s.concurrency() != settings.maxConcurrentJobs) {
                settings.maxConcurrentJobs = s.concurrency();
                if (ctx.hasRunner()) {
                    QueueRunner runner = ctx.runner(createdBy);
                    runner.updateSettings(runner.settings().withMaxConcurrentJobs(s.concurrency()));
                } else {
                    store.updateSettings(settings);
                }
            }
            started = new Started(true, current.queueSessionId, current.template, settings.outputBaseFolder);
        }
        try {
            ctx.templates().rememberLastUsed(s.template().name);
        } catch (IOException e) {
            // only a preference
        }
        return started;
    }

    /**
     * Adds the jobs of an imported queue ({@link QueueImport#parse}) to this home's queue, never twice.
     * Their output goes into the folder the importing user chose, never the one the file names: into
     * {@code output} (default {@link #defaultOutput}) when no unfinished queue is here, and then the imported
     * queue's template, options and settings come along in a new session; else (jobs to finish, or finished
     * jobs still to be written to the history) into the unfinished queue's folder.
     *
     * @throws OtherOutputFolderException when {@code output} is not the unfinished queue's folder
     */
    public synchronized Imported importQueue(QueueStateDto imported, Path output)
            throws OtherOutputFolderException, IOException {
        QueueStateDto current = store().snapshot();
        // finished jobs whose history rows are still to be written keep the queue, as for a run
        boolean unfinished = Sessions.hasWorkLeft(current) && current.queueSettings.outputBaseFolder != null;
        Path chosen;
        if (unfinished) {
            chosen = absolute(Path.of(current.queueSettings.outputBaseFolder));
            if (output != null && !absolute(output).equals(chosen)) {
                throw new OtherOutputFolderException(current.queueSettings.outputBaseFolder, absolute(output));
            }
        } else {
            chosen = absolute(output != null ? output : defaultOutput(ctx.home()));
        }
        QueueStateDto rebased = QueueImport.rebase(imported, chosen);
        if (!unfinished) {
            // a queue without unfinished jobs takes the imported queue's template, options and settings along,
            // with the output folder chosen here
            QueueStateDto fresh = rebased.copy();
            fresh.jobs = new ArrayList<>();
            fresh.queueSessionId = QueueStateDto.empty().queueSessionId;
            fresh.sessionState = SessionState.STOPPED;
            fresh.journalSeq = 0;
            if (ctx.hasRunner()) {
                // the window's runner exists from the start: the new session takes the queue's place through it
                HomeSettings home = HomeSettings.load(ctx.config());
                swap(now -> {
                    if (!now.jobs.isEmpty()) {
                        putAside(now, home);
                    }
                    return fresh;
                });
            } else {
                replace(current, fresh);
            }
        }
        List<JobView> added = runner().importJobs(rebased.jobs);
        return new Imported(added, rebased.jobs.size() - added.size(), chosen, imported.queueSettings.outputBaseFolder);
    }

    /** Writes the queue as it is now to {@code file} ({@link QueueTransfer#write}); returns how many jobs it holds. */
    public int exportQueue(Path file) throws IOException {
        return QueueTransfer.write(store().snapshot(), file);
    }

    /**
     * Recovers the queue loaded when the home was opened (partial files removed, interrupted jobs set to
     * resume, jobs whose source is gone or changed skipped), once per process: later calls return the
     * first answer.
     */
    public synchronized Recovered recover() throws IOException {
        return recover(f -> { });
    }

    /** As {@link #recover()}, telling {@code progress} the share (0–1) of the jobs assessed. */
    public synchronized Recovered recover(java.util.function.DoubleConsumer progress) throws IOException {
        if (recovered == null) {
            LoadResult loaded = loaded();
            RecoveryReport report = runner().recover(loaded.message(), loaded.problems(), progress);
            recovered = new Recovered(loaded, report);
            removeExpiredSessions();
        }
        return recovered;
    }

    /**
     * Archived sessions past their expiry go with their caches, once per process when the queue is recovered
     * (a failure is logged: it only keeps files longer).
     */
    private void removeExpiredSessions() {
        try {
            Cleaner.Result r = Expired.remove(ctx.home(), ctx.history(), () -> store().read(q -> {
                java.util.Set<String> ids = new java.util.HashSet<>();
                q.jobs().forEach(j -> ids.add(j.id));
                return new SessionArchive.ActiveQueue(q.head().queueSessionId, ids);
            }));
            for (SafeDelete.Problem p : r.problems()) {
                LoggerFactory.getLogger(SessionService.class).warn("expired session not fully removed: {}", p);
            }
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(SessionService.class).warn("could not remove expired sessions: {}", e.toString());
        }
    }

    /** The runner on this home's queue (made on first use). */
    public QueueRunner runner() throws IOException {
        return ctx.runner(createdBy);
    }

    /**
     * The output folder of a new session when none is asked for: the home's {@code default_output_folder}, else
     * {@link #DEFAULT_OUTPUT}.
     *
     * @throws IllegalArgumentException when the home's setting names a folder inside the home (a hand-edited
     *                                  {@code config.json}; {@code settings set} refuses it)
     */
    public static Path defaultOutput(Home home) {
        Path folder = HomeSettings.load(new ConfigStore(home.configFile())).defaultOutputFolder();
        if (folder == null) {
            return DEFAULT_OUTPUT;
        }
        String problem = SettingsService.outputFolderProblem(home, folder);
        if (problem != null) {
            throw new IllegalArgumentException("default_output_folder in " + home.configFile() + ": " + problem);
        }
        return folder;
    }

    /**
     * Puts the active queue aside: archived with its jobs as they are (their caches stay, so a restore resumes
     * after every completed step) until the archive retention has passed, and an empty session that keeps the
     * queue's template, options and settings takes its place. A queue with nothing left to do is archived as
     * finished. Works before the runner is made and, while nothing is processing, after.
     *
     * @throws RefusedException when the queue has no jobs
     * @throws IllegalStateException while the runner is processing the queue
     */
    public synchronized Discarded discard() throws RefusedException, IOException {
        HomeSettings home = HomeSettings.load(ctx.config());
        SessionInfo[] archived = {null};
        String[] fresh = {null};
        swap(current -> {
            if (current.jobs.isEmpty()) {
                return null;
            }
            archived[0] = putAside(current, home);
            QueueStateDto next = QueueStateDto.empty();
            next.template = current.template;
            next.globalRenderOptions = current.globalRenderOptions;
            next.globalValidationOptions = current.globalValidationOptions;
            next.queueSettings = current.queueSettings;
            fresh[0] = next.queueSessionId;
            return next;
        });
        if (archived[0] == null) {
            throw new RefusedException("the queue has no jobs; there is nothing to discard");
        }
        return new Discarded(archived[0], fresh[0]);
    }

    /**
     * Brings an archived session (id or unique prefix) back as the queue: a finished queue in its place is
     * archived first; then the archived queue replaces it, and only then is its archive entry removed (a crash
     * in between leaves both, and the active one wins). The restored queue resumes like any interrupted one.
     *
     * @throws RefusedException when no archived session has this id, or the queue here has work left
     * @throws IllegalStateException while the runner is processing the queue
     */
    public synchronized Restored restore(String idOrPrefix) throws RefusedException, IOException {
        SessionArchive archive = archive();
        Optional<SessionInfo> found;
        try {
            found = archive.find(idOrPrefix);
        } catch (SessionArchive.AmbiguousIdException e) {
            throw new RefusedException(e.getMessage());
        }
        if (found.isEmpty()) {
            String activeId = store().read(q -> q.head().queueSessionId);
            throw new RefusedException(activeId != null && !idOrPrefix.isBlank() && activeId.startsWith(idOrPrefix.trim())
                    ? "session " + activeId + " is the active queue already"
                    : "no archived session " + idOrPrefix + " (stl-listing sessions list shows them)");
        }
        SessionInfo info = found.get();
        HomeSettings home = HomeSettings.load(ctx.config());
        String[] refusal = {null};
        SessionInfo[] archivedFirst = {null};
        swap(current -> {
            if (Sessions.hasWorkLeft(current)) {
                long left = current.jobs.stream().filter(j -> !j.state.isFinal()).count();
                refusal[0] = "the active queue (session " + shortId(current.queueSessionId) + ") has work left ("
                        + left + " of " + current.jobs.size() + " jobs unfinished); finish it (stl-listing resume)"
                        + " or discard it (stl-listing sessions discard) first";
                return null;
            }
            QueueStateDto restored = archive.queue(info.id());
            if (!current.jobs.isEmpty()) {
                archivedFirst[0] = keepFinished(current, home);
            }
            return restored;
        });
        if (refusal[0] != null) {
            throw new RefusedException(refusal[0]);
        }
        try {
            archive.delete(info.id());
        } catch (IOException e) {
            // the session is the queue now; its archived entry is ignored while it is
            LoggerFactory.getLogger(SessionService.class).warn("restored session {} is still in the archive", info.id(),
                    e);
        }
        return new Restored(info, archivedFirst[0]);
    }

    /** The archived sessions of this home (on its history database). */
    public SessionArchive archive() throws IOException {
        QueueStateStore store = store();
        return new SessionArchive(ctx.home(), ctx.history(),
                () -> store.read(q -> new SessionArchive.ActiveQueue(q.head().queueSessionId,
                        q.jobs().stream().map(j -> j.id).collect(java.util.stream.Collectors.toSet()))));
    }

    /**
     * Archives a queue: one with work left as discarded, kept for the archive retention; a finished one as
     * finished, kept as long as the history keeps its rows.
     */
    private SessionInfo putAside(QueueStateDto q, HomeSettings home) throws IOException {
        if (Sessions.hasWorkLeft(q)) {
            return archive().archive(q, "discarded", Instant.now().plus(Duration.ofDays(home.archiveRetentionDays())));
        }
        return keepFinished(q, home);
    }

    /** Archives a queue that has nothing left to do, kept as long as the history keeps its rows. */
    private SessionInfo keepFinished(QueueStateDto q, HomeSettings home) throws IOException {
        Instant ended = q.jobs.stream().map(j -> j.completedAt).filter(t -> t != null).max(Instant::compareTo)
                .orElse(Instant.now());
        return archive().archive(q, "finished", ended.plus(Duration.ofDays(home.historyKeepDays())));
    }

    /**
     * A new session in place of {@code current} before the runner is made: a queue with jobs is archived
     * first, and when that fails nothing is replaced.
     */
    private void replace(QueueStateDto current, QueueStateDto fresh) throws IOException {
        if (ctx.hasRunner()) {
            throw new IllegalStateException("a new session must start before the queue's runner is made");
        }
        if (!current.jobs.isEmpty()) {
            // a queue with work left is replaced only by an import when it has no output folder: put aside too
            putAside(current, HomeSettings.load(ctx.config()));
        }
        store().replaceState(fresh);
    }

    /** Replaces the queue with what {@code swap} makes of it: through the runner once it exists. */
    private void swap(QueueRunner.QueueSwap swap) throws IOException {
        if (ctx.hasRunner()) {
            runner().replaceQueue(swap);
            return;
        }
        QueueStateDto next = swap.next(store().snapshot());
        if (next != null) {
            store().replaceState(next);
        }
    }

    private static String shortId(String id) {
        return id == null || id.length() <= 8 ? id : id.substring(0, 8);
    }

    private QueueStateStore store() {
        return ctx.queue();
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
