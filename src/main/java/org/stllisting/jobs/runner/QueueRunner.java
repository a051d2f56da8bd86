package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.jobs.queue.SourceIdentity;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.steps.StepSet;
import org.stllisting.jobs.template.OptionKey;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.output.OutputLayout;
import org.stllisting.output.OutputOrganizer;
import org.stllisting.output.OutputPlacement;
import org.stllisting.output.RunReports;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;
import org.stllisting.store.queue.SessionState;
import org.stllisting.store.queue.UnexpectedStateException;

/**
 * The job runner (README, Processing a folder; docs/ARCHITECTURE.md, The runner): the commands on the queue
 * in {@link QueueStateStore}, which owns every job's state. Up to {@code max_concurrent_jobs} jobs run at a
 * time as fixed step sequences chosen by their template, each into its output folder with a checkpoint after
 * every step.
 *
 * <p>Every change to the set of jobs, their order or a job is written through the store (durable on return)
 * before anyone is told: a job's state changes only as a named {@link Transition}, a compare-and-set that
 * refuses a job that is no longer where the change expects it.
 *
 * <p>Commands may be called from any thread (never the UI thread: they wait for the disk). One scheduler
 * thread starts jobs ({@link Scheduler}); jobs run on worker threads ({@link JobAttempt}); events go to
 * listeners on one dispatcher thread, in order. The runner's own state (running jobs, paused, stopping) is
 * guarded by one lock ({@link RunnerLock}), never held while a step runs.
 */
public final class QueueRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueRunner.class);

    /**
     * Runtime settings that are not part of the queue state.
     *
     * @param cores processor cores shared among the running jobs' renders
     * @param disk where free space is measured (tests substitute nothing: they raise the threshold)
     * @param diskPoll how often free space is re-measured while the queue waits for it
     * @param createdBy {@code cli} or {@code gui}, for the history
     * @param keepJobCaches     true to keep the caches of completed and skipped jobs when a run finishes (to look
     *                          at their checkpoints afterwards); false removes them
     * @param housekeeper       keeps the cache under its cap between jobs
     * @param housekeepingEvery the least time between two calls of the housekeeper
     * @param lowPriority       true to run the jobs at a low scheduling priority ({@link LowPriority}), so that
     *                          a window on the same processor stays responsive
     */
    public record Config(int cores, DiskSpace disk, Duration diskPoll, String createdBy, String appVersion,
            boolean keepJobCaches, Housekeeper housekeeper, Duration housekeepingEvery, boolean lowPriority) {
        public static Config defaults(String createdBy, String appVersion) {
            return new Config(Runtime.getRuntime().availableProcessors(), DiskSpace.system(), Duration.ofSeconds(5),
                    createdBy, appVersion, false, Housekeeper.NONE, Duration.ofSeconds(30), false);
        }

        public Config withLowPriority(boolean low) {
            return new Config(cores, disk, diskPoll, createdBy, appVersion, keepJobCaches, housekeeper,
                    housekeepingEvery, low);
        }

        public Config withDiskPoll(Duration d) {
            return new Config(cores, disk, d, createdBy, appVersion, keepJobCaches, housekeeper, housekeepingEvery,
                    lowPriority);
        }

        public Config withKeepJobCaches(boolean keep) {
            return new Config(cores, disk, diskPoll, createdBy, appVersion, keep, housekeeper, housekeepingEvery,
                    lowPriority);
        }

        public Config withHousekeeper(Housekeeper h, Duration every) {
            return new Config(cores, disk, diskPoll, createdBy, appVersion, keepJobCaches, h, every, lowPriority);
        }
    }

    private final RunnerCore core;
    private final RunnerLock lock;
    private final HistoryRecorder history;
    private final Scheduler scheduler;
    private final RunRecovery recovery;
    private Thread schedulerThread;

    public QueueRunner(Home home, QueueStateStore store, HistoryStore history, Templates templates, StepSet steps,
            Config config) {
        AtomicInteger n = new AtomicInteger();
        this.core = new RunnerCore(home, store, history, templates, steps, config, Executors.newCachedThreadPool(workers(config, r -> {
            Thread t = new Thread(r, "runner-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        })));
        this.lock = core.lock;
        this.history = new HistoryRecorder(core);
        DiskGate disk = new DiskGate(core);
        this.scheduler = new Scheduler(core, disk, this.history);
        this.recovery = new RunRecovery(core, this.history);
    }

    private static ThreadFactory workers(Config config, ThreadFactory threads) {
        return config.lowPriority() ? LowPriority.factory(threads) : threads;
    }

    /**
     * Recovery (docs/ARCHITECTURE.md, Recovery), once before the first start ({@link #start()} runs it itself
     * if the caller did not): removes partial files of interrupted steps, sets every unfinished job to resume
     * after its checkpoint, and skips jobs whose source is gone or changed. Returns what it found and did.
     *
     * @param stateMessage which queue file was loaded (from the store), for the report
     */
    public RecoveryReport recover(String stateMessage, List<String> stateProblems) throws IOException {
        return recover(stateMessage, stateProblems, f -> { });
    }

    /** As {@link #recover(String, List)}, telling {@code progress} the share (0–1) of the jobs assessed. */
    public RecoveryReport recover(String stateMessage, List<String> stateProblems,
            java.util.function.DoubleConsumer progress) throws IOException {
        return lock.call(() -> {
            core.ensureOpen();
            if (core.active) {
                throw new IllegalStateException("recovery runs before the queue is started");
            }
            return recovery.runLocked(stateMessage, stateProblems, progress);
        });
    }

    // =========================================================================================== listeners

    public void addListener(RunnerListener l) {
        core.events.add(l);
    }

    public void removeListener(RunnerListener l) {
        core.events.remove(l);
    }

    /** Waits until every event posted so far has reached the listeners. */
    public boolean drainEvents(Duration timeout) throws InterruptedException {
        return core.events.drain(timeout.toMillis());
    }

    // =========================================================================================== queries

    public QueueView view() {
        return lock.get(() -> core.store.read(q -> {
            List<JobView> list = new ArrayList<>(q.size());
            for (JobDto j : q.jobs()) {
                list.add(JobView.of(j));
            }
            return new QueueView(q.head().queueSessionId, q.head().template, q.head().sessionState, core.active,
                    core.paused, core.pauseMessage, List.copyOf(list), q.count(JobState.COMPLETED),
                    q.count(JobState.FAILED), q.count(JobState.CANCELLED), q.count(JobState.SKIPPED),
                    q.count(JobState.PENDING), q.count(JobState.RUNNING), core.progress.percentLocked(q),
                    core.progress.etaLocked(q), QueueSettings.of(q.head().queueSettings));
        }));
    }

    public JobView job(String id) {
        return core.store.read(q -> {
            JobDto j = q.job(id);
            return j == null ? null : JobView.of(j);
        });
    }

    public QueueSettings settings() {
        return QueueSettings.of(core.settings());
    }

    public boolean isProcessing() {
        return lock.get(() -> core.active);
    }

    // =========================================================================================== queue edits

    /**
     * Queues STL files at the end of the queue with optional per-job overrides (null: none) and template
     * (null: the queue's). A file already in the queue is not queued again. Returns the jobs added.
     */
    public List<JobView> add(List<Path> sources, String template, Map<String, Object> renderOverrides,
            Map<String, Object> validationOverrides) throws IOException {
        return lock.call(() -> {
            core.ensureOpen();
            Set<String> queuedPaths = queuedPaths();
            List<JobDto> fresh = new ArrayList<>();
            Map<Path, Set<String>> taken = new HashMap<>();
            QueueStateDto head = core.head();
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
                core.assignOutput(j, taken);
                j.estimatedDuration = core.estimates.seconds(j, head);
                fresh.add(j);
            }
            return append(fresh, false);
        });
    }

    private Set<String> queuedPaths() {
        return core.store.read(q -> {
            Set<String> paths = new HashSet<>();
            for (JobDto j : q.jobs()) {
                paths.add(j.stlPath);
            }
            return paths;
        });
    }

    /**
     * With the lock held: makes new jobs durable at the end of the queue, then tells the listeners.
     * {@code rescan}: let the scheduler look at the queue from its start again.
     */
    private List<JobView> append(List<JobDto> fresh, boolean rescan) throws IOException {
        if (fresh.isEmpty()) {
            return List.of();
        }
        core.store.addJobs(fresh);
        List<JobView> views = fresh.stream().map(JobView::of).toList();
        if (rescan) {
            core.cursor = 0;
        }
        core.post(new RunnerEvent.JobsAdded(Instant.now(), views));
        core.progress.postQueue(true);
        lock.signal();
        return views;
    }

    /**
     * Adds jobs exported from another queue: their ids, templates and per-job overrides are kept; a job whose
     * id or source file is already queued is left out (never duplicated). Unfinished jobs come in pending;
     * model names and output folders are chosen for this queue. Returns the jobs added.
     */
    public List<JobView> importJobs(List<JobDto> imported) throws IOException {
        return lock.call(() -> {
            core.ensureOpen();
            Set<String> queuedPaths = queuedPaths();
            Set<String> ids = new HashSet<>(core.store.jobIds());
            Map<Path, Set<String>> taken = new HashMap<>();
            QueueStateDto head = core.head();
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
                    WorkTime.reset(j);
                }
                j.results.details.remove(JobFields.MODEL_NAME);
                core.assignOutput(j, taken);
                j.estimatedDuration = core.estimates.seconds(j, head);
                fresh.add(j);
            }
            return append(fresh, true);
        });
    }

    /** Removes jobs that are not running (cancel a running job first). Returns how many were removed. */
    public int remove(Collection<String> ids) throws IOException {
        return take(ids).size();
    }

    /**
     * Removes jobs that are not running (cancel a running job first), as {@link #remove}, and returns them as
     * they were, with their places, for {@link #putBack}.
     */
    public Removal take(Collection<String> ids) throws IOException {
        return lock.call(() -> {
            core.ensureOpen();
            List<String> gone = new ArrayList<>();
            for (String id : new LinkedHashSet<>(ids)) {
                JobDto j = core.states.find(id);
                if (j == null) {
                    continue;
                }
                if (core.running.containsKey(id) || j.state == JobState.RUNNING) {
                    throw new IllegalStateException("job " + id + " (" + Path.of(j.stlPath).getFileName()
                            + ") is running; cancel it before removing it");
                }
                gone.add(id);
            }
            if (gone.isEmpty()) {
                return Removal.NONE;
            }
            Removal removal = Removal.of(core.store, gone);
            core.store.removeJobs(gone);
            core.cursor = 0;
            core.post(new RunnerEvent.JobsRemoved(Instant.now(), List.copyOf(gone)));
            core.progress.postQueue(true);
            lock.signal();
            return removal;
        });
    }

    /**
     * Puts removed jobs back exactly as they were, each at its place: ids, states, results, file lists, output
     * folders, times, templates and own settings. A finished job stays finished. A job that had begun keeps
     * its checkpoint while its cache still holds it, else it starts over. A job whose id or source is queued
     * again meanwhile is left out (never twice). Returns the jobs put back.
     */
    public List<JobView> putBack(Removal removal) throws IOException {
        return lock.call(() -> {
            core.ensureOpen();
            Set<String> queuedPaths = queuedPaths();
            Set<String> ids = new HashSet<>(core.store.jobIds());
            List<JobDto> back = new ArrayList<>();
            List<Integer> places = new ArrayList<>();
            for (int i = 0; i < removal.size(); i++) {
                JobDto j = removal.job(i);
                if (ids.add(j.id) && queuedPaths.add(j.stlPath)) {
                    back.add(j);
                    places.add(removal.place(i));
                }
            }
            if (back.isEmpty()) {
                return List.of();
            }
            core.store.putBack(back, places);
            for (JobDto j : back) {
                if (!j.state.isFinal() && j.lastCompletedStep != null
                        && Checkpoints.read(core.home.jobCacheDir(j.id)) == null) {
                    core.states.apply(j.id, Transition.startOver(j.state, Path.of(j.stlPath), "checkpoint gone",
                            "Starts over: its checkpoint is gone"));
                }
            }
            List<JobView> views = back.stream().map(j -> JobView.of(core.states.get(j.id))).toList();
            Instant now = Instant.now();
            core.cursor = 0;
            core.post(new RunnerEvent.JobsAdded(now, views));
            core.post(new RunnerEvent.QueueReordered(now, List.copyOf(core.store.jobIds())));
            core.progress.postQueue(true);
            lock.signal();
            return views;
        });
    }

    /** Removes every completed, cancelled and skipped job from the queue (failed ones stay for a retry). */
    public int clearFinished() throws IOException {
        return remove(idsIn(JobState.COMPLETED, JobState.CANCELLED, JobState.SKIPPED));
    }

    /** As {@link #clearFinished}, returning the jobs removed for {@link #putBack}. */
    public Removal takeFinished() throws IOException {
        return take(idsIn(JobState.COMPLETED, JobState.CANCELLED, JobState.SKIPPED));
    }

    private List<String> idsIn(JobState... states) {
        Set<JobState> wanted = Set.of(states);
        return core.store.read(q -> {
            List<String> ids = new ArrayList<>();
            for (JobDto j : q.jobs()) {
                if (wanted.contains(j.state)) {
                    ids.add(j.id);
                }
            }
            return ids;
        });
    }

    /**
     * Gives the listed jobs that have not begun (pending, no step done) the template {@code template}; jobs
     * that are running, finished or have begun keep theirs (their finished steps were made with it). Refuses
     * an unknown template before changing anything. Returns the ids of the jobs changed.
     */
    public List<String> changeTemplate(Collection<String> ids, String template) throws IOException {
        return lock.call(() -> {
            core.ensureOpen();
            Template t;
            try {
                t = core.templates.find(template);
            } catch (TemplateException e) {
                throw new IOException(e.getMessage(), e);
            }
            QueueStateDto head = core.head();
            OutputLayout layout = core.layoutFor(t);
            return changeNotBegun(ids, j -> {
                if (t.name.equals(j.template)) {
                    return null;
                }
                JobDto probe = j.copy();
                probe.template = t.name;
                String folder = OutputPlacement.folder(layout, RunnerCore.modelName(j), j.createdAt).toString();
                return Transition.templateChanged(t.name, core.estimates.seconds(probe, head), folder);
            });
        });
    }

    /**
     * What is wrong with setting a job's own {@code key} to {@code value}, or null: null removes the job's own
     * value (any known key may be removed); {@link OptionKey#NO_VALUE} keeps the key without a value (only a key
     * that accepts none); any other value must be one the key accepts.
     */
    private static String overrideProblem(OptionKey.Section s, String key, Object value) {
        if (value != null && value != OptionKey.NO_VALUE) {
            return OptionKey.problem(s, key, value);
        }
        OptionKey known = OptionKey.find(s, key);
        if (known == null) {
            return "is not a known option";
        }
        if (value == OptionKey.NO_VALUE && known.type().problem(null) != null) {
            return "cannot be left without a value";
        }
        return null;
    }

    /**
     * Changes the own options of the listed jobs that have not begun (pending, no step done, not running):
     * in {@code render} and {@code validation} (either may be null) a key with a value sets that value for the
     * job, a key with null removes the job's own value, so that the template's applies again, and a key with
     * {@link OptionKey#NO_VALUE} (only one that accepts null: the preset) gives the job its own null, so that the
     * template's does not apply. Jobs that are
     * running, finished or have begun keep theirs. A key or value the option vocabulary refuses refuses the
     * whole call, naming the key, before anything is written. Returns the ids of the jobs changed.
     *
     * @throws IllegalArgumentException naming every key refused and why
     */
    public List<String> setOverrides(Collection<String> ids, Map<String, Object> render,
            Map<String, Object> validation) throws IOException {
        Map<String, Object> r = render == null ? Map.of() : render;
        Map<String, Object> v = validation == null ? Map.of() : validation;
        List<String> problems = new ArrayList<>();
        for (OptionKey.Section s : OptionKey.Section.values()) {
            (s == OptionKey.Section.RENDER ? r : v).forEach((key, value) -> {
                String problem = overrideProblem(s, key, value);
                if (problem != null) {
                    problems.add(s.field() + "." + key + " " + problem);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot change the jobs' settings: " + String.join("; ", problems));
        }
        return lock.call(() -> {
            core.ensureOpen();
            QueueStateDto head = core.head();
            return changeNotBegun(ids, j -> {
                JobDto probe = j.copy();
                merge(probe.renderOptions, r);
                merge(probe.validationOptions, v);
                if (probe.renderOptions.equals(j.renderOptions) && probe.validationOptions.equals(j.validationOptions)) {
                    return null;
                }
                return Transition.overridesChanged(probe.renderOptions, probe.validationOptions,
                        core.estimates.seconds(probe, head));
            });
        });
    }

    /**
     * With the lock held: applies {@code change}'s transition (null: nothing to change) to each listed job that
     * has not begun (pending, no step done, not running); a job that started meanwhile keeps what it started
     * with. Returns the ids changed, and tells the window once.
     */
    private List<String> changeNotBegun(Collection<String> ids, NotBegunChange change) throws IOException {
        List<String> changed = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            JobDto j = core.states.find(id);
            if (j == null || j.state != JobState.PENDING || j.lastCompletedStep != null
                    || core.running.containsKey(id)) {
                continue;
            }
            Transition t = change.of(j);
            if (t == null) {
                continue;
            }
            try {
                core.states.apply(id, t);
                changed.add(id);
            } catch (UnexpectedStateException e) {
                // started meanwhile
            }
        }
        if (!changed.isEmpty()) {
            core.progress.postQueue(true);
            core.rescanLocked();
        }
        return changed;
    }

    /** The transition of a job that has not begun, or null when it is to stay as it is. */
    @FunctionalInterface
    private interface NotBegunChange {
        Transition of(JobDto job) throws IOException;
    }

    private static void merge(Map<String, Object> own, Map<String, Object> changes) {
        changes.forEach((k, val) -> {
            if (val == null) {
                own.remove(k);
            } else if (val == OptionKey.NO_VALUE) {
                own.put(k, null);
            } else {
                own.put(k, val);
            }
        });
    }

    /** Moves jobs, in the given order, to position {@code toIndex} of the queue without them. */
    public void move(List<String> ids, int toIndex) throws IOException {
        lock.act(() -> {
            core.ensureOpen();
            core.store.moveJobs(ids, toIndex);
            reordered();
        });
    }

    /** Puts the whole queue in this order (every job exactly once). */
    public void reorder(List<String> newOrder) throws IOException {
        lock.act(() -> {
            core.ensureOpen();
            core.store.reorder(newOrder);
            reordered();
        });
    }

    private void reordered() {
        core.cursor = 0;
        core.post(new RunnerEvent.QueueReordered(Instant.now(), List.copyOf(core.store.jobIds())));
        lock.signal();
    }

    /** Replaces the queue settings (concurrency, retries, disk threshold, timeout, output). */
    public void updateSettings(QueueSettings settings) throws IOException {
        QueueSettingsDto dto = settings.toDto();
        if (dto.outputBaseFolder != null) {
            layout(dto, null); // the rule every run applies: refuses a prefix or mode a run would refuse
        }
        lock.act(() -> {
            core.ensureOpen();
            core.store.updateSettings(dto);
            lock.signal();
        });
    }

    /** Makes the queue that takes the place of the current one, given a copy of the current one. */
    @FunctionalInterface
    public interface QueueSwap {
        /** Returns the new queue, or null to keep the current one. */
        QueueStateDto next(QueueStateDto current) throws IOException;
    }

    /**
     * Puts another session in place of the whole queue (a discard, a restore) while nothing is processing:
     * {@code swap} sees the current queue and says what replaces it, both under the runner's lock, so no
     * command changes the queue in between. The store then holds the new queue (durable on return) and the
     * runner forgets what it knew of the old one: finished jobs whose history rows wait (they go along in the
     * old queue and are written when it is resumed), the average job time, the scheduler's place. Recovery
     * runs again before the next start. Listeners are told as jobs removed and jobs added.
     *
     * @throws IllegalStateException while the queue is processing or a job is still running
     */
    public void replaceQueue(QueueSwap swap) throws IOException {
        lock.act(() -> {
            core.ensureOpen();
            if (core.active || !core.running.isEmpty()) {
                throw new IllegalStateException("the queue is processing; stop it before putting another session"
                        + " in its place");
            }
            List<String> before = core.store.jobIds();
            QueueStateDto next = swap.next(core.store.snapshot());
            if (next == null) {
                return;
            }
            core.store.replaceState(next);
            history.reloadLocked();
            core.progress.resetLocked();
            core.recovered = false;
            core.stopAfterJob = null;
            core.draining = false;
            core.cursor = 0;
            if (core.paused == PauseReason.HISTORY && history.isEmptyLocked()) {
                core.unpauseLocked();
            }
            Instant now = Instant.now();
            if (!before.isEmpty()) {
                core.post(new RunnerEvent.JobsRemoved(now, List.copyOf(before)));
            }
            List<JobView> added = core.store.read(q -> q.jobs().stream().map(JobView::of).toList());
            if (!added.isEmpty()) {
                core.post(new RunnerEvent.JobsAdded(now, added));
            }
            core.progress.postQueue(true);
            lock.signal();
        });
    }

    // =========================================================================================== processing

    /**
     * What stands in the way of processing the queue (with {@code more} sources about to be added): an
     * output folder, home or history that cannot be written, a source that cannot be read. One line per
     * problem, naming the path and the reason; empty when the queue can run.
     */
    public List<String> preflight(Collection<Path> more) {
        List<Path> sources = new ArrayList<>(more);
        Path output = core.store.read(q -> {
            for (JobDto j : q.jobs()) {
                if (!j.state.isFinal()) {
                    sources.add(Path.of(j.stlPath));
                }
            }
            String base = q.head().queueSettings.outputBaseFolder;
            return base == null ? null : Path.of(base);
        });
        return Preflight.check(core.home, output, core.history, sources);
    }

    /**
     * Starts (or continues) processing the queue. Returns at once; see {@link #awaitFinished}. Refuses with
     * {@link PreflightException} (starting nothing) when {@link #preflight} finds a problem.
     */
    public void start() throws IOException {
        boolean already = lock.call(() -> {
            core.ensureOpen();
            if (!core.recovered && !core.active) {
                recover(null, List.of());
            }
            return core.active && core.stopping == null && !core.draining;
        });
        if (already) {
            return;
        }
        List<String> problems = preflight(List.of());
        if (!problems.isEmpty()) {
            LOG.warn("not started: {}", problems);
            throw new PreflightException(problems);
        }
        lock.act(() -> {
            core.ensureOpen();
            if (core.active && core.stopping == null && !core.draining) {
                return;
            }
            core.active = true;
            core.stopping = null;
            core.draining = false; // Start again while stopping after a job: the queue goes on
            history.startLocked();
            if (core.paused == PauseReason.USER) {
                core.paused = null;
                core.pauseMessage = null;
            }
            core.setSessionLocked(core.paused == null ? SessionState.RUNNING : SessionState.PAUSED);
            core.cursor = 0;
            core.post(new RunnerEvent.QueueStarted(Instant.now(), core.sessionId(), core.store.size()));
            if (schedulerThread == null) {
                schedulerThread = new Thread(scheduler::loop, "runner-scheduler");
                schedulerThread.setDaemon(true);
                schedulerThread.start();
            }
            lock.signal();
        });
    }

    /** Starts nothing new; running steps complete and their jobs wait before their next step. */
    public void pause() throws IOException {
        lock.act(() -> {
            core.ensureOpen();
            if (core.paused == null) {
                core.pauseLocked(PauseReason.USER, "Paused by the user");
            }
        });
    }

    /** Resumes after {@link #pause()} (a pause for disk space ends by itself when space returns). */
    public void resume() throws IOException {
        lock.act(() -> {
            core.ensureOpen();
            if (core.paused != null) {
                core.unpauseLocked();
            }
        });
    }

    /** Stops processing; unfinished jobs stay queued and resume from their next step on the next start. */
    public void stop(StopMode mode) {
        lock.run(() -> {
            if (!core.active) {
                return;
            }
            if (core.stopping == null || mode == StopMode.NOW) {
                core.stopping = mode;
            }
            if (mode == StopMode.NOW) {
                for (Running r : core.running.values()) {
                    r.abort(Running.Abort.STOP);
                }
            }
            lock.signal();
        });
    }

    /**
     * Stop after this job: once it runs, no new job starts; it and the jobs running with it run to their end
     * (none is cut off between two steps), then the run stops. Asked for a job that waits, the queue goes on
     * until that job has started. A job that has already finished, or is not in the queue, changes nothing.
     */
    public StopAfter stopAfter(String jobId) {
        return lock.get(() -> {
            JobDto j = core.states.find(jobId);
            if (j == null) {
                return StopAfter.UNKNOWN;
            }
            if (j.state.isFinal()) {
                return StopAfter.ALREADY_FINISHED;
            }
            if (core.running.containsKey(jobId) || j.state == JobState.RUNNING) {
                core.stopAfterJob = null;
                core.draining = core.active;
            } else {
                core.stopAfterJob = jobId;
            }
            lock.signal();
            return StopAfter.ASKED;
        });
    }

    /** What {@link #stopAfter} did. */
    public enum StopAfter {
        /** The queue stops once this job and the others running with it have finished. */
        ASKED,
        /** The job had already finished: nothing was changed, the queue goes on. */
        ALREADY_FINISHED,
        /** No such job is in the queue (removed meanwhile): nothing was changed. */
        UNKNOWN
    }

    /** Cancels one job: a pending one at once, a running one as soon as its step notices. */
    public void cancel(String jobId) throws IOException {
        lock.act(() -> {
            core.ensureOpen();
            JobDto j = core.states.get(jobId);
            Running r = core.running.get(jobId);
            if (r != null) {
                r.abort(Running.Abort.CANCEL);
                return;
            }
            if (j.state == JobState.PENDING) {
                // under the lock, so that the scheduler cannot start it meanwhile
                Endings.finish(core, history, jobId, JobState.PENDING, JobState.CANCELLED, "Cancelled by the user",
                        null, new RunReports.JobLog(core.home.jobCacheDir(jobId)), null);
            }
        });
    }

    /**
     * Queues a failed, cancelled or skipped job again. It continues from its last completed step unless its
     * source changed since (then it starts over with the new file). Returns false when the job is not in a
     * state that can be retried.
     */
    public boolean retry(String jobId) throws IOException {
        return lock.call(() -> {
            core.ensureOpen();
            JobDto j = core.states.get(jobId);
            if (!(j.state == JobState.FAILED || j.state == JobState.CANCELLED || j.state == JobState.SKIPPED)
                    || core.running.containsKey(jobId)) {
                return false;
            }
            Path source = Path.of(j.stlPath);
            boolean restart = Transition.restarts(SourceIdentity.check(j) != SourceIdentity.Check.UNCHANGED, source);
            if (restart) {
                Files.deleteIfExists(Checkpoints.file(core.home.jobCacheDir(jobId)));
            }
            JobDto next;
            try {
                next = core.states.apply(jobId, Transition.retry(j.state, restart, source));
            } catch (UnexpectedStateException e) {
                return false;
            }
            try {
                OutputLayout layout = core.layoutFor(core.templateOf(next));
                OutputOrganizer.clearFailure(layout, RunnerCore.modelName(next), source);
            } catch (IOException | TemplateException e) {
                LOG.debug("could not clear failed/ entry of {}", jobId, e);
            }
            core.rescanLocked();
            return true;
        });
    }

    /**
     * Runs a finished job (completed, failed, cancelled or skipped) again from its first step: it waits
     * again, its checkpoint is removed so that every step runs, and its new run overwrites its old outputs in
     * the same folder. Returns false when the job is not finished (or not in the queue).
     */
    public boolean runAgain(String jobId) throws IOException {
        return lock.call(() -> {
            core.ensureOpen();
            JobDto j = core.states.find(jobId);
            if (j == null || !j.state.isFinal() || core.running.containsKey(jobId)) {
                return false;
            }
            Path source = Path.of(j.stlPath);
            Files.deleteIfExists(Checkpoints.file(core.home.jobCacheDir(jobId)));
            JobDto next;
            try {
                next = core.states.apply(jobId, Transition.startOver(j.state, source, "run again", "Runs again"));
            } catch (UnexpectedStateException e) {
                return false;
            }
            try {
                OutputOrganizer.clearFailure(core.layoutFor(core.templateOf(next)), RunnerCore.modelName(next),
                        source);
            } catch (IOException | TemplateException e) {
                LOG.debug("could not clear failed/ entry of {}", jobId, e);
            }
            core.progress.postQueue(true);
            core.rescanLocked();
            return true;
        });
    }

    /** Retries every failed job; returns how many. */
    public int retryAllFailed() throws IOException {
        int n = 0;
        for (String id : idsIn(JobState.FAILED)) {
            if (retry(id)) {
                n++;
            }
        }
        return n;
    }

    /** Waits until processing ends (the queue finished or stopped); false on timeout. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return lock.awaitUntil(() -> !core.active, timeout.toNanos());
    }

    /** Finished jobs whose history rows could not be written yet. */
    public int historyBacklog() {
        return history.waiting();
    }

    /** True for a finished job whose history row is not written yet (the history could not be written). */
    public static boolean awaitsHistory(JobDto j) {
        return HistoryRecorder.awaitsHistory(j);
    }

    /** Stops now (unfinished jobs stay queued), waits for the workers, flushes the queue state and summary. */
    @Override
    public void close() throws IOException {
        if (lock.get(() -> core.closed)) {
            return;
        }
        stop(StopMode.NOW);
        try {
            awaitFinished(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.run(() -> {
            core.closed = true;
            lock.signal();
        });
        core.workers.shutdown();
        try {
            core.workers.awaitTermination(10, TimeUnit.SECONDS);
            if (schedulerThread != null) {
                schedulerThread.join(5000);
            }
            core.events.drain(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        core.summary.close();
        core.events.close();
        core.store.flush();
    }

    // =========================================================================================== placement

    /** The steps a template runs, in processing order; load and finalize always. */
    public static List<StepKind> planOf(Template t) {
        return JobAttempt.planOf(t);
    }

    /** The output layout of a queue's settings and a template (its optional subfolder). */
    public static OutputLayout layout(QueueSettingsDto s, Template template) throws IOException {
        return OutputPlacement.layout(s, RunnerCore.subfolder(template));
    }

    private static String newJobId() {
        return "job_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
