package org.stllisting.store.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.store.AtomicFiles;
import org.stllisting.store.Home;
import org.stllisting.store.Json;

/**
 * The durable queue state (docs/ARCHITECTURE.md, The queue state files): {@code queue_state.json} plus an append-only journal beside it.
 *
 * <h2>How it stays durable and cheap</h2>
 * Every mutation is applied in memory and appended as one line to {@code queue_state.journal}
 * ({@code <crc32 hex> <json>\n}, each with a sequence number); the call returns only after the line has been
 * forced to disk. Threads that mutate at the same time share one {@code force} (group commit). A line costs
 * the same whatever the queue size. When the journal has grown past the snapshot's size (times a factor),
 * the state is folded into a fresh snapshot: the current {@code queue_state.json} becomes
 * {@code backups/queue_state_backup_1.json} (older ones shift up, {@code keepBackups} are kept), the new
 * snapshot is written atomically (temporary file, force, atomic rename, folder force), and the journal moves
 * to {@code backups/queue_state_backup_1.journal} — so a backup plus the journals after it still replay to
 * the newest state. Folding costs O(queue size) but happens once per O(queue size) bytes of journal, so the
 * amortized cost of a transition is constant.
 *
 * <h2>Loading</h2>
 * The snapshot is read and the journal records with a higher sequence number are replayed over it; a torn
 * last line (a crash mid-append) is ignored. A snapshot that is missing, empty, truncated, unparseable,
 * inconsistent or of an unknown version falls back to the newest valid backup plus the journal records that
 * continue it, and {@link LoadResult#message()} says so. Version "1.0" files migrate forward.
 *
 * <h2>Threading</h2>
 * All methods are thread-safe. Mutations block the calling thread until durable (never call them on the UI
 * thread). {@link #progress} is throttled: it updates memory at once and is saved at least every 5 events
 * or 1 second, and before any other change. Only one process may open a home's store for writing: hold the
 * {@link org.stllisting.store.InstanceLock} first. {@link #read(Home)} is read-only and safe while another
 * process writes.
 */
public final class QueueStateStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueStateStore.class);

    /** Tuning; {@link #defaults()} is what the product uses. */
    public record Options(int keepBackups, long foldMinBytes, double foldFactor, int progressEvents,
            Duration progressDelay) {
        public static Options defaults() {
            return new Options(3, 256 * 1024, 2.0, 5, Duration.ofSeconds(1));
        }

        public Options withKeepBackups(int n) {
            return new Options(n, foldMinBytes, foldFactor, progressEvents, progressDelay);
        }

        public Options withFoldMinBytes(long n) {
            return new Options(keepBackups, n, foldFactor, progressEvents, progressDelay);
        }

        /** Journal size at which a snapshot of {@code snapshotBytes} is folded again. */
        public long foldThreshold(long snapshotBytes) {
            return Math.max(foldMinBytes, (long) (foldFactor * snapshotBytes));
        }
    }

    /** Counters since open, for the benchmark and the status display. */
    public record Stats(long records, long syncs, long folds, long bytesWritten, long journalBytes,
            long snapshotBytes) {
    }

    private final Home home;
    private final Options options;
    private final LoadResult loaded;

    private final Object stateLock = new Object();
    private final Object ioLock = new Object();

    // guarded by stateLock
    private final QueueModel model;
    private long seq;
    private final List<byte[]> buffer = new ArrayList<>();
    private final Map<String, JournalRecord> pendingProgress = new LinkedHashMap<>();
    private int pendingProgressEvents;
    private long oldestPendingProgressNanos;
    private ScheduledExecutorService progressTimer;
    private boolean closed;

    // guarded by ioLock
    /**
     * A stream, not a FileChannel: channels are interruptible, and a runner thread interrupted to cancel a
     * job would close the journal for everyone in the middle of recording that cancellation.
     */
    private java.io.FileOutputStream journal;
    /** The second copy of every journal line ({@code backups/queue_state_current.journal}). */
    private java.io.FileOutputStream journalCopy;
    private long journalBytes;
    private long snapshotBytes;
    private volatile long durableSeq;
    private volatile IOException failure;
    /** The sequence number of the last fold: changes after it make {@link #close} fold again. */
    private long foldedSeq;

    // statistics (written under ioLock)
    private volatile long statRecords;
    private volatile long statSyncs;
    private volatile long statFolds;
    private volatile long statBytes;

    private QueueStateStore(Home home, Options options, LoadResult loaded) {
        this.home = home;
        this.options = options;
        // the loaded state becomes the live queue as it is (copying 10,000 jobs was a third of opening the
        // store); what open found is kept without it, so nobody reads a queue that changes under them
        this.model = QueueModel.of(loaded.state());
        // sequence numbers are never used twice, not even for changes that could not be recovered
        this.seq = Math.max(loaded.state().journalSeq, loaded.newestSeq());
        this.loaded = new LoadResult(null, loaded.source(), loaded.file(), loaded.fellBack(), loaded.migratedFrom(),
                loaded.journalRecords(), loaded.message(), loaded.problems(), loaded.lost(), loaded.damaged(),
                loaded.keptIn(), loaded.newestSeq());
        this.durableSeq = seq;
    }

    // ------------------------------------------------------------------------------------------ opening

    /** Loads the home's queue (with fallback and migration) and prepares it for durable changes. */
    public static QueueStateStore open(Home home) throws IOException {
        return open(home, Options.defaults());
    }

    public static QueueStateStore open(Home home, Options options) throws IOException {
        Files.createDirectories(home.root());
        Files.createDirectories(home.backupsDir());
        LoadResult r = QueueStateLoader.read(home, options.keepBackups());
        for (Map.Entry<Path, String> d : r.damaged().entrySet()) {
            if (d.getValue().startsWith(QueueStateLoader.TOO_LARGE)) {
                // not damage: recovering from older files would drop what this one holds
                throw new IOException(QueueStateLoader.relative(home, d.getKey()) + " " + d.getValue());
            }
        }
        if (!r.damaged().isEmpty() || r.lostSomething()) {
            r = DamagedFiles.keepAside(home, r);
        }
        QueueStateStore store = new QueueStateStore(home, options, r);
        store.start();
        return store;
    }

    private void start() throws IOException {
        synchronized (ioLock) {
            Path snap = home.queueStateFile();
            boolean recovered = loaded.fellBack() || !loaded.problems().isEmpty() || loaded.lostSomething();
            boolean needsFold = recovered || loaded.source() != LoadResult.Source.SNAPSHOT
                    || loaded.migratedFrom() != null || loaded.journalRecords() > 0
                    || !endsCleanly(home.queueJournalFile()) || !endsCleanly(QueueStateLoader.journalCopy(home))
                    || !Files.exists(QueueStateLoader.journalCopy(home));
            if (needsFold) {
                LOG.info("queue state: {}", loaded.message());
                synchronized (stateLock) {
                    if (recovered) {
                        // the recovered queue itself goes into the journal, so that replay can start from it
                        // even if the snapshot written next is lost too
                        openJournal();
                        JournalRecord r = new JournalRecord(JournalRecord.REPLACE);
                        r.state = model.toDto(seq);
                        appendLocked(r);
                    }
                    foldLocked();
                }
            } else {
                snapshotBytes = Files.size(snap);
                openJournal();
                // the snapshot on disk is the state as loaded: a close without changes has nothing to fold
                foldedSeq = seq;
            }
        }
    }

    /** True when the file is missing, empty or ends with a whole line (nothing torn to append behind). */
    private static boolean endsCleanly(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private void openJournal() throws IOException {
        if (journal == null) {
            journal = new java.io.FileOutputStream(home.queueJournalFile().toFile(), true);
            journalCopy = new java.io.FileOutputStream(QueueStateLoader.journalCopy(home).toFile(), true);
        }
        journalBytes = Files.size(home.queueJournalFile());
    }

    /** Reads the home's queue without changing anything; safe while another process holds the home. */
    public static LoadResult read(Home home) {
        return read(home, Options.defaults());
    }

    static LoadResult read(Home home, Options options) {
        return QueueStateLoader.read(home, options.keepBackups());
    }

    /**
     * What {@link #open} found on disk: which file, and any problems. The state it loaded is the live queue
     * from then on, so it is not here ({@link LoadResult#state()} is null): read the queue with
     * {@link #read} or {@link #snapshot}.
     */
    public LoadResult load() {
        return loaded;
    }

    public Home home() {
        return home;
    }

    // ------------------------------------------------------------------------------------------ reading

    /** A deep copy of the current state (O(queue size)). */
    public QueueStateDto snapshot() {
        synchronized (stateLock) {
            return model.toDto(seq).copy();
        }
    }

    /** A copy of one job, or null when there is no such job. */
    public JobDto job(String id) {
        synchronized (stateLock) {
            JobDto j = model.jobs.get(id);
            return j == null ? null : j.copy();
        }
    }

    /** Job ids in queue order. */
    public List<String> jobIds() {
        synchronized (stateLock) {
            return new ArrayList<>(model.jobs.keySet());
        }
    }

    public int size() {
        synchronized (stateLock) {
            return model.jobs.size();
        }
    }

    public Stats stats() {
        return new Stats(statRecords, statSyncs, statFolds, statBytes, journalBytes, snapshotBytes);
    }

    // ------------------------------------------------------------------------------------------ mutations

    /** Appends jobs at the end of the queue. Ids must be new and unique. Durable on return. */
    public void addJobs(List<JobDto> jobs) throws IOException {
        JournalRecord r = new JournalRecord("add");
        r.jobs = new ArrayList<>(jobs.size());
        Set<String> seen = new HashSet<>();
        for (JobDto j : jobs) {
            if (j.id == null || j.id.isBlank() || j.state == null) {
                throw new IllegalArgumentException("a job needs an id and a state: " + j);
            }
            if (!seen.add(j.id)) {
                throw new IllegalArgumentException("job id given twice: " + j.id);
            }
            r.jobs.add(j.copy());
        }
        commit(r, () -> {
            for (JobDto j : r.jobs) {
                if (model.jobs.containsKey(j.id)) {
                    throw new IllegalArgumentException("job " + j.id + " is already queued");
                }
            }
        });
    }

    /** The journal's name for jobs put back after a removal. */
    static final String PUT_BACK = "put back";

    /**
     * Puts removed jobs back as they are (ids, states, results), each at its queue position
     * ({@code positions}, ascending, as they were before the removal; clamped to the end). Ids must not be
     * queued. Durable on return.
     */
    public void putBack(List<JobDto> jobs, List<Integer> positions) throws IOException {
        if (jobs.size() != positions.size()) {
            throw new IllegalArgumentException("one position per job");
        }
        JournalRecord r = new JournalRecord(PUT_BACK);
        r.jobs = new ArrayList<>(jobs.size());
        Set<String> seen = new HashSet<>();
        for (JobDto j : jobs) {
            if (j.id == null || j.id.isBlank() || j.state == null || !seen.add(j.id)) {
                throw new IllegalArgumentException("a job put back needs its own id and a state: " + j);
            }
            r.jobs.add(j.copy());
        }
        r.positions = new ArrayList<>(positions);
        commit(r, () -> {
            for (JobDto j : r.jobs) {
                if (model.jobs.containsKey(j.id)) {
                    throw new IllegalArgumentException("job " + j.id + " is already queued");
                }
            }
        });
    }

    /**
     * Removes jobs; ids not in the queue are ignored. A running job cannot be removed (cancel it first).
     * Returns how many were removed. Durable on return.
     */
    public int removeJobs(Collection<String> ids) throws IOException {
        JournalRecord r = new JournalRecord("remove");
        r.ids = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
        int[] count = new int[1];
        boolean written = commit(r, () -> {
            r.ids.removeIf(id -> !model.jobs.containsKey(id));
            for (String id : r.ids) {
                if (model.jobs.get(id).state == JobState.RUNNING) {
                    throw new IllegalStateException("job " + id + " is running; cancel it before removing it");
                }
            }
            count[0] = r.ids.size();
            return !r.ids.isEmpty();
        });
        return written ? count[0] : 0;
    }

    /**
     * Moves the given jobs, in the given order, to position {@code toIndex} of the queue without them
     * (clamped to the ends). Durable on return.
     */
    public void moveJobs(List<String> ids, int toIndex) throws IOException {
        JournalRecord r = new JournalRecord("move");
        r.ids = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
        r.to = toIndex;
        commit(r, () -> {
            for (String id : r.ids) {
                if (!model.jobs.containsKey(id)) {
                    throw new IllegalArgumentException("no job " + id + " in the queue");
                }
            }
        });
    }

    /** Puts the whole queue in this order; {@code order} must name every job exactly once. */
    public void reorder(List<String> order) throws IOException {
        JournalRecord r = new JournalRecord("reorder");
        r.ids = new ArrayList<>(order);
        commit(r, () -> {
            if (r.ids.size() != model.jobs.size() || !new HashSet<>(r.ids).equals(model.jobs.keySet())) {
                throw new IllegalArgumentException("a reorder must name every queued job exactly once");
            }
        });
    }

    /**
     * Replaces one job with {@code job} (same id, full replacement, position kept). The state change must be
     * legal ({@link JobState}); an illegal one throws {@link IllegalTransitionException} and writes nothing.
     * Durable on return.
     */
    public void putJob(JobDto job) throws IOException {
        JournalRecord r = new JournalRecord("job");
        r.job = job.copy();
        commit(r, () -> {
            JobDto old = model.jobs.get(r.job.id);
            if (old == null) {
                throw new IllegalArgumentException("no job " + r.job.id + " in the queue");
            }
            JobState.check(r.job.id, old.state, r.job.state);
        });
    }

    /**
     * Changes one job: {@code change} gets a copy of the current job and returns the new version (it runs
     * under the store's lock: keep it short and do not call the store from it). Returns a copy of the stored
     * job. Durable on return.
     */
    public JobDto updateJob(String id, UnaryOperator<JobDto> change) throws IOException {
        JournalRecord r = new JournalRecord("job");
        commit(r, () -> {
            JobDto old = model.jobs.get(id);
            if (old == null) {
                throw new IllegalArgumentException("no job " + id + " in the queue");
            }
            JobDto next = change.apply(old.copy());
            if (next == null || !id.equals(next.id)) {
                throw new IllegalArgumentException("a job update must keep the job id " + id);
            }
            JobState.check(id, old.state, next.state);
            r.job = next.copy();
        });
        return r.job.copy();
    }

    /**
     * Moves one job from {@code expectedFrom} to {@code to} as a compare-and-set: when the job is not in
     * {@code expectedFrom} (someone else moved it first), nothing is written and {@link UnexpectedStateException}
     * says what it is in now. {@code patch} gets a copy of the job and sets the fields of this change (it runs
     * under the store's lock: keep it short and do not call the store from it); the state is set by the store.
     * The move must be legal ({@link JobState}). Returns a copy of the stored job. Durable on return.
     */
    public JobDto transition(String id, JobState expectedFrom, JobState to, UnaryOperator<JobDto> patch)
            throws IOException {
        JournalRecord r = new JournalRecord("job");
        commit(r, () -> {
            JobDto old = model.jobs.get(id);
            if (old == null) {
                throw new IllegalArgumentException("no job " + id + " in the queue");
            }
            if (old.state != expectedFrom) {
                throw new UnexpectedStateException(id, expectedFrom, old.state, to);
            }
            JobState.check(id, old.state, to);
            JobDto next = patch.apply(old.copy());
            if (next == null || !id.equals(next.id)) {
                throw new IllegalArgumentException("a job update must keep the job id " + id);
            }
            next.state = to;
            r.job = next;
        });
        return r.job.copy();
    }

    /**
     * Runs {@code reader} on the live queue under the store's lock, without copying it: for scans of large
     * queues (the scheduler, views). The reader must return quickly, must not change or keep what it sees,
     * and must not call the store.
     */
    public <T> T read(Function<QueueReader, T> reader) {
        synchronized (stateLock) {
            return reader.apply(new QueueReader(model));
        }
    }

    /** Replaces the queue settings. Durable on return. */
    public void updateSettings(QueueSettingsDto settings) throws IOException {
        JournalRecord r = new JournalRecord("settings");
        r.queueSettings = Json.mapper().convertValue(Objects.requireNonNull(settings), QueueSettingsDto.class);
        commit(r, () -> { });
    }

    /**
     * Sets the queue's template and global options; a null argument leaves that part unchanged. Durable on
     * return.
     */
    public void updateOptions(String template, Map<String, Object> globalRenderOptions,
            Map<String, Object> globalValidationOptions) throws IOException {
        JournalRecord r = new JournalRecord("options");
        r.template = template;
        r.globalRenderOptions = globalRenderOptions == null ? null : new LinkedHashMap<>(globalRenderOptions);
        r.globalValidationOptions = globalValidationOptions == null ? null
                : new LinkedHashMap<>(globalValidationOptions);
        commit(r, () -> { });
    }

    /** Sets what the queue as a whole is doing. Durable on return. */
    public void setSessionState(SessionState state) throws IOException {
        JournalRecord r = new JournalRecord("session");
        r.sessionState = Objects.requireNonNull(state);
        commit(r, () -> { });
    }

    /**
     * Replaces the whole queue (import, discard, a new session) and writes a fresh snapshot at once; the
     * previous state becomes backup 1. O(queue size).
     */
    public void replaceState(QueueStateDto state) throws IOException {
        QueueStateDto copy = state.copy();
        copy.version = QueueStateDto.CURRENT_VERSION;
        String problem = QueueModel.consistencyProblem(copy);
        if (problem != null) {
            throw new IllegalArgumentException("cannot use this queue: " + problem);
        }
        synchronized (ioLock) {
            checkUsable();
            synchronized (stateLock) {
                pendingProgress.clear();
                pendingProgressEvents = 0;
                // the whole queue goes into the journal too, so replay can start from it if the snapshot is lost
                JournalRecord r = new JournalRecord(JournalRecord.REPLACE);
                r.state = copy;
                appendLocked(r);
                foldLocked();
            }
        }
    }

    /**
     * Records a job's progress (0–100), message and ETA (null when unknown). Memory is updated at once;
     * the change is saved at least every {@code progressEvents} calls or {@code progressDelay}, whichever
     * comes first, and before any other change. Unknown jobs are ignored (the job may just have been
     * removed).
     */
    public void progress(String jobId, double percent, String message, Double etaSeconds) throws IOException {
        progress(jobId, null, percent, message, etaSeconds);
    }

    /** {@link #progress(String, double, String, Double)} that also records the step running now (null: unchanged). */
    public void progress(String jobId, String step, double percent, String message, Double etaSeconds)
            throws IOException {
        boolean flushNow;
        synchronized (stateLock) {
            ensureOpen();
            JobDto j = model.jobs.get(jobId);
            if (j == null) {
                return;
            }
            JournalRecord r = new JournalRecord("progress");
            r.id = jobId;
            r.progress = Math.max(0, Math.min(100, percent));
            r.message = message;
            r.eta = etaSeconds;
            r.step = step;
            model.apply(r);
            if (pendingProgress.isEmpty()) {
                oldestPendingProgressNanos = System.nanoTime();
            }
            pendingProgress.put(jobId, r);
            pendingProgressEvents++;
            flushNow = pendingProgressEvents >= options.progressEvents()
                    || System.nanoTime() - oldestPendingProgressNanos >= options.progressDelay().toNanos();
            if (!flushNow && progressTimer == null) {
                progressTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread t = new Thread(runnable, "queue-state-progress");
                    t.setDaemon(true);
                    return t;
                });
                long period = Math.max(50, options.progressDelay().toMillis() / 4);
                progressTimer.scheduleWithFixedDelay(this::timedProgressFlush, period, period, TimeUnit.MILLISECONDS);
            }
        }
        if (flushNow) {
            flush();
        }
    }

    private void timedProgressFlush() {
        boolean due;
        synchronized (stateLock) {
            due = !closed && !pendingProgress.isEmpty()
                    && System.nanoTime() - oldestPendingProgressNanos >= options.progressDelay().toNanos();
        }
        if (due) {
            try {
                flush();
            } catch (IOException | RuntimeException e) {
                LOG.error("saving job progress failed", e);
            }
        }
    }

    /** Makes pending progress durable now. */
    public void flush() throws IOException {
        long target;
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            drainProgressLocked();
            target = seq;
        }
        awaitDurable(target);
    }

    /** Folds the journal into a fresh snapshot now (with backup rotation). */
    public void checkpoint() throws IOException {
        synchronized (ioLock) {
            checkUsable();
            synchronized (stateLock) {
                drainProgressLocked();
                foldLocked();
            }
        }
    }

    /** Saves pending progress, folds the journal into a snapshot and releases the files. Idempotent. */
    @Override
    public void close() throws IOException {
        ScheduledExecutorService timer;
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            timer = progressTimer;
        }
        if (timer != null) {
            timer.shutdown();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            synchronized (ioLock) {
                synchronized (stateLock) {
                    drainProgressLocked();
                    if (failure == null && (seq > foldedSeq || !buffer.isEmpty())) {
                        foldLocked();
                    }
                    closed = true;
                }
            }
        } finally {
            synchronized (ioLock) {
                closeJournals();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ commit path

    /** A check (and in-memory preparation) run under the state lock before a record is applied. */
    @FunctionalInterface
    private interface Check {
        /** Returns false to write nothing. */
        boolean run();
    }

    private void commit(JournalRecord r, Runnable check) throws IOException {
        commit(r, () -> {
            check.run();
            return true;
        });
    }

    private boolean commit(JournalRecord r, Check check) throws IOException {
        long mySeq;
        synchronized (stateLock) {
            ensureOpen();
            if (!check.run()) {
                return false;
            }
            drainProgressLocked();
            if (r.job != null) {
                pendingProgress.remove(r.job.id);
            }
            mySeq = appendLocked(r);
        }
        awaitDurable(mySeq);
        return true;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IllegalStateException("the queue state store is closed");
        }
        checkUsable();
    }

    private void checkUsable() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException("the queue state can no longer be saved: " + f.getMessage(), f);
        }
    }

    private void drainProgressLocked() {
        for (JournalRecord p : pendingProgress.values()) {
            appendLocked(p);
        }
        pendingProgress.clear();
        pendingProgressEvents = 0;
    }

    /** Applies to memory, assigns the next sequence number and queues the line for the journal. */
    private long appendLocked(JournalRecord r) {
        r.seq = ++seq;
        r.at = Instant.now();
        model.apply(r);
        buffer.add(r.encode());
        return r.seq;
    }

    private void awaitDurable(long target) throws IOException {
        boolean fold = false;
        synchronized (ioLock) {
            if (durableSeq >= target) {
                return;
            }
            checkUsable();
            try {
                writeBufferLocked();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            fold = journalBytes >= options.foldThreshold(snapshotBytes);
            if (fold) {
                synchronized (stateLock) {
                    foldLocked();
                }
            }
        }
    }

    /** Writes and forces everything buffered. Caller holds ioLock. */
    private void writeBufferLocked() throws IOException {
        List<byte[]> batch;
        long upTo;
        synchronized (stateLock) {
            if (buffer.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(buffer);
            buffer.clear();
            upTo = seq;
        }
        int total = 0;
        for (byte[] b : batch) {
            total += b.length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] b : batch) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        journal.write(all);
        journalCopy.write(all);
        journal.getFD().sync();
        journalCopy.getFD().sync();
        journalBytes += total;
        statBytes += 2L * total;
        statRecords += batch.size();
        statSyncs++;
        durableSeq = Math.max(durableSeq, upTo);
    }

    /**
     * Writes a snapshot of the state as of {@code seq}, rotating backups and moving the journal beside the
     * new backup 1, so that every backup plus the journals after it still replays to the newest state. The
     * fresh journal and its copy open with a {@code fold} mark carrying the snapshot's sequence number.
     * Caller holds ioLock and stateLock.
     */
    private void foldLocked() throws IOException {
        try {
            if (journal != null) {
                writeBufferLocked();
            } else {
                buffer.clear();
            }
            JournalRecord mark = new JournalRecord(JournalRecord.FOLD);
            mark.seq = ++seq;
            byte[] markLine = mark.encode();
            byte[] bytes = Json.mapper().writeValueAsBytes(model.toDto(seq));
            Path snap = home.queueStateFile();
            Path journalFile = home.queueJournalFile();
            boolean hadSnapshot = Files.exists(snap);
            boolean hadChanges = Files.exists(journalFile) && Files.size(journalFile) > 0;
            if (hadSnapshot || hadChanges) {
                rotateBackups();
                if (hadSnapshot) {
                    linkOrCopy(snap, home.queueBackupFile(1));
                }
            }
            closeJournals();
            if (!hadSnapshot && !hadChanges) {
                // a new home: the journals first, so there is never a snapshot without them
                AtomicFiles.write(journalFile, markLine);
                AtomicFiles.write(QueueStateLoader.journalCopy(home), markLine);
                AtomicFiles.write(snap, bytes);
            } else {
                AtomicFiles.write(snap, bytes);
                if (hadChanges) {
                    Files.move(journalFile, backupJournal(1), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                }
                AtomicFiles.write(journalFile, markLine);
                AtomicFiles.write(QueueStateLoader.journalCopy(home), markLine);
            }
            openJournal();
            AtomicFiles.fsyncDirectory(home.root());
            AtomicFiles.fsyncDirectory(home.backupsDir());
            snapshotBytes = bytes.length;
            statBytes += bytes.length + 2L * markLine.length;
            statFolds++;
            durableSeq = seq;
            foldedSeq = seq;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private void closeJournals() throws IOException {
        try {
            if (journal != null) {
                journal.close();
            }
        } finally {
            journal = null;
            if (journalCopy != null) {
                journalCopy.close();
            }
            journalCopy = null;
        }
    }

    private Path backupJournal(int n) {
        return QueueStateLoader.backupJournal(home, n);
    }

    private void rotateBackups() throws IOException {
        Files.createDirectories(home.backupsDir());
        int keep = options.keepBackups();
        Files.deleteIfExists(home.queueBackupFile(keep));
        Files.deleteIfExists(backupJournal(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(home.queueBackupFile(i))) {
                Files.move(home.queueBackupFile(i), home.queueBackupFile(i + 1), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.exists(backupJournal(i))) {
                Files.move(backupJournal(i), backupJournal(i + 1), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(backupJournal(i + 1));
            }
        }
    }

    /** The old snapshot file is replaced by rename, never rewritten, so a hard link is a free backup. */
    private void linkOrCopy(Path from, Path to) throws IOException {
        Files.deleteIfExists(to);
        try {
            Files.createLink(to, from);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            try (java.io.FileOutputStream f = new java.io.FileOutputStream(to.toFile(), true)) {
                f.getFD().sync();
            }
            statBytes += Files.size(to);
        }
    }

}
