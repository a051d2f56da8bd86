package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.jobs.queue.SourceIdentity;
import org.stllisting.jobs.recovery.Recovery;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.JobStep;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepContext;
import org.stllisting.jobs.steps.StepFailedException;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.steps.StepSet;
import org.stllisting.jobs.template.JobSettings;
import org.stllisting.jobs.template.SettingsResolver;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.output.FileNames;
import org.stllisting.output.ModelNames;
import org.stllisting.output.ModelOutputs;
import org.stllisting.output.NamingOptions;
import org.stllisting.output.OutputFiles;
import org.stllisting.output.OutputLayout;
import org.stllisting.output.OutputMode;
import org.stllisting.output.OutputOrganizer;
import org.stllisting.output.QueueSummary;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.NamingOptionsDto;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;
import org.stllisting.store.queue.SessionState;

/**
 * The job runner (README, Processing a folder): takes the queue in {@link QueueStateStore}, runs up to
 * {@code max_concurrent_jobs} jobs at a time as fixed step sequences chosen by their template, and turns
 * them into output folders (README, The output folder) with a checkpoint after every step (docs/ARCHITECTURE.md, Durability).
 *
 * <h2>Durability</h2>
 * Every change to the set of jobs, their order, a job's state or its completed steps is written through the
 * store (which returns only when it is on disk) before the runner acts on it: before a job's first step
 * runs, before its next step starts, before it is reported finished. A step's files are staged under hidden
 * partial names and moved into place when it completes; then its checkpoint
 * ({@code processing_state.json}) is written atomically; then the queue state. A history row is written
 * once per final outcome (the history store ignores a second record with the same id).
 *
 * <h2>Threading</h2>
 * Commands may be called from any thread (never the UI thread: they wait for the disk). One scheduler
 * thread starts jobs; jobs run on worker threads; events go to listeners on one dispatcher thread, in order.
 * All shared state is guarded by one lock, which is never held while a step runs. A worker is interrupted
 * (cancel, stop now, timeout) only while it is inside a step, never while it writes the queue state.
 */
public final class QueueRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueRunner.class);
    private static final long SUMMARY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long QUEUE_PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /**
     * Runtime settings that are not part of the queue state.
     *
     * @param cores processor cores shared among the running jobs' renders
     * @param disk where free space is measured (tests substitute nothing: they raise the threshold)
     * @param diskPoll how often free space is re-measured while the queue waits for it
     * @param createdBy {@code cli} or {@code gui}, for the history
     */
    public record Config(int cores, DiskSpace disk, Duration diskPoll, String createdBy, String appVersion) {
        public static Config defaults(String createdBy, String appVersion) {
            return new Config(Runtime.getRuntime().availableProcessors(), DiskSpace.system(), Duration.ofSeconds(5),
                    createdBy, appVersion);
        }

        public Config withDiskPoll(Duration d) {
            return new Config(cores, disk, d, createdBy, appVersion);
        }
    }

    private final Home home;
    private final QueueStateStore store;
    private final HistoryStore history;
    private final Templates templates;
    private final StepSet steps;
    private final Config config;
    private final EventDispatcher events = new EventDispatcher();
    private final ExecutorService workers;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // ---- guarded by lock
    private final List<String> order = new ArrayList<>();
    private final Map<String, JobDto> jobs = new HashMap<>();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final EnumMap<JobState, Integer> counts = new EnumMap<>(JobState.class);
    private int cursor;
    private QueueStateDto header;
    private boolean active;
    private PauseReason paused;
    private String pauseMessage;
    private StopMode stopping;
    private String stopAfterJob;
    private boolean closed;
    private boolean recovered;
    private double avgJobSeconds = Double.NaN;
    private long lastSummaryNanos;
    private long lastQueueProgressNanos;
    private final Object topLogLock = new Object();
    /** Why processing_log.txt was last not written (said once, not for every line); guarded by topLogLock. */
    private String topLogProblem;
    private Thread scheduler;
    /** Finished jobs whose history row could not be written yet, by id: recorded when the history works. */
    private final Map<String, JobDto> historyBacklog = new LinkedHashMap<>();
    private boolean historyFlushing;
    /** The history still failed after every job had finished: the queue ends, the rows keep waiting. */
    private boolean historyGaveUp;
    private String historyProblem;
    private long nextHistoryTryNanos;

    public QueueRunner(Home home, QueueStateStore store, HistoryStore history, Templates templates, StepSet steps,
            Config config) {
        this.home = home;
        this.store = store;
        this.history = history;
        this.templates = templates;
        this.steps = steps;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runner-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        QueueStateDto s = store.snapshot();
        for (JobState st : JobState.values()) {
            counts.put(st, 0);
        }
        for (JobDto j : s.jobs) {
            order.add(j.id);
            jobs.put(j.id, j);
            counts.merge(j.state, 1, Integer::sum);
            trackHistoryLocked(j);
        }
        s.jobs = new ArrayList<>();
        this.header = s;
    }

    /**
     * Recovery steps 4–5 (docs/ARCHITECTURE.md, Recovery), run once before the first start (and by {@link #start()} itself if the
     * caller did not): removes partial files of interrupted steps, sets every unfinished job to resume from
     * the step after its checkpoint, and skips (with the reason, filed under {@code failed/}) jobs whose
     * source is gone or changed (never reprocessing a changed file silently). Returns what it found and did.
     *
     * @param stateMessage which queue file was loaded (from the store), for the report
     */
    public RecoveryReport recover(String stateMessage, List<String> stateProblems) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (active) {
                throw new IllegalStateException("recovery runs before the queue is started");
            }
            QueueStateDto q = header.copy();
            q.jobs = new ArrayList<>(order.size());
            for (String id : order) {
                q.jobs.add(jobs.get(id));
            }
            RecoveryReport pre = Recovery.assess(q, stateMessage, stateProblems, home, List.of());
            List<String> removed = new ArrayList<>();
            if (pre.interrupted() || !pre.toResume().isEmpty()) {
                Set<Path> roots = new LinkedHashSet<>();
                for (String id : order) {
                    JobDto j = jobs.get(id);
                    if (j.state.isFinal()) {
                        continue;
                    }
                    try {
                        roots.add(layoutFor(j, templateOf(j)).root());
                    } catch (TemplateException | IOException e) {
                        if (header.queueSettings.outputBaseFolder != null) {
                            roots.add(Path.of(header.queueSettings.outputBaseFolder));
                        }
                    }
                    for (Path p : OutputFiles.removePartials(home.jobCacheDir(id))) {
                        removed.add(p.toString());
                    }
                }
                if (header.queueSettings.outputBaseFolder != null) {
                    roots.add(Path.of(header.queueSettings.outputBaseFolder).toAbsolutePath().normalize());
                }
                for (Path root : roots) {
                    for (Path p : OutputFiles.removePartials(root)) {
                        removed.add(p.toString());
                    }
                }
            }
            for (RecoveryReport.JobItem item : pre.toResume()) {
                ProcessingState cp = Checkpoints.read(home.jobCacheDir(item.jobId()));
                List<StepKind> plan = new ArrayList<>();
                if (cp != null) {
                    for (String st : cp.plan) {
                        plan.add(StepKind.parse(st));
                    }
                }
                double pct = cp == null ? 0 : 100 * progressOf(plan, cp, null, 0);
                String last = cp == null ? null : cp.lastCompletedStep;
                Path root = outputRoot(jobs.get(item.jobId()));
                JobDto back = store.updateJob(item.jobId(), d -> {
                    if (root != null) {
                        // a crash between a step's checkpoint and the queue's save leaves the list short
                        FileLists.rebuild(d, cp, root);
                    }
                    d.state = JobState.PENDING;
                    d.currentStep = null;
                    d.lastCompletedStep = last;
                    d.progress = pct;
                    d.etaSeconds = null;
                    d.progressMessage = item.nextStep() == null ? "Interrupted; resumes"
                            : "Interrupted; resumes with " + item.nextStep();
                    return d;
                });
                applyLocked(back);
            }
            for (String id : order) {
                JobDto j = jobs.get(id);
                if (j.state == JobState.RUNNING && !running.containsKey(id)) {
                    applyLocked(store.updateJob(id, d -> {
                        d.state = JobState.PENDING;
                        d.currentStep = null;
                        return d;
                    }));
                }
            }
            for (RecoveryReport.JobItem item : pre.missing()) {
                JobDto j = jobs.get(item.jobId());
                j.results.details.put(JobFields.SOURCE_PROBLEM, "missing");
                finishIdle(item.jobId(), JobState.SKIPPED, item.problem());
            }
            for (RecoveryReport.JobItem item : pre.changed()) {
                JobDto j = jobs.get(item.jobId());
                j.results.details.put(JobFields.SOURCE_PROBLEM, "changed");
                finishIdle(item.jobId(), JobState.SKIPPED, item.problem());
            }
            recovered = true;
            cursor = 0;
            if (!historyBacklog.isEmpty()) {
                // finished jobs of an earlier run that could not be recorded then
                Exception failure = recordBacklog(new ArrayList<>(historyBacklog.values()));
                if (failure != null) {
                    LOG.warn("{} finished job(s) still wait for their history rows: {}", historyBacklog.size(),
                            JobErrors.message(failure));
                }
            }
            return new RecoveryReport(pre.sessionId(), pre.sessionCreated(), pre.lastUpdated(), pre.template(),
                    pre.sessionState(), pre.interrupted(), pre.stateMessage(), pre.stateProblems(), pre.total(),
                    pre.done(), pre.toResume(), pre.waiting(), pre.missing(), pre.changed(), removed);
        } finally {
            lock.unlock();
        }
    }

    // =========================================================================================== listeners

    public void addListener(RunnerListener l) {
        events.add(l);
    }

    public void removeListener(RunnerListener l) {
        events.remove(l);
    }

    /** Waits until every event posted so far has reached the listeners. */
    public boolean drainEvents(Duration timeout) throws InterruptedException {
        return events.drain(timeout.toMillis());
    }

    // =========================================================================================== queries

    public QueueView view() {
        lock.lock();
        try {
            List<JobView> list = new ArrayList<>(order.size());
            for (String id : order) {
                list.add(JobView.of(jobs.get(id)));
            }
            return new QueueView(header.queueSessionId, header.template, header.sessionState, active, paused,
                    pauseMessage, List.copyOf(list), counts.get(JobState.COMPLETED), counts.get(JobState.FAILED),
                    counts.get(JobState.CANCELLED), counts.get(JobState.SKIPPED), counts.get(JobState.PENDING),
                    counts.get(JobState.RUNNING), queuePercentLocked(), queueEtaLocked(),
                    copySettings(header.queueSettings));
        } finally {
            lock.unlock();
        }
    }

    public JobView job(String id) {
        lock.lock();
        try {
            JobDto j = jobs.get(id);
            return j == null ? null : JobView.of(j);
        } finally {
            lock.unlock();
        }
    }

    public QueueSettingsDto settings() {
        lock.lock();
        try {
            return copySettings(header.queueSettings);
        } finally {
            lock.unlock();
        }
    }

    public boolean isProcessing() {
        lock.lock();
        try {
            return active;
        } finally {
            lock.unlock();
        }
    }

    // =========================================================================================== queue edits

    /**
     * Queues STL files at the end of the queue with optional per-job overrides (null: none) and template
     * (null: the queue's). A file already in the queue is not queued again. Returns the jobs added.
     */
    public List<JobView> add(List<Path> sources, String template, Map<String, Object> renderOverrides,
            Map<String, Object> validationOverrides) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            Set<String> queuedPaths = queuedPathsLocked();
            List<JobDto> fresh = new ArrayList<>();
            Map<Path, Set<String>> taken = new HashMap<>();
            for (Path src : sources) {
                Path abs = src.toAbsolutePath().normalize();
                if (!queuedPaths.add(abs.toString())) {
                    continue;
                }
                JobDto j = JobDto.pending(newJobId(), abs.toString());
                j.template = template;
                if (renderOverrides != null) {
                    j.renderOptions.putAll(renderOverrides);
                }
                if (validationOverrides != null) {
                    j.validationOptions.putAll(validationOverrides);
                }
                try {
                    SourceIdentity.record(j, abs);
                } catch (IOException e) {
                    throw new IOException(abs + ": cannot read the file (" + e.getMessage() + ")", e);
                }
                assignOutput(j, taken);
                fresh.add(j);
            }
            return appendLocked(fresh, false);
        } finally {
            lock.unlock();
        }
    }

    private Set<String> queuedPathsLocked() {
        Set<String> paths = new HashSet<>();
        for (JobDto j : jobs.values()) {
            paths.add(j.stlPath);
        }
        return paths;
    }

    /**
     * Makes new jobs durable at the end of the queue, then takes them into the runner's state and tells the
     * listeners. {@code rescan}: let the scheduler look at the queue from its start again.
     */
    private List<JobView> appendLocked(List<JobDto> fresh, boolean rescan) throws IOException {
        if (fresh.isEmpty()) {
            return List.of();
        }
        store.addJobs(fresh);
        List<JobView> views = new ArrayList<>();
        for (JobDto j : fresh) {
            order.add(j.id);
            jobs.put(j.id, j);
            counts.merge(j.state, 1, Integer::sum);
            views.add(JobView.of(j));
        }
        if (rescan) {
            cursor = 0;
        }
        post(new RunnerEvent.JobsAdded(Instant.now(), List.copyOf(views)));
        postQueueProgressLocked(true);
        changed.signalAll();
        return views;
    }

    /**
     * Adds jobs exported from another queue: their ids, templates and per-job overrides are kept; a job whose
     * id or source file is already queued is left out (never duplicated). Unfinished jobs come in pending;
     * model names and output folders are chosen for this queue. Returns the jobs added.
     */
    public List<JobView> importJobs(List<JobDto> imported) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            Set<String> queuedPaths = queuedPathsLocked();
            Set<String> ids = new HashSet<>(jobs.keySet());
            Map<Path, Set<String>> taken = new HashMap<>();
            List<JobDto> fresh = new ArrayList<>();
            for (JobDto in : imported) {
                if (in.id == null || in.stlPath == null || !ids.add(in.id)) {
                    continue;
                }
                String path = Path.of(in.stlPath).toAbsolutePath().normalize().toString();
                if (!queuedPaths.add(path)) {
                    continue;
                }
                JobDto j = in.copy();
                j.stlPath = path;
                if (j.state == null || !j.state.isFinal()) {
                    j.state = JobState.PENDING;
                    j.progress = 0;
                    j.currentStep = null;
                    j.lastCompletedStep = null;
                    j.progressMessage = null;
                    j.etaSeconds = null;
                    j.nextRetryAt = null;
                }
                j.results.details.remove(JobFields.MODEL_NAME);
                assignOutput(j, taken);
                fresh.add(j);
            }
            return appendLocked(fresh, true);
        } finally {
            lock.unlock();
        }
    }

    /** Removes jobs that are not running (cancel a running job first). Returns how many were removed. */
    public int remove(Collection<String> ids) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            List<String> gone = new ArrayList<>();
            for (String id : new LinkedHashSet<>(ids)) {
                JobDto j = jobs.get(id);
                if (j == null) {
                    continue;
                }
                if (running.containsKey(id) || j.state == JobState.RUNNING) {
                    throw new IllegalStateException("job " + id + " (" + Path.of(j.stlPath).getFileName()
                            + ") is running; cancel it before removing it");
                }
                gone.add(id);
            }
            if (gone.isEmpty()) {
                return 0;
            }
            store.removeJobs(gone);
            for (String id : gone) {
                JobDto j = jobs.remove(id);
                counts.merge(j.state, -1, Integer::sum);
            }
            order.removeAll(new HashSet<>(gone));
            cursor = 0;
            post(new RunnerEvent.JobsRemoved(Instant.now(), List.copyOf(gone)));
            postQueueProgressLocked(true);
            changed.signalAll();
            return gone.size();
        } finally {
            lock.unlock();
        }
    }

    /** Removes every completed, cancelled and skipped job from the queue (failed ones stay for a retry). */
    public int clearFinished() throws IOException {
        List<String> ids = new ArrayList<>();
        lock.lock();
        try {
            for (String id : order) {
                JobState s = jobs.get(id).state;
                if (s == JobState.COMPLETED || s == JobState.CANCELLED || s == JobState.SKIPPED) {
                    ids.add(id);
                }
            }
        } finally {
            lock.unlock();
        }
        return remove(ids);
    }

    /** Moves jobs, in the given order, to position {@code toIndex} of the queue without them. */
    public void move(List<String> ids, int toIndex) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            store.moveJobs(ids, toIndex);
            List<String> moving = new ArrayList<>(new LinkedHashSet<>(ids));
            order.removeAll(new HashSet<>(moving));
            int at = Math.max(0, Math.min(toIndex, order.size()));
            order.addAll(at, moving);
            cursor = 0;
            post(new RunnerEvent.QueueReordered(Instant.now(), List.copyOf(order)));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Puts the whole queue in this order (every job exactly once). */
    public void reorder(List<String> newOrder) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            store.reorder(newOrder);
            order.clear();
            order.addAll(newOrder);
            cursor = 0;
            post(new RunnerEvent.QueueReordered(Instant.now(), List.copyOf(order)));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the queue settings (concurrency, retries, disk threshold, timeout, output). */
    public void updateSettings(QueueSettingsDto settings) throws IOException {
        if (settings.outputBaseFolder != null) {
            layout(settings, null); // the rule every run applies: refuses a prefix or mode a run would refuse
        }
        lock.lock();
        try {
            ensureOpen();
            store.updateSettings(settings);
            header.queueSettings = copySettings(settings);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // =========================================================================================== processing

    /**
     * What stands in the way of processing the queue (with {@code more} sources about to be added): an
     * output folder, home or history that cannot be written, a source that cannot be read. One line per
     * problem, naming the path and the reason; empty when the queue can run.
     */
    public List<String> preflight(Collection<Path> more) {
        Path output;
        List<Path> sources = new ArrayList<>(more);
        lock.lock();
        try {
            output = header.queueSettings.outputBaseFolder == null ? null
                    : Path.of(header.queueSettings.outputBaseFolder);
            for (String id : order) {
                JobDto j = jobs.get(id);
                if (!j.state.isFinal()) {
                    sources.add(Path.of(j.stlPath));
                }
            }
        } finally {
            lock.unlock();
        }
        return Preflight.check(home, output, history, sources);
    }

    /**
     * Starts (or continues) processing the queue. Returns at once; see {@link #awaitFinished}. Refuses with
     * {@link PreflightException} (starting nothing) when {@link #preflight} finds a problem.
     */
    public void start() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (!recovered && !active) {
                recover(null, List.of());
            }
            if (active && stopping == null) {
                return;
            }
        } finally {
            lock.unlock();
        }
        List<String> problems = preflight(List.of());
        if (!problems.isEmpty()) {
            LOG.warn("not started: {}", problems);
            throw new PreflightException(problems);
        }
        lock.lock();
        try {
            ensureOpen();
            if (active && stopping == null) {
                return;
            }
            active = true;
            stopping = null;
            historyGaveUp = false;
            if (paused == PauseReason.USER) {
                paused = null;
                pauseMessage = null;
            }
            setSessionLocked(paused == null ? SessionState.RUNNING : SessionState.PAUSED);
            cursor = 0;
            post(new RunnerEvent.QueueStarted(Instant.now(), header.queueSessionId, order.size()));
            if (scheduler == null) {
                scheduler = new Thread(this::schedulerLoop, "runner-scheduler");
                scheduler.setDaemon(true);
                scheduler.start();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Starts nothing new; running steps complete and their jobs wait before their next step. */
    public void pause() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (paused != null) {
                return;
            }
            paused = PauseReason.USER;
            pauseMessage = "Paused by the user";
            setSessionLocked(SessionState.PAUSED);
            post(new RunnerEvent.QueuePaused(Instant.now(), PauseReason.USER, pauseMessage));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Resumes after {@link #pause()} (a pause for disk space ends by itself when space returns). */
    public void resume() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (paused == null) {
                return;
            }
            PauseReason was = paused;
            paused = null;
            pauseMessage = null;
            setSessionLocked(active ? SessionState.RUNNING : SessionState.STOPPED);
            post(new RunnerEvent.QueueResumed(Instant.now(), was));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops processing; unfinished jobs stay queued and resume from their next step on the next start. */
    public void stop(StopMode mode) {
        lock.lock();
        try {
            if (!active) {
                return;
            }
            if (stopping == null || mode == StopMode.NOW) {
                stopping = mode;
            }
            if (mode == StopMode.NOW) {
                for (Running r : running.values()) {
                    r.abort(Abort.STOP);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lets the queue run until this job has finished, then stops as {@link StopMode#AFTER_CURRENT_STEPS}. */
    public void stopAfter(String jobId) {
        lock.lock();
        try {
            requireJob(jobId);
            stopAfterJob = jobId;
            if (jobs.get(jobId).state.isFinal()) {
                stop(StopMode.AFTER_CURRENT_STEPS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Cancels one job: a pending one at once, a running one as soon as its step notices. */
    public void cancel(String jobId) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            JobDto j = requireJob(jobId);
            Running r = running.get(jobId);
            if (r != null) {
                r.abort(Abort.CANCEL);
                return;
            }
            if (j.state == JobState.PENDING) {
                // under the lock, so that the scheduler cannot start it meanwhile
                finish(jobId, j, JobState.CANCELLED, "Cancelled by the user", null,
                        new JobLog(home.jobCacheDir(jobId)), null);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a failed, cancelled or skipped job again. It continues from its last completed step unless its
     * source changed since (then it starts over with the new file). Returns false when the job is not in a
     * state that can be retried.
     */
    public boolean retry(String jobId) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            JobDto j = requireJob(jobId);
            if (!(j.state == JobState.FAILED || j.state == JobState.CANCELLED || j.state == JobState.SKIPPED)
                    || running.containsKey(jobId)) {
                return false;
            }
            JobState from = j.state;
            boolean changedSource = SourceIdentity.check(j) != SourceIdentity.Check.UNCHANGED;
            Path source = Path.of(j.stlPath);
            if (changedSource && Files.exists(source)) {
                Files.deleteIfExists(Checkpoints.file(home.jobCacheDir(jobId)));
            }
            JobDto next = store.updateJob(jobId, d -> {
                d.state = JobState.PENDING;
                d.attempts = 0;
                d.errorMessage = null;
                d.nextRetryAt = null;
                d.completedAt = null;
                d.actualDuration = null;
                d.progressMessage = "Queued again";
                d.etaSeconds = null;
                Object gen = d.results.details.get(JobFields.GENERATION);
                d.results.details.put(JobFields.GENERATION, gen instanceof Number n ? n.intValue() + 1 : 1);
                d.results.details.remove(JobFields.SOURCE_PROBLEM);
                d.results.errors.clear();
                if (changedSource && Files.exists(source)) {
                    try {
                        SourceIdentity.record(d, source);
                    } catch (IOException e) {
                        // unreadable now: the load step will say so
                    }
                    d.sourceSha256 = null;
                    d.lastCompletedStep = null;
                    d.progress = 0;
                    d.results.filesGenerated.clear();
                    d.results.warnings.clear();
                }
                return d;
            });
            applyLocked(next);
            try {
                OutputLayout layout = layoutFor(next, templateOf(next));
                OutputOrganizer.clearFailure(layout, modelName(next), source);
            } catch (IOException | TemplateException e) {
                LOG.debug("could not clear failed/ entry of {}", jobId, e);
            }
            cursor = 0;
            post(new RunnerEvent.JobStateChanged(Instant.now(), JobView.of(next), from, JobState.PENDING, "retry"));
            postQueueProgressLocked(true);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Retries every failed job; returns how many. */
    public int retryAllFailed() throws IOException {
        List<String> failed = new ArrayList<>();
        lock.lock();
        try {
            for (String id : order) {
                if (jobs.get(id).state == JobState.FAILED) {
                    failed.add(id);
                }
            }
        } finally {
            lock.unlock();
        }
        int n = 0;
        for (String id : failed) {
            if (retry(id)) {
                n++;
            }
        }
        return n;
    }

    /** Waits until processing ends (the queue finished or stopped); false on timeout. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (active) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops now (unfinished jobs stay queued), waits for the workers, flushes the queue state and summary. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
        } finally {
            lock.unlock();
        }
        stop(StopMode.NOW);
        try {
            awaitFinished(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
            if (scheduler != null) {
                scheduler.join(5000);
            }
            events.drain(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        store.flush();
    }

    // =========================================================================================== scheduler

    private void schedulerLoop() {
        lock.lock();
        try {
            while (!closed) {
                long waitNanos = TimeUnit.SECONDS.toNanos(1);
                if (active) {
                    long now = System.nanoTime();
                    checkTimeoutsLocked(now);
                    if (paused == PauseReason.DISK_SPACE) {
                        recheckDiskLocked();
                    }
                    flushHistoryLocked();
                    if (paused == null && stopping == null) {
                        int max = Math.max(1, header.queueSettings.maxConcurrentJobs);
                        while (running.size() < max) {
                            JobDto next = nextEligibleLocked();
                            if (next == null) {
                                break;
                            }
                            launchLocked(next);
                        }
                    }
                    if (running.isEmpty()) {
                        if (stopping != null) {
                            endLocked(false);
                            continue;
                        }
                        // the queue is done when every job is finished and recorded in the history
                        if (counts.get(JobState.PENDING) == 0 && counts.get(JobState.RUNNING) == 0
                                && historyBacklog.isEmpty()) {
                            endLocked(true);
                            continue;
                        }
                        if (counts.get(JobState.PENDING) == 0 && counts.get(JobState.RUNNING) == 0
                                && historyGaveUp && !historyFlushing) {
                            // nothing left to process and the history still cannot be written: stop rather
                            // than wait without end; the rows wait in the queue state for the next start
                            post(new RunnerEvent.Warning(Instant.now(), null, null, historyBacklog.size()
                                    + " finished job(s) are not in the job history yet (" + historyProblem
                                    + "); they are recorded at the next start or resume"));
                            endLocked(false);
                            continue;
                        }
                    }
                    waitNanos = Math.min(waitNanos, nextWakeLocked(now));
                    if (paused == PauseReason.DISK_SPACE || !historyBacklog.isEmpty()) {
                        waitNanos = Math.min(waitNanos, config.diskPoll().toNanos());
                    }
                }
                try {
                    changed.awaitNanos(Math.max(1_000_000, waitNanos));
                } catch (InterruptedException e) {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private JobDto nextEligibleLocked() {
        Instant now = Instant.now();
        boolean prefix = true;
        for (int i = cursor; i < order.size(); i++) {
            JobDto j = jobs.get(order.get(i));
            if (j.state != JobState.PENDING || running.containsKey(j.id)) {
                if (prefix) {
                    cursor = i + 1;
                }
                continue;
            }
            if (j.nextRetryAt != null && j.nextRetryAt.isAfter(now)) {
                prefix = false;
                continue;
            }
            return j;
        }
        return null;
    }

    private long nextWakeLocked(long nowNanos) {
        long wake = Long.MAX_VALUE;
        Instant now = Instant.now();
        if (counts.get(JobState.PENDING) > 0) {
            for (int i = cursor; i < order.size(); i++) {
                JobDto j = jobs.get(order.get(i));
                if (j.state == JobState.PENDING && j.nextRetryAt != null && j.nextRetryAt.isAfter(now)) {
                    wake = Math.min(wake, Duration.between(now, j.nextRetryAt).toNanos());
                }
            }
        }
        for (Running r : running.values()) {
            if (r.deadlineNanos > 0) {
                wake = Math.min(wake, r.deadlineNanos - nowNanos);
            }
        }
        return wake;
    }

    private void checkTimeoutsLocked(long now) {
        for (Running r : running.values()) {
            if (r.deadlineNanos > 0 && now >= r.deadlineNanos) {
                r.abort(Abort.TIMEOUT);
            }
        }
    }

    private void endLocked(boolean finished) {
        active = false;
        StopMode mode = stopping;
        stopping = null;
        stopAfterJob = null;
        try {
            setSessionLocked(finished ? SessionState.FINISHED : SessionState.STOPPED);
        } catch (IOException e) {
            LOG.error("could not save the session state", e);
        }
        writeSummaryLocked(true);
        if (finished) {
            post(new RunnerEvent.QueueFinished(Instant.now(), counts.get(JobState.COMPLETED),
                    counts.get(JobState.FAILED), counts.get(JobState.CANCELLED), counts.get(JobState.SKIPPED)));
        } else {
            post(new RunnerEvent.QueueStopped(Instant.now(), mode,
                    counts.get(JobState.PENDING) + counts.get(JobState.RUNNING)));
        }
        changed.signalAll();
    }

    private void launchLocked(JobDto j) {
        Running r = new Running(j.id);
        long timeout = header.queueSettings.jobTimeoutSeconds;
        r.deadlineNanos = timeout > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout) : 0;
        running.put(j.id, r);
        // the mirror marks it taken at once; the worker makes the transition durable before any work
        JobDto taken = j.copy();
        taken.state = JobState.RUNNING;
        counts.merge(j.state, -1, Integer::sum);
        counts.merge(JobState.RUNNING, 1, Integer::sum);
        jobs.put(j.id, taken);
        workers.execute(() -> runJob(r, j));
    }

    // =========================================================================================== a job

    private enum Abort {
        CANCEL, STOP, TIMEOUT
    }

    /** A job on a worker. Its monitor guards the interrupt so that it only lands inside a step. */
    private static final class Running {
        final String id;
        final long startNanos = System.nanoTime();
        long deadlineNanos;
        Thread thread;
        boolean inStep;
        Abort abort;
        double progress;
        double progressAtStart;

        Running(String id) {
            this.id = id;
        }

        synchronized void abort(Abort why) {
            if (abort == null || why == Abort.CANCEL) {
                abort = why;
            }
            if (inStep && thread != null) {
                thread.interrupt();
            }
        }

        synchronized Abort aborted() {
            return abort;
        }

        synchronized void enterStep() {
            thread = Thread.currentThread();
            inStep = true;
            if (abort != null) {
                thread.interrupt();
            }
        }

        synchronized void leaveStep() {
            inStep = false;
            Thread.interrupted();
        }
    }

    private void runJob(Running r, JobDto queued) {
        String id = r.id;
        StepContext ctx = null;
        JobDto job;
        try {
            job = persist(id, d -> {
                d.state = JobState.RUNNING;
                d.attempts++;
                if (d.startedAt == null || d.attempts == 1) {
                    d.startedAt = Instant.now();
                }
                d.nextRetryAt = null;
                d.progressMessage = "Starting";
                return d;
            });
        } catch (IOException | RuntimeException e) {
            LOG.error("could not start job {}", id, e);
            lock.lock();
            try {
                // put the mirror back as the store has it
                JobDto stored = store.job(id);
                if (stored != null) {
                    applyLocked(stored);
                }
                running.remove(id);
                post(new RunnerEvent.Warning(Instant.now(), id, fileName(queued),
                        "could not start: " + JobErrors.message(e)));
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            return;
        }
        post(new RunnerEvent.JobStateChanged(Instant.now(), JobView.of(job), queued.state, JobState.RUNNING,
                job.attempts > 1 ? "attempt " + job.attempts : "started"));
        postQueueProgress(true);
        JobLog log = new JobLog(home.jobCacheDir(id));
        log.line("attempt " + job.attempts + " started");
        topLog(job, "started" + (job.attempts > 1 ? " (attempt " + job.attempts + ")" : ""));
        List<StepKind> plan = List.of();
        try {
            Template template = templateOf(job);
            plan = planOf(template);
            OutputLayout layout = layoutFor(job, template);
            ModelOutputs outputs = layout.model(modelName(job), job.createdAt);
            Path cacheDir = home.jobCacheDir(id);
            Files.createDirectories(cacheDir);
            ProcessingState state = Checkpoints.read(cacheDir);
            if (state == null) {
                state = new ProcessingState();
                state.jobId = id;
            }
            state.source = job.stlPath;
            state.modelName = outputs.name();
            state.plan = plan.stream().map(StepKind::id).toList();
            JobSettings settings;
            lock.lock();
            try {
                settings = SettingsResolver.resolve(template, header.globalRenderOptions,
                        header.globalValidationOptions, job.renderOptions, job.validationOptions);
            } finally {
                lock.unlock();
            }
            List<StepKind> finalPlan = plan;
            ctx = new StepContext(job, template, settings, Path.of(job.stlPath), outputs, cacheDir, state,
                    renderThreads(), (step, fraction, message) -> stepProgress(r, finalPlan, step, fraction, message),
                    log::line);
            r.progressAtStart = progressOf(plan, state, null, 0);
            for (int i = 0; i < plan.size(); i++) {
                StepKind step = plan.get(i);
                if (state.isDone(step)) {
                    continue;
                }
                Abort gate = awaitGate(r, job);
                if (gate != null) {
                    aborted(r, job, gate, ctx, log);
                    return;
                }
                ctx.begin(step);
                post(new RunnerEvent.StepStarted(Instant.now(), id, step, i, plan.size()));
                stepProgress(r, plan, step, 0, step.doing());
                long t0 = System.nanoTime();
                JobStep impl = steps.step(step);
                r.enterStep();
                try {
                    impl.run(ctx);
                } catch (Exception e) {
                    r.leaveStep();
                    discardStaged(ctx);
                    Abort why = r.aborted();
                    if (why != null) {
                        aborted(r, job, why, ctx, log);
                    } else {
                        failed(r, job, step, e, ctx, log);
                    }
                    return;
                } catch (OutOfMemoryError e) {
                    r.leaveStep();
                    discardStaged(ctx);
                    failed(r, job, step, new StepFailedException("not enough memory for this model ("
                            + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB heap); raise -Xmx in JAVA_OPTS",
                            true, e), ctx, log);
                    return;
                } finally {
                    r.leaveStep();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                job = completeStep(r, job, plan, i, ctx, seconds, log);
            }
            completed(r, job, ctx, log);
        } catch (Exception e) {
            // failures of the runner's own bookkeeping (disk full while checkpointing, a bad template …)
            LOG.error("job {} failed outside a step", id, e);
            if (ctx != null) {
                discardStaged(ctx);
            }
            try {
                JobDto current = job0(id);
                failed(r, current, null, e, ctx, log);
            } catch (RuntimeException e2) {
                LOG.error("job {}: could not record the failure", id, e2);
            }
        } finally {
            if (ctx != null) {
                try {
                    steps.release(ctx);
                } catch (RuntimeException e) {
                    LOG.warn("releasing job {} failed", id, e);
                }
            }
            lock.lock();
            try {
                running.remove(id);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Blocks while the queue is paused; returns why the job must stop, or null to go on. */
    private Abort awaitGate(Running r, JobDto job) throws InterruptedException, IOException {
        while (true) {
            lock.lock();
            try {
                while (true) {
                    Abort a = r.aborted();
                    if (a != null) {
                        return a;
                    }
                    if (stopping != null) {
                        return Abort.STOP;
                    }
                    if (paused == null) {
                        break;
                    }
                    changed.await();
                }
            } finally {
                lock.unlock();
            }
            if (diskOk(job)) {
                return null;
            }
        }
    }

    private boolean diskOk(JobDto job) throws IOException {
        long threshold;
        lock.lock();
        try {
            threshold = header.queueSettings.minFreeDiskMb * 1024L * 1024L;
        } finally {
            lock.unlock();
        }
        if (threshold <= 0) {
            return true;
        }
        Path out = job.outputFolder != null ? Path.of(job.outputFolder) : home.root();
        long free = config.disk().usableBytes(out);
        Path where = out;
        long homeFree = config.disk().usableBytes(home.root());
        if (homeFree < free) {
            free = homeFree;
            where = home.root();
        }
        if (free >= threshold) {
            return true;
        }
        lock.lock();
        try {
            if (paused == null) {
                paused = PauseReason.DISK_SPACE;
                pauseMessage = String.format(java.util.Locale.ROOT,
                        "Paused: only %d MB free on %s, below the %d MB threshold; resumes when space is freed",
                        free >> 20, where, threshold >> 20);
                setSessionLocked(SessionState.PAUSED);
                post(new RunnerEvent.DiskSpaceLow(Instant.now(), where, free, threshold));
                post(new RunnerEvent.QueuePaused(Instant.now(), PauseReason.DISK_SPACE, pauseMessage));
                LOG.warn(pauseMessage);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        return false;
    }

    private void recheckDiskLocked() {
        long threshold = header.queueSettings.minFreeDiskMb * 1024L * 1024L;
        try {
            Path out = header.queueSettings.outputBaseFolder != null ? Path.of(header.queueSettings.outputBaseFolder)
                    : home.root();
            long free = Math.min(config.disk().usableBytes(out), config.disk().usableBytes(home.root()));
            if (free >= threshold) {
                paused = null;
                pauseMessage = null;
                setSessionLocked(SessionState.RUNNING);
                post(new RunnerEvent.QueueResumed(Instant.now(), PauseReason.DISK_SPACE));
                changed.signalAll();
            }
        } catch (IOException e) {
            LOG.warn("could not measure free space", e);
        }
    }

    private JobDto completeStep(Running r, JobDto job, List<StepKind> plan, int index, StepContext ctx,
            double seconds, JobLog log) throws IOException {
        StepKind step = plan.get(index);
        OutputLayout layout = ctx.layout();
        List<String> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (Path[] pair : ctx.staged()) {
            if (Files.exists(pair[0], LinkOption.NOFOLLOW_LINKS)) {
                OutputFiles.commit(pair[0], pair[1]);
                folders.add(pair[1].getParent());
                files.add(layout.root().relativize(pair[1]).toString().replace('\\', '/'));
            }
        }
        // the renames must be on disk before the checkpoint says the step is done
        OutputFiles.syncFolders(folders);
        ProcessingState state = ctx.state();
        ProcessingState.StepRecord rec = new ProcessingState.StepRecord();
        ProcessingState.StepRecord old = state.record(step);
        rec.runCount = old == null ? 1 : old.runCount + 1;
        rec.completedAt = Instant.now();
        rec.seconds = seconds;
        rec.outputs = files;
        rec.warnings = new ArrayList<>(ctx.warnings());
        rec.results = new LinkedHashMap<>(ctx.results());
        state.completedSteps.put(step.id(), rec);
        state.lastCompletedStep = step.id();
        state.updatedAt = rec.completedAt;
        // the log line before the checkpoint: a step the checkpoint calls done has its line, even after a crash
        log.line(String.format(java.util.Locale.ROOT, "%s done in %.2f s%s", step.id(), seconds,
                files.isEmpty() ? "" : ": " + String.join(", ", files)));
        Checkpoints.write(ctx.cacheDir(), state);
        double pct = progressOf(plan, state, null, 0) * 100;
        String next = index + 1 < plan.size() ? plan.get(index + 1).id() : null;
        List<String> warnings = new ArrayList<>(ctx.warnings());
        Map<String, Object> results = ctx.results();
        JobDto updated = persist(job.id, d -> {
            d.lastCompletedStep = step.id();
            d.currentStep = next;
            d.progress = pct;
            d.progressMessage = step.doing() + " — done";
            FileLists.applyStep(d, layout.root(), step.id(), rec);
            return d;
        });
        r.progress = pct;
        for (String w : warnings) {
            post(new RunnerEvent.Warning(Instant.now(), job.id, fileName(job), w));
        }
        post(new RunnerEvent.StepCompleted(Instant.now(), job.id, step, seconds, List.copyOf(files)));
        post(new RunnerEvent.JobProgress(Instant.now(), job.id, pct, updated.progressMessage, updated.etaSeconds));
        postQueueProgress(false);
        return updated;
    }

    private void completed(Running r, JobDto job, StepContext ctx, JobLog log) throws IOException {
        log.line("completed");
        finish(job.id, job, JobState.COMPLETED, null, ctx, log, r);
    }

    private void failed(Running r, JobDto job, StepKind step, Exception e, StepContext ctx, JobLog log) {
        String message = JobErrors.describe(e, step, fileName(job));
        // a denied permission or a missing file does not heal by waiting: no automatic retry
        boolean permanent = JobErrors.permanent(e);
        if (!(e instanceof StepFailedException)) {
            LOG.warn("job {} ({}) failed in {}", job.id, job.stlPath, step, e);
        }
        log.line("failed" + (step != null ? " in " + step.id() : "") + ": " + message);
        QueueSettingsDto s = settings();
        if (!permanent && s.autoRetryFailed && job.attempts <= s.maxRetryAttempts) {
            double delay = s.retryBackoffSeconds * Math.pow(2, Math.max(0, job.attempts - 1));
            // the event carries the moment the delay was measured from, so listeners see the true backoff
            Instant failedAt = Instant.now();
            Instant at = failedAt.plusMillis((long) (delay * 1000));
            try {
                JobDto next = persist(job.id, d -> {
                    d.state = JobState.PENDING;
                    d.currentStep = null;
                    d.nextRetryAt = at;
                    d.errorMessage = message;
                    d.results.errors.add(message);
                    d.progressMessage = String.format(java.util.Locale.ROOT, "Retrying in %.0f s: %s", delay, message);
                    return d;
                });
                lock.lock();
                try {
                    cursor = 0;
                } finally {
                    lock.unlock();
                }
                topLog(next, "failed (" + message + "); retry " + next.attempts + " of " + s.maxRetryAttempts
                        + " in " + Math.round(delay) + " s");
                post(new RunnerEvent.RetryScheduled(failedAt, job.id, fileName(job), next.attempts + 1, at, message));
                post(new RunnerEvent.JobStateChanged(Instant.now(), JobView.of(next), JobState.RUNNING,
                        JobState.PENDING, "retry scheduled"));
                return;
            } catch (IOException | RuntimeException e2) {
                LOG.error("could not schedule a retry of {}", job.id, e2);
            }
        }
        try {
            finish(job.id, job, JobState.FAILED, message, ctx, log, r);
        } catch (IOException | RuntimeException e2) {
            LOG.error("could not record the failure of {}", job.id, e2);
        }
    }

    private void aborted(Running r, JobDto job, Abort why, StepContext ctx, JobLog log) throws IOException {
        switch (why) {
            case CANCEL -> {
                log.line("cancelled");
                finish(job.id, job, JobState.CANCELLED, "Cancelled by the user", ctx, log, r);
            }
            case TIMEOUT -> {
                long limit = settings().jobTimeoutSeconds;
                String msg = "timed out after " + limit + " s (the per-job limit; raise job_timeout_seconds for"
                        + " very large models)";
                log.line(msg);
                finish(job.id, job, JobState.FAILED, msg, ctx, log, r);
            }
            case STOP -> {
                String next = ctx == null ? null : nextStep(ctx);
                JobDto back = persist(job.id, d -> {
                    d.state = JobState.PENDING;
                    d.currentStep = null;
                    d.progressMessage = next == null ? "Stopped" : "Stopped; resumes with " + next;
                    d.etaSeconds = null;
                    return d;
                });
                lock.lock();
                try {
                    cursor = 0;
                } finally {
                    lock.unlock();
                }
                log.line("stopped" + (next != null ? "; resumes with " + next : ""));
                post(new RunnerEvent.JobStateChanged(Instant.now(), JobView.of(back), JobState.RUNNING,
                        JobState.PENDING, "stopped"));
            }
        }
    }

    private static String nextStep(StepContext ctx) {
        for (String s : ctx.state().plan) {
            if (!ctx.state().completedSteps.containsKey(s)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Takes a job to a final state: its logs and (on failure) its {@code failed/} entry, then its history row,
     * then the durable state, then the event.
     */
    private void finish(String id, JobDto job, JobState state, String error, StepContext ctx, JobLog log, Running r)
            throws IOException {
        JobDto current = job0(id);
        JobState from = current.state;
        Instant now = Instant.now();
        double duration = current.startedAt == null ? 0 : Duration.between(current.startedAt, now).toMillis() / 1000.0;
        // outputs first: if we crash here, the job is redone from its checkpoint and writes them again
        writeJobLogs(current, state, error, ctx, log);
        JobDto fin = current.copy();
        fin.state = state;
        fin.completedAt = now;
        fin.actualDuration = duration;
        fin.errorMessage = error;
        fin.currentStep = null;
        if (state == JobState.COMPLETED) {
            fin.progress = 100;
        }
        fin.progressMessage = switch (state) {
            case COMPLETED -> "Done";
            case FAILED -> "Failed: " + error;
            case CANCELLED -> "Cancelled";
            case SKIPPED -> "Skipped: " + error;
            default -> fin.progressMessage;
        };
        fin.etaSeconds = null;
        if (error != null && !fin.results.errors.contains(error)) {
            fin.results.errors.add(error);
        }
        // the run's log line before the final state is saved: a crash in between redoes the ending, and the
        // line is written again rather than lost
        topLog(fin, state.json() + (error != null ? ": " + error : ""));
        // the job's work is kept whether or not its row can be written now; a row that cannot waits (and the
        // queue pauses) until the history can be written again
        boolean recorded = recordOrHold(fin);
        JobDto stored = persist(id, d -> {
            if (recorded) {
                d.results.details.remove(JobFields.HISTORY_PENDING);
            } else {
                d.results.details.put(JobFields.HISTORY_PENDING, true);
            }
            d.state = fin.state;
            d.completedAt = fin.completedAt;
            d.actualDuration = fin.actualDuration;
            d.errorMessage = fin.errorMessage;
            d.currentStep = null;
            d.progress = fin.progress;
            d.progressMessage = fin.progressMessage;
            d.etaSeconds = null;
            d.nextRetryAt = null;
            d.results.errors = new ArrayList<>(fin.results.errors);
            return d;
        });
        if (state == JobState.COMPLETED) {
            lock.lock();
            try {
                avgJobSeconds = Double.isNaN(avgJobSeconds) ? duration : 0.8 * avgJobSeconds + 0.2 * duration;
            } finally {
                lock.unlock();
            }
        }
        post(new RunnerEvent.JobStateChanged(Instant.now(), JobView.of(stored), from, state, error));
        postQueueProgress(true);
        lock.lock();
        try {
            writeSummaryLocked(false);
            if (id.equals(stopAfterJob)) {
                stopAfterJob = null;
                if (active && stopping == null) {
                    stopping = StopMode.AFTER_CURRENT_STEPS;
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Finishes a job that is not on a worker (recovery: missing or changed sources). */
    void finishIdle(String jobId, JobState state, String error) throws IOException {
        lock.lock();
        try {
            JobDto j = requireJob(jobId);
            if (running.containsKey(jobId) || j.state.isFinal()) {
                return;
            }
            finish(jobId, j, state, error, null, new JobLog(home.jobCacheDir(jobId)), null);
        } finally {
            lock.unlock();
        }
    }

    private void writeJobLogs(JobDto job, JobState state, String error, StepContext ctx, JobLog log) {
        try {
            Template template = null;
            if (ctx != null) {
                template = ctx.template();
            } else {
                try {
                    template = templateOf(job);
                } catch (TemplateException e) {
                    template = null;
                }
            }
            OutputLayout layout = ctx != null ? ctx.layout() : layoutFor(job, template);
            String model = modelName(job);
            ModelOutputs outputs = layout.model(model, job.createdAt);
            Path source = Path.of(job.stlPath);
            boolean folderExists = layout.mode() != OutputMode.PER_MODEL || Files.isDirectory(outputs.folder());
            String logText = log.text();
            if (state == JobState.FAILED || state == JobState.SKIPPED) {
                OutputOrganizer.recordFailure(layout, model, source, error, logText.lines().toList());
            }
            if (state == JobState.COMPLETED || folderExists) {
                Files.createDirectories(outputs.processingLog().getParent());
                OutputFiles.writeString(outputs.processingLog(), logText);
                List<String> problems = new ArrayList<>();
                if (error != null) {
                    problems.add(state.json() + ": " + error);
                }
                problems.addAll(job.results.errors);
                if (ctx != null) {
                    for (ProcessingState.StepRecord rec : ctx.state().completedSteps.values()) {
                        problems.addAll(rec.warnings);
                    }
                }
                if (!problems.isEmpty()) {
                    OutputFiles.writeString(outputs.errorLog(), String.join(System.lineSeparator(),
                            new LinkedHashSet<>(problems)) + System.lineSeparator());
                } else {
                    Files.deleteIfExists(outputs.errorLog());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the logs of job {}", job.id, e);
            post(new RunnerEvent.Warning(Instant.now(), job.id, fileName(job),
                    "could not write the job's logs: " + JobErrors.message(e)));
        }
    }

    /** Records a finished job; when the history cannot be written, pauses the queue and returns false. */
    private boolean recordOrHold(JobDto fin) {
        JobDto earlier;
        lock.lock();
        try {
            earlier = historyBacklog.get(fin.id);
        } finally {
            lock.unlock();
        }
        try {
            if (earlier != null) {
                // an earlier outcome of this job (queued again since) still waits for its row
                recordHistory(earlier);
            }
            recordHistory(fin);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("job {} ({}): could not write its history row", fin.id, fileName(fin), e);
            historyUnavailable(e, 1);
            return false;
        }
    }

    /** Pauses the queue (unless the user paused it) with the reason the history cannot be written. */
    private void historyUnavailable(Exception e, int more) {
        lock.lock();
        try {
            int waiting = historyBacklog.size() + more;
            // SQLite's own words ("attempt to write a readonly database"); the path is said once, below
            String reason = e.getCause() instanceof java.sql.SQLException sql && sql.getMessage() != null
                    ? sql.getMessage() : JobErrors.message(e);
            historyProblem = reason;
            String message = "Paused: the job history " + (history == null ? "" : history.file() + " ")
                    + "cannot be written (" + reason + "); " + waiting + " finished job(s) wait to be recorded;"
                    + " the queue resumes when it can be written again";
            if (paused == null || paused == PauseReason.DISK_SPACE
                    || paused == PauseReason.HISTORY && !message.equals(pauseMessage)) {
                boolean was = paused == PauseReason.HISTORY;
                paused = PauseReason.HISTORY;
                pauseMessage = message;
                try {
                    setSessionLocked(SessionState.PAUSED);
                } catch (IOException e2) {
                    LOG.error("could not save the session state", e2);
                }
                if (!was) {
                    post(new RunnerEvent.QueuePaused(Instant.now(), PauseReason.HISTORY, message));
                    LOG.warn(message);
                }
            }
            nextHistoryTryNanos = System.nanoTime() + config.diskPoll().toNanos();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Scheduler: when finished jobs wait for their history rows, tries (on a worker, never holding the lock
     * while SQLite waits) to write them; when all are written, clears their marks and ends a pause for the
     * history.
     */
    private void flushHistoryLocked() {
        if (historyBacklog.isEmpty() || historyFlushing || System.nanoTime() < nextHistoryTryNanos) {
            return;
        }
        historyFlushing = true;
        List<JobDto> todo = new ArrayList<>(historyBacklog.values());
        boolean idle = running.isEmpty() && counts.get(JobState.PENDING) == 0 && counts.get(JobState.RUNNING) == 0;
        workers.execute(() -> {
            Exception failure = null;
            try {
                failure = recordBacklog(todo);
            } finally {
                lock.lock();
                try {
                    historyFlushing = false;
                    historyGaveUp = failure != null && idle;
                    nextHistoryTryNanos = System.nanoTime() + config.diskPoll().toNanos();
                    if (failure == null && historyBacklog.isEmpty() && paused == PauseReason.HISTORY) {
                        paused = null;
                        pauseMessage = null;
                        try {
                            setSessionLocked(active ? SessionState.RUNNING : SessionState.STOPPED);
                        } catch (IOException e) {
                            LOG.error("could not save the session state", e);
                        }
                        LOG.info("the job history can be written again; the queue resumes");
                        post(new RunnerEvent.QueueResumed(Instant.now(), PauseReason.HISTORY));
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
            if (failure != null) {
                historyUnavailable(failure, 0);
            }
        });
    }

    /**
     * Writes the rows of finished jobs that wait for them, then clears each job's mark (a crash in between
     * records it again, which the history ignores). Returns the first failure, or null.
     */
    private Exception recordBacklog(List<JobDto> todo) {
        for (JobDto j : todo) {
            try {
                recordHistory(j);
                lock.lock();
                try {
                    if (jobs.containsKey(j.id)) {
                        applyLocked(store.updateJob(j.id, d -> {
                            d.results.details.remove(JobFields.HISTORY_PENDING);
                            return d;
                        }));
                    } else {
                        historyBacklog.remove(j.id);
                    }
                } finally {
                    lock.unlock();
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("the history still cannot be written", e);
                return e;
            }
        }
        return null;
    }

    /** Finished jobs whose history rows could not be written yet. */
    public int historyBacklog() {
        lock.lock();
        try {
            return historyBacklog.size();
        } finally {
            lock.unlock();
        }
    }

    private void recordHistory(JobDto fin) throws IOException {
        if (history == null) {
            return;
        }
        JobDto h = fin.copy();
        h.results.details.remove(JobFields.HISTORY_PENDING);
        Object gen = fin.results.details.get(JobFields.GENERATION);
        if (gen instanceof Number n && n.intValue() > 0) {
            h.id = fin.id + "-r" + n.intValue();
        }
        QueueStateDto head;
        lock.lock();
        try {
            head = header;
        } finally {
            lock.unlock();
        }
        history.record(HistoryRecord.fromJob(h, head, config.appVersion(), config.createdBy()));
    }

    private void discardStaged(StepContext ctx) {
        for (Path[] pair : ctx.staged()) {
            try {
                Files.deleteIfExists(pair[0]);
            } catch (IOException e) {
                LOG.warn("could not remove partial file {}", pair[0], e);
            }
        }
    }

    // =========================================================================================== progress

    private void stepProgress(Running r, List<StepKind> plan, StepKind step, double fraction, String message) {
        double pct;
        lock.lock();
        try {
            JobDto j = jobs.get(r.id);
            if (j == null) {
                return;
            }
            pct = 100 * progressWithin(plan, j.lastCompletedStep, step, fraction);
        } finally {
            lock.unlock();
        }
        double elapsed = (System.nanoTime() - r.startNanos) / 1e9;
        double gained = pct / 100 - r.progressAtStart;
        Double eta = gained > 0.02 && elapsed > 0.5 ? elapsed * (1 - pct / 100) / gained : null;
        r.progress = pct;
        try {
            store.progress(r.id, pct, message, eta);
        } catch (IOException e) {
            LOG.warn("could not save progress of {}", r.id, e);
        }
        lock.lock();
        try {
            JobDto j = jobs.get(r.id);
            if (j != null) {
                j.progress = pct;
                j.progressMessage = message;
                j.etaSeconds = eta;
                j.currentStep = step.id();
            }
        } finally {
            lock.unlock();
        }
        post(new RunnerEvent.JobProgress(Instant.now(), r.id, pct, message, eta));
        postQueueProgress(false);
    }

    /** Fraction 0–1 of a plan done when the steps up to {@code lastDone} are complete and {@code step} is at {@code f}. */
    private static double progressWithin(List<StepKind> plan, String lastDone, StepKind step, double f) {
        int total = 0;
        for (StepKind k : plan) {
            total += k.weight();
        }
        double done = 0;
        for (StepKind k : plan) {
            if (k == step) {
                done += k.weight() * f;
                break;
            }
            done += k.weight();
        }
        return total == 0 ? 0 : Math.min(1, done / total);
    }

    private static double progressOf(List<StepKind> plan, ProcessingState state, StepKind current, double f) {
        int total = 0;
        double done = 0;
        for (StepKind k : plan) {
            total += k.weight();
            if (state.isDone(k)) {
                done += k.weight();
            } else if (k == current) {
                done += k.weight() * f;
            }
        }
        return total == 0 ? 0 : done / total;
    }

    private void postQueueProgress(boolean force) {
        lock.lock();
        try {
            postQueueProgressLocked(force);
        } finally {
            lock.unlock();
        }
    }

    private void postQueueProgressLocked(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastQueueProgressNanos < QUEUE_PROGRESS_INTERVAL_NANOS) {
            return;
        }
        lastQueueProgressNanos = now;
        int finished = counts.get(JobState.COMPLETED) + counts.get(JobState.FAILED) + counts.get(JobState.CANCELLED)
                + counts.get(JobState.SKIPPED);
        post(new RunnerEvent.QueueProgress(Instant.now(), queuePercentLocked(), finished, order.size(),
                counts.get(JobState.RUNNING), queueEtaLocked()));
    }

    private double queuePercentLocked() {
        int total = order.size();
        if (total == 0) {
            return 100;
        }
        double done = counts.get(JobState.COMPLETED) + counts.get(JobState.FAILED) + counts.get(JobState.CANCELLED)
                + counts.get(JobState.SKIPPED);
        for (Running r : running.values()) {
            done += r.progress / 100.0;
        }
        return Math.min(100, 100 * done / total);
    }

    private Double queueEtaLocked() {
        if (Double.isNaN(avgJobSeconds)) {
            return null;
        }
        double left = counts.get(JobState.PENDING) * avgJobSeconds;
        for (Running r : running.values()) {
            left += avgJobSeconds * Math.max(0, 1 - r.progress / 100.0);
        }
        int lanes = Math.max(1, Math.min(header.queueSettings.maxConcurrentJobs,
                counts.get(JobState.PENDING) + running.size()));
        return left / lanes;
    }

    // =========================================================================================== helpers

    private int renderThreads() {
        lock.lock();
        try {
            return Math.max(1, config.cores() / Math.max(1, running.size()));
        } finally {
            lock.unlock();
        }
    }

    private JobDto persist(String id, UnaryOperator<JobDto> change) throws IOException {
        JobDto updated = store.updateJob(id, change);
        lock.lock();
        try {
            applyLocked(updated);
        } finally {
            lock.unlock();
        }
        return updated;
    }

    private void applyLocked(JobDto updated) {
        JobDto old = jobs.put(updated.id, updated);
        if (old != null) {
            counts.merge(old.state, -1, Integer::sum);
        }
        counts.merge(updated.state, 1, Integer::sum);
        trackHistoryLocked(updated);
    }

    private void trackHistoryLocked(JobDto j) {
        if (awaitsHistory(j)) {
            // the row is the job as it finished, even if it is queued again meanwhile
            historyBacklog.putIfAbsent(j.id, j);
        } else {
            historyBacklog.remove(j.id);
        }
    }

    /** True for a finished job whose history row is not written yet (the history could not be written). */
    public static boolean awaitsHistory(JobDto j) {
        return j.results != null && Boolean.TRUE.equals(j.results.details.get(JobFields.HISTORY_PENDING));
    }

    private JobDto job0(String id) {
        lock.lock();
        try {
            JobDto j = jobs.get(id);
            if (j == null) {
                throw new IllegalArgumentException("no job " + id + " in the queue");
            }
            return j;
        } finally {
            lock.unlock();
        }
    }

    private JobDto requireJob(String id) {
        JobDto j = jobs.get(id);
        if (j == null) {
            throw new IllegalArgumentException("no job " + id + " in the queue");
        }
        return j;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the runner is closed");
        }
    }

    private void setSessionLocked(SessionState s) throws IOException {
        if (header.sessionState != s) {
            store.setSessionState(s);
            header.sessionState = s;
        }
    }

    private void post(RunnerEvent e) {
        events.post(e);
    }

    Template templateOf(JobDto job) throws TemplateException {
        String name = job.template;
        if (name == null) {
            lock.lock();
            try {
                name = header.template;
            } finally {
                lock.unlock();
            }
        }
        if (name == null) {
            name = "complete_processing";
        }
        return templates.find(name);
    }

    /** The steps a template runs, in processing order; load and finalize always. */
    public static List<StepKind> planOf(Template t) {
        Set<StepKind> wanted = new HashSet<>();
        for (String s : t.steps) {
            wanted.add(StepKind.parse(s));
        }
        List<StepKind> plan = new ArrayList<>();
        for (StepKind k : StepKind.values()) {
            if (k == StepKind.LOAD || k == StepKind.FINALIZE || wanted.contains(k)) {
                plan.add(k);
            }
        }
        return plan;
    }

    /** The output folder a job's files are listed relative to, or null when it cannot be known. */
    private Path outputRoot(JobDto job) {
        try {
            return layoutFor(job, templateOf(job)).root();
        } catch (TemplateException | IOException | RuntimeException e) {
            return null;
        }
    }

    private OutputLayout layoutFor(JobDto job, Template template) throws IOException {
        QueueSettingsDto s = settings();
        return layout(s, template);
    }

    /** The output layout of a queue's settings and a template (its optional subfolder). */
    public static OutputLayout layout(QueueSettingsDto s, Template template) throws IOException {
        if (s.outputBaseFolder == null) {
            throw new IOException("no output folder is set for this queue");
        }
        OutputLayout top = new OutputLayout(Path.of(s.outputBaseFolder), OutputMode.parse(s.outputMode),
                naming(s.naming));
        return template == null || template.outputOptions == null ? top : top.under(template.outputOptions.subfolder);
    }

    static NamingOptions naming(NamingOptionsDto n) {
        if (n == null) {
            return NamingOptions.defaults();
        }
        return new NamingOptions(n.timestampSuffix, n.qualitySuffix, n.materialSuffix, n.sizeSuffix, n.customPrefix);
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

    /**
     * Chooses the job's model name and output folder: unique among the queue's jobs sharing its output
     * folder, and not a folder already holding a different source's results.
     */
    private void assignOutput(JobDto j, Map<Path, Set<String>> takenByRoot) throws IOException {
        Template t;
        try {
            t = templateOf(j);
        } catch (TemplateException e) {
            throw new IOException(e.getMessage(), e);
        }
        OutputLayout layout = layout(header.queueSettings, t);
        // lowercased names in use: the output folder may be on a case-insensitive file system
        Set<String> taken = takenByRoot.computeIfAbsent(layout.root(), root -> {
            Set<String> s = new HashSet<>();
            for (JobDto other : jobs.values()) {
                Object m = other.results.details.get(JobFields.MODEL_NAME);
                if (m != null) {
                    s.add(m.toString().toLowerCase(java.util.Locale.ROOT));
                }
            }
            return s;
        });
        String fileName = Path.of(j.stlPath).getFileName().toString();
        String name;
        while (true) {
            name = ModelNames.unique(fileName, taken::contains);
            taken.add(name.toLowerCase(java.util.Locale.ROOT));
            if (!belongsToAnother(layout, name, j.stlPath)) {
                break;
            }
        }
        j.results.details.put(JobFields.MODEL_NAME, name);
        ModelOutputs m = layout.model(name, j.createdAt);
        j.outputFolder = m.folder().toString();
    }

    /** True when the output folder already holds results of this model name for a different source file. */
    private static boolean belongsToAnother(OutputLayout layout, String name, String source) {
        try {
            Path info = layout.model(name, null).fileInfo();
            if (!Files.isRegularFile(info)) {
                return false;
            }
            com.fasterxml.jackson.databind.JsonNode n = org.stllisting.store.Json.readTree(info,
                    org.stllisting.store.JsonLimits.FILE_INFO);
            String original = n.path("original_path").asText(null);
            return original != null && !original.equals(source);
        } catch (IOException e) {
            return false;
        }
    }

    private static QueueSettingsDto copySettings(QueueSettingsDto s) {
        return org.stllisting.store.Json.mapper().convertValue(s, QueueSettingsDto.class);
    }

    private static String newJobId() {
        return "job_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    // =========================================================================================== summary & logs

    private void writeSummaryLocked(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastSummaryNanos < SUMMARY_INTERVAL_NANOS) {
            return;
        }
        lastSummaryNanos = now;
        String base = header.queueSettings.outputBaseFolder;
        if (base == null) {
            return;
        }
        try {
            List<QueueSummary.JobLine> lines = new ArrayList<>(order.size());
            Path root = Path.of(base).toAbsolutePath().normalize();
            for (String id : order) {
                JobDto j = jobs.get(id);
                List<String> files = new ArrayList<>(j.results.filesGenerated.size());
                for (String f : j.results.filesGenerated) {
                    Path p = Path.of(f);
                    files.add(p.startsWith(root) ? root.relativize(p).toString().replace('\\', '/') : f);
                }
                lines.add(new QueueSummary.JobLine(j.id, modelName(j), j.stlPath, j.state.json(), j.outputFolder,
                        j.actualDuration, j.attempts, files, j.results.warnings, j.errorMessage));
            }
            QueueSummary.Totals totals = new QueueSummary.Totals(order.size(), counts.get(JobState.COMPLETED),
                    counts.get(JobState.FAILED), counts.get(JobState.CANCELLED), counts.get(JobState.SKIPPED),
                    counts.get(JobState.PENDING), counts.get(JobState.RUNNING));
            QueueSummary summary = new QueueSummary(header.queueSessionId, header.template, root.toString(),
                    header.queueSettings.outputMode, header.createdAt, Instant.now(),
                    counts.get(JobState.PENDING) + counts.get(JobState.RUNNING) == 0, totals, lines);
            OutputLayout layout = new OutputLayout(root, OutputMode.parse(header.queueSettings.outputMode),
                    naming(header.queueSettings.naming));
            Files.createDirectories(root);
            OutputFiles.writeJson(layout.queueSummary(), summary);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write queue_summary.json", e);
        }
    }

    private void topLog(JobDto job, String what) {
        String base;
        lock.lock();
        try {
            base = header.queueSettings.outputBaseFolder;
        } finally {
            lock.unlock();
        }
        if (base == null) {
            return;
        }
        String line = Instant.now() + "  " + modelName(job) + "  " + what;
        synchronized (topLogLock) {
            try {
                Path root = Path.of(base);
                Files.createDirectories(root);
                OutputFiles.appendLine(new OutputLayout(root, OutputMode.FLAT, null).processingLog(), line);
            } catch (IOException e) {
                LOG.warn("could not append to processing_log.txt", e);
                String why = "processing_log.txt is not written: " + e.getMessage();
                if (!why.equals(topLogProblem)) {
                    topLogProblem = why;
                    post(new RunnerEvent.Warning(Instant.now(), null, null, why));
                }
            }
        }
    }

    /** A job's own log, kept in its cache folder while it runs and copied to its output when it ends. */
    static final class JobLog {
        private final Path file;

        JobLog(Path cacheDir) {
            this.file = cacheDir.resolve("processing.log");
        }

        void line(String text) {
            try {
                OutputFiles.appendLine(file, Instant.now() + "  " + text);
            } catch (IOException e) {
                LOG.warn("could not write {}", file, e);
            }
        }

        String text() {
            try {
                return Files.exists(file) ? Files.readString(file) : "";
            } catch (IOException e) {
                return "";
            }
        }
    }
}
