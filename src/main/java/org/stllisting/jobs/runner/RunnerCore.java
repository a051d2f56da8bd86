package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.jobs.steps.StepSet;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.output.FileNames;
import org.stllisting.output.OutputLayout;
import org.stllisting.output.OutputPlacement;
import org.stllisting.output.RunReports;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;
import org.stllisting.store.queue.SessionState;

/**
 * What the parts of the runner share: the stores, the steps, the event dispatcher, the one lock and what it
 * guards (the handles of running jobs and what the queue as a whole is doing). Package-private wiring; the
 * parts are {@link QueueRunner} (commands), {@link Scheduler}, {@link JobAttempt}, {@link DiskGate},
 * {@link QueueProgress}, {@link RetryPolicy}, {@link HistoryRecorder} and {@link RunRecovery}.
 */
final class RunnerCore {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerCore.class);

    final Home home;
    final QueueStateStore store;
    final HistoryStore history;
    final Templates templates;
    final StepSet steps;
    final QueueRunner.Config config;
    final EventDispatcher events = new EventDispatcher();
    final RunnerLock lock = new RunnerLock();
    final RunReports reports = new RunReports();
    final ExecutorService workers;
    final JobStates states;
    final QueueProgress progress;
    final SummaryWriter summary = new SummaryWriter(this);
    final Estimates estimates;

    // ---- guarded by lock
    final Map<String, Running> running = new LinkedHashMap<>();
    boolean active;
    PauseReason paused;
    String pauseMessage;
    StopMode stopping;
    /** Stop after this job, asked for while it waits: nothing new starts once it has started. */
    String stopAfterJob;
    /** Stop after this job took effect: no new job starts; the run ends when the running jobs have finished. */
    boolean draining;
    boolean closed;
    boolean recovered;
    /** Jobs before this queue position need nothing from the scheduler (a hint; 0 looks at every job). */
    int cursor;

    RunnerCore(Home home, QueueStateStore store, HistoryStore history, Templates templates, StepSet steps,
            QueueRunner.Config config, ExecutorService workers) {
        this.home = home;
        this.store = store;
        this.history = history;
        this.templates = templates;
        this.steps = steps;
        this.config = config;
        this.workers = workers;
        this.progress = new QueueProgress(this);
        this.estimates = new Estimates(history, this::templateOrNull, config.cores());
        this.states = new JobStates(store, events, () -> {
            progress.postQueue(true);
            lock.signal();
        });
    }

    void post(RunnerEvent e) {
        events.post(e);
    }

    /**
     * The queue settings as the store holds them now. The store replaces this object on every change and
     * never changes it, so it is read without a copy; callers must not change it either.
     */
    QueueSettingsDto settings() {
        return store.read(q -> q.head().queueSettings);
    }

    /**
     * The queue without its jobs, as of now: template, session, settings and global options (copies of the
     * option maps; the settings object is replaced, never changed, by the store).
     */
    QueueStateDto head() {
        return store.read(q -> {
            QueueStateDto h = new QueueStateDto();
            h.queueSessionId = q.head().queueSessionId;
            h.createdAt = q.head().createdAt;
            h.template = q.head().template;
            h.sessionState = q.head().sessionState;
            h.queueSettings = q.head().queueSettings;
            h.globalRenderOptions = new LinkedHashMap<>(q.head().globalRenderOptions);
            h.globalValidationOptions = new LinkedHashMap<>(q.head().globalValidationOptions);
            return h;
        });
    }

    /** The queue's output folder, or null when none is set. */
    Path outputBase() {
        String base = store.read(q -> q.head().queueSettings.outputBaseFolder);
        return base == null ? null : Path.of(base);
    }

    String sessionId() {
        return store.read(q -> q.head().queueSessionId);
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the runner is closed");
        }
    }

    /** With the lock held: records what the queue as a whole is doing, when it changed. */
    void setSessionLocked(SessionState s) throws IOException {
        if (store.read(q -> q.head().sessionState) != s) {
            store.setSessionState(s);
        }
    }

    /** With the lock held: {@link #setSessionLocked} for callers that can only log a failure. */
    void setSessionQuietlyLocked(SessionState s) {
        try {
            setSessionLocked(s);
        } catch (IOException e) {
            LOG.error("could not save the session state", e);
        }
    }

    /** With the lock held: the queue pauses for {@code why}; listeners are told. */
    void pauseLocked(PauseReason why, String message) {
        paused = why;
        pauseMessage = message;
        setSessionQuietlyLocked(SessionState.PAUSED);
        post(new RunnerEvent.QueuePaused(Instant.now(), why, message));
        lock.signal();
    }

    /** With the lock held: a pause ends; the queue runs again when it was started. */
    void unpauseLocked() {
        PauseReason was = paused;
        paused = null;
        pauseMessage = null;
        setSessionQuietlyLocked(active ? SessionState.RUNNING : SessionState.STOPPED);
        post(new RunnerEvent.QueueResumed(Instant.now(), was));
        lock.signal();
    }

    /** With the lock held: the scheduler looks at the whole queue again. */
    void rescanLocked() {
        cursor = 0;
        lock.signal();
    }

    void rescan() {
        lock.run(this::rescanLocked);
    }

    Template templateOf(JobDto job) throws TemplateException {
        String name = job.template != null ? job.template : store.read(q -> q.head().template);
        return templates.find(name != null ? name : "complete_processing");
    }

    Template templateOrNull(JobDto job) {
        try {
            return templateOf(job);
        } catch (TemplateException e) {
            return null;
        }
    }

    OutputLayout layoutFor(Template template) throws IOException {
        return OutputPlacement.layout(settings(), subfolder(template));
    }

    static String subfolder(Template t) {
        return t == null || t.outputOptions == null ? null : t.outputOptions.subfolder;
    }

    /** The output folder a job's files are listed relative to, or null when it cannot be known. */
    Path outputRoot(JobDto job) {
        try {
            return layoutFor(templateOf(job)).root();
        } catch (TemplateException | IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Chooses a new job's model name and output folder: unique among the queue's jobs sharing its output
     * folder ({@code takenByRoot}: lowercased names in use by folder, filled on first use), and not a folder
     * already holding a different source's results.
     */
    void assignOutput(JobDto j, Map<Path, Set<String>> takenByRoot) throws IOException {
        Template t;
        try {
            t = templateOf(j);
        } catch (TemplateException e) {
            throw new IOException(e.getMessage(), e);
        }
        OutputLayout layout = layoutFor(t);
        Set<String> taken = takenByRoot.computeIfAbsent(layout.root(), root -> store.read(q -> {
            Set<String> s = new HashSet<>();
            for (JobDto other : q.jobs()) {
                Object m = other.results.details.get(JobFields.MODEL_NAME);
                if (m != null) {
                    s.add(m.toString().toLowerCase(Locale.ROOT));
                }
            }
            return s;
        }));
        String name = OutputPlacement.chooseName(layout, j.stlPath, taken);
        j.results.details.put(JobFields.MODEL_NAME, name);
        j.outputFolder = OutputPlacement.folder(layout, name, j.createdAt).toString();
    }

    /** Appends a line about a job to the run's processing_log.txt; a new problem doing so is said once. */
    void processingLog(JobDto job, String what) {
        Path base = outputBase();
        if (base == null) {
            return;
        }
        String problem = reports.appendProcessingLog(base, modelName(job), what);
        if (problem != null) {
            post(new RunnerEvent.Warning(Instant.now(), null, null, problem));
        }
    }

    /** The job's source file name, which names the model in messages. */
    static String fileName(JobDto j) {
        Path name = Path.of(j.stlPath).getFileName();
        return name == null ? j.stlPath : name.toString();
    }

    static String modelName(JobDto j) {
        Object m = j.results.details.get(JobFields.MODEL_NAME);
        return m != null ? m.toString() : FileNames.modelName(Path.of(j.stlPath).getFileName().toString());
    }
}
