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
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.store.AtomicFiles;
import org.stllisting.store.Home;
import org.stllisting.store.Json;

/**
 * The durable queue state (DESIGN §5.1): {@code queue_state.json} plus an append-only journal beside it.
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
    /** Journal lines leave out nulls: a transition costs bytes for what the job has, not for the schema. */
    private static final ObjectWriter LINE_WRITER = Json.mapper().copy()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL).writer()
            .without(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectReader RECORD_READER = Json.mapper().readerFor(Rec.class);

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
    private final Model model;
    private long seq;
    private final List<byte[]> buffer = new ArrayList<>();
    private final Map<String, Rec> pendingProgress = new LinkedHashMap<>();
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
    private long journalBytes;
    private long snapshotBytes;
    private volatile long durableSeq;
    private volatile IOException failure;

    // statistics (written under ioLock)
    private volatile long statRecords;
    private volatile long statSyncs;
    private volatile long statFolds;
    private volatile long statBytes;

    private QueueStateStore(Home home, Options options, LoadResult loaded) {
        this.home = home;
        this.options = options;
        this.loaded = loaded;
        this.model = Model.of(loaded.state().copy());
        this.seq = loaded.state().journalSeq;
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
        LoadResult r = read(home, options);
        QueueStateStore store = new QueueStateStore(home, options, r);
        store.start();
        return store;
    }

    private void start() throws IOException {
        synchronized (ioLock) {
            Path snap = home.queueStateFile();
            boolean needsFold = loaded.source() != LoadResult.Source.SNAPSHOT || loaded.migratedFrom() != null
                    || loaded.journalRecords() > 0 || !loaded.problems().isEmpty()
                    || (Files.exists(home.queueJournalFile()) && Files.size(home.queueJournalFile()) > 0);
            if (needsFold) {
                LOG.info("queue state: {}", loaded.message());
                synchronized (stateLock) {
                    foldLocked(loaded.source() != LoadResult.Source.NEW || Files.exists(snap));
                }
            } else {
                snapshotBytes = Files.size(snap);
                openJournal();
            }
        }
    }

    private void openJournal() throws IOException {
        journal = new java.io.FileOutputStream(home.queueJournalFile().toFile(), true);
        journalBytes = Files.size(home.queueJournalFile());
    }

    /** What {@link #open} found on disk: the state as loaded, which file, and any problems. */
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
        Rec r = new Rec("add");
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

    /**
     * Removes jobs; ids not in the queue are ignored. A running job cannot be removed (cancel it first).
     * Returns how many were removed. Durable on return.
     */
    public int removeJobs(Collection<String> ids) throws IOException {
        Rec r = new Rec("remove");
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
        Rec r = new Rec("move");
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
        Rec r = new Rec("reorder");
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
        Rec r = new Rec("job");
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
        Rec r = new Rec("job");
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

    /** Replaces the queue settings. Durable on return. */
    public void updateSettings(QueueSettingsDto settings) throws IOException {
        Rec r = new Rec("settings");
        r.queueSettings = Json.mapper().convertValue(Objects.requireNonNull(settings), QueueSettingsDto.class);
        commit(r, () -> { });
    }

    /**
     * Sets the queue's template and global options; a null argument leaves that part unchanged. Durable on
     * return.
     */
    public void updateOptions(String template, Map<String, Object> globalRenderOptions,
            Map<String, Object> globalValidationOptions) throws IOException {
        Rec r = new Rec("options");
        r.template = template;
        r.globalRenderOptions = globalRenderOptions == null ? null : new LinkedHashMap<>(globalRenderOptions);
        r.globalValidationOptions = globalValidationOptions == null ? null
                : new LinkedHashMap<>(globalValidationOptions);
        commit(r, () -> { });
    }

    /** Sets what the queue as a whole is doing. Durable on return. */
    public void setSessionState(SessionState state) throws IOException {
        Rec r = new Rec("session");
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
        String problem = Model.consistencyProblem(copy);
        if (problem != null) {
            throw new IllegalArgumentException("cannot use this queue: " + problem);
        }
        synchronized (ioLock) {
            checkUsable();
            synchronized (stateLock) {
                pendingProgress.clear();
                pendingProgressEvents = 0;
                model.replace(copy);
                seq++;
                foldLocked(true);
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
        boolean flushNow;
        synchronized (stateLock) {
            ensureOpen();
            JobDto j = model.jobs.get(jobId);
            if (j == null) {
                return;
            }
            Rec r = new Rec("progress");
            r.id = jobId;
            r.progress = Math.max(0, Math.min(100, percent));
            r.message = message;
            r.eta = etaSeconds;
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
                foldLocked(true);
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
                    if (failure == null) {
                        if (journalBytes > 0 || !buffer.isEmpty()) {
                            foldLocked(true);
                        }
                    }
                    closed = true;
                }
            }
        } finally {
            synchronized (ioLock) {
                if (journal != null) {
                    journal.close();
                }
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

    private void commit(Rec r, Runnable check) throws IOException {
        commit(r, () -> {
            check.run();
            return true;
        });
    }

    private boolean commit(Rec r, Check check) throws IOException {
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
        for (Rec p : pendingProgress.values()) {
            appendLocked(p);
        }
        pendingProgress.clear();
        pendingProgressEvents = 0;
    }

    /** Applies to memory, assigns the next sequence number and queues the line for the journal. */
    private long appendLocked(Rec r) {
        r.seq = ++seq;
        r.at = Instant.now();
        model.apply(r);
        buffer.add(encode(r));
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
                    foldLocked(true);
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
        journal.getFD().sync();
        journalBytes += total;
        statBytes += total;
        statRecords += batch.size();
        statSyncs++;
        durableSeq = Math.max(durableSeq, upTo);
    }

    /**
     * Writes a snapshot of the state as of {@code seq}, rotating backups and moving the journal beside the
     * new backup 1. Caller holds ioLock and stateLock.
     */
    private void foldLocked(boolean rotate) throws IOException {
        try {
            if (journal != null) {
                writeBufferLocked();
            } else {
                buffer.clear();
            }
            byte[] bytes = Json.mapper().writeValueAsBytes(model.toDto(seq));
            Path snap = home.queueStateFile();
            Path journalFile = home.queueJournalFile();
            boolean hadSnapshot = Files.exists(snap);
            if (rotate && hadSnapshot) {
                rotateBackups();
                linkOrCopy(snap, home.queueBackupFile(1));
            }
            AtomicFiles.write(snap, bytes);
            if (journal != null) {
                journal.close();
                journal = null;
            }
            if (Files.exists(journalFile)) {
                if (rotate && hadSnapshot) {
                    Files.move(journalFile, backupJournal(1), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.delete(journalFile);
                }
            }
            openJournal();
            AtomicFiles.fsyncDirectory(home.root());
            AtomicFiles.fsyncDirectory(home.backupsDir());
            snapshotBytes = bytes.length;
            statBytes += bytes.length;
            statFolds++;
            durableSeq = seq;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private Path backupJournal(int n) {
        return home.backupsDir().resolve("queue_state_backup_" + n + ".journal");
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

    private static byte[] encode(Rec r) {
        try {
            byte[] json = LINE_WRITER.writeValueAsBytes(r);
            CRC32 crc = new CRC32();
            crc.update(json);
            String head = String.format("%08x ", crc.getValue());
            byte[] line = new byte[head.length() + json.length + 1];
            System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, line, 0, head.length());
            System.arraycopy(json, 0, line, head.length(), json.length);
            line[line.length - 1] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ loading

    /** Reads the home's queue without changing anything; safe while another process holds the home. */
    public static LoadResult read(Home home) {
        return read(home, Options.defaults());
    }

    static LoadResult read(Home home, Options options) {
        LoadResult r = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            boolean[] raced = new boolean[1];
            r = readOnce(home, options, raced);
            if (!raced[0] && !r.problems().stream().anyMatch(p -> p.startsWith(GAP))) {
                return r;
            }
            // a writer folded between our reads of the snapshot and the journal: read again
            try {
                Thread.sleep(5L * (attempt + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
        return r;
    }

    private static final String GAP = "journal records missing";

    /** Identifies a file version: an atomic replacement is a new inode. */
    private static Object fileKey(Path f) {
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(f,
                    java.nio.file.attribute.BasicFileAttributes.class);
            return a.fileKey() != null ? a.fileKey() : a.lastModifiedTime().toString() + "/" + a.size();
        } catch (IOException e) {
            return null;
        }
    }

    private static LoadResult readOnce(Home home, Options options, boolean[] raced) {
        List<String> problems = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        candidates.add(home.queueStateFile());
        for (int i = 1; i <= options.keepBackups(); i++) {
            candidates.add(home.queueBackupFile(i));
        }
        boolean anyFile = false;
        for (int i = 0; i < candidates.size(); i++) {
            Path file = candidates.get(i);
            Object keyBefore = i == 0 ? fileKey(file) : null;
            Parsed p = parseSnapshot(file);
            if (p.exists) {
                anyFile = true;
            }
            if (p.problem != null) {
                if (i == 0 || p.exists) {
                    problems.add(relative(home, file) + " " + p.problem);
                }
                continue;
            }
            Model model = Model.of(p.state);
            long base = p.state.journalSeq;
            // journals that may continue this snapshot, oldest first
            List<Path> chain = new ArrayList<>();
            for (int b = i; b >= 1; b--) {
                chain.add(home.backupsDir().resolve("queue_state_backup_" + b + ".journal"));
            }
            chain.add(home.queueJournalFile());
            List<String> problemsBefore = new ArrayList<>(problems);
            Replay replay = replay(model, base, chain, problems);
            if (replay.gap && i == 0) {
                // the current journal starts after a fold that happened while we read: the journals kept
                // beside the backups continue our snapshot
                for (int k = 1; k <= options.keepBackups() && replay.gap; k++) {
                    Parsed again = parseSnapshot(file);
                    if (again.state == null || again.state.journalSeq != base) {
                        break;
                    }
                    List<Path> longer = new ArrayList<>();
                    for (int b = k; b >= 1; b--) {
                        longer.add(home.backupsDir().resolve("queue_state_backup_" + b + ".journal"));
                    }
                    longer.add(home.queueJournalFile());
                    Model retry = Model.of(again.state);
                    List<String> retryProblems = new ArrayList<>(problemsBefore);
                    Replay next = replay(retry, base, longer, retryProblems);
                    if (!next.gap) {
                        model = retry;
                        replay = next;
                        problems.clear();
                        problems.addAll(retryProblems);
                    }
                }
            }
            if (i == 0 && !java.util.Objects.equals(keyBefore, fileKey(file))) {
                raced[0] = true;
            }
            QueueStateDto state = model.toDto(replay.lastSeq);
            String what = relative(home, file);
            String changes = replay.applied == 0 ? "" : " plus " + replay.applied + " journal change"
                    + (replay.applied == 1 ? "" : "s");
            String migrated = p.fromVersion != null ? " (migrated from version " + p.fromVersion + ")" : "";
            if (i == 0) {
                String msg = "Loaded " + what + changes + migrated + ": " + state.jobs.size() + " job"
                        + (state.jobs.size() == 1 ? "" : "s") + ".";
                return new LoadResult(state, LoadResult.Source.SNAPSHOT, file, false, p.fromVersion,
                        replay.applied, msg, problems);
            }
            String msg = problems.get(0) + "; recovered the queue from " + what + changes + migrated + ": "
                    + state.jobs.size() + " job" + (state.jobs.size() == 1 ? "" : "s") + ".";
            return new LoadResult(state, LoadResult.Source.BACKUP, file, true, p.fromVersion, replay.applied, msg,
                    problems);
        }
        QueueStateDto empty = QueueStateDto.empty();
        if (!anyFile) {
            List<String> journalProblems = new ArrayList<>();
            Model fromJournal = Model.of(empty);
            Replay replay = replay(fromJournal, 0, List.of(home.queueJournalFile()), journalProblems);
            if (replay.applied == 0) {
                return new LoadResult(empty, LoadResult.Source.NEW, null, false, null, 0,
                        "No queue yet in " + home.root() + ".", List.of());
            }
            // the snapshot was deleted but the journal from the very first change is still there
            problems.addAll(journalProblems);
            QueueStateDto state = fromJournal.toDto(replay.lastSeq);
            String msg = problems.get(0) + "; rebuilt the queue from queue_state.journal (" + replay.applied
                    + " changes): " + state.jobs.size() + " jobs.";
            return new LoadResult(state, LoadResult.Source.NEW, home.queueJournalFile(), true, null,
                    replay.applied, msg, problems);
        }
        String msg = String.join("; ", problems) + "; no valid backup was found, starting an empty queue.";
        return new LoadResult(empty, LoadResult.Source.NEW, null, true, null, 0, msg, problems);
    }

    private static String relative(Home home, Path file) {
        try {
            return home.root().relativize(file).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    private record Parsed(boolean exists, QueueStateDto state, String fromVersion, String problem) {
    }

    private static Parsed parseSnapshot(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Parsed(false, null, null, "is missing");
        } catch (IOException e) {
            return new Parsed(true, null, null, "cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length == 0) {
            return new Parsed(true, null, null, "is empty");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            long at = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                    ? Math.max(jpe.getLocation().getByteOffset(), jpe.getLocation().getCharOffset()) : -1;
            boolean eof = why.contains("end-of-input") || why.contains("Unexpected end") 
                    || (at >= bytes.length - 8 && new String(bytes, 0, Math.min(bytes.length, 64),
                            StandardCharsets.UTF_8).strip().startsWith("{"));
            return new Parsed(true, null, null, eof ? "is truncated" : "is not valid JSON (" + why + ")");
        }
        if (!(tree instanceof ObjectNode root)) {
            return new Parsed(true, null, null, "is not a queue state document");
        }
        String version = root.path("version").asText(null);
        if (!QueueStateMigration.isKnown(version)) {
            return new Parsed(true, null, null, "has unknown version " + (version == null ? "(none)" : "\"" + version + "\""));
        }
        String from = QueueStateDto.CURRENT_VERSION.equals(version) ? null : version;
        QueueStateMigration.migrate(root);
        QueueStateDto state;
        try {
            state = Json.mapper().treeToValue(root, QueueStateDto.class);
        } catch (IOException | IllegalArgumentException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            return new Parsed(true, null, null, "does not follow the queue state schema (" + why + ")");
        }
        String problem = Model.consistencyProblem(state);
        if (problem != null) {
            return new Parsed(true, null, null, "is inconsistent: " + problem);
        }
        return new Parsed(true, state, from, null);
    }

    private record Replay(int applied, long lastSeq, boolean gap) {
    }

    /**
     * Replays the records of {@code files} (oldest first) whose sequence numbers continue {@code base}. A bad
     * last line of a file is a torn write and is ignored; a bad line anywhere else stops the replay.
     */
    private static Replay replay(Model model, long base, List<Path> files, List<String> problems) {
        long last = base;
        int applied = 0;
        boolean sawRecordAfterBase = false;
        for (Path f : files) {
            byte[] data;
            try {
                data = Files.readAllBytes(f);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                problems.add(f.getFileName() + " cannot be read (" + e.getMessage() + ")");
                return new Replay(applied, last, false);
            }
            int start = 0;
            int lineNo = 0;
            while (start < data.length) {
                int nl = indexOf(data, (byte) '\n', start);
                lineNo++;
                boolean lastLine = nl < 0 || nl == data.length - 1;
                int end = nl < 0 ? data.length : nl;
                Rec r = nl < 0 ? null : decode(data, start, end);
                start = nl < 0 ? data.length : nl + 1;
                if (r == null) {
                    if (lastLine) {
                        break; // torn by a crash mid-append: the change was never acknowledged
                    }
                    problems.add(f.getFileName() + " line " + lineNo + " is damaged; later changes were not replayed");
                    return new Replay(applied, last, false);
                }
                if (r.seq <= last) {
                    continue;
                }
                if (r.seq != last + 1) {
                    if (!sawRecordAfterBase) {
                        problems.add(GAP + " between " + last + " and " + r.seq + " in " + f.getFileName());
                        return new Replay(applied, last, true);
                    }
                    problems.add(f.getFileName() + " skips from change " + last + " to " + r.seq
                            + "; later changes were not replayed");
                    return new Replay(applied, last, false);
                }
                sawRecordAfterBase = true;
                try {
                    model.apply(r);
                } catch (RuntimeException e) {
                    problems.add(f.getFileName() + " change " + r.seq + " could not be applied: " + e.getMessage());
                }
                last = r.seq;
                applied++;
            }
        }
        return new Replay(applied, last, false);
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static Rec decode(byte[] data, int start, int end) {
        if (end - start < 10 || data[start + 8] != ' ') {
            return null;
        }
        long crcValue;
        try {
            crcValue = Long.parseLong(new String(data, start, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(data, start + 9, end - start - 9);
        if (crc.getValue() != crcValue) {
            return null;
        }
        try {
            return RECORD_READER.readValue(data, start + 9, end - start - 9);
        } catch (IOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ model

    /** One journal line. Only the fields of its {@code op} are set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Rec {
        public long seq;
        public String op;
        public Instant at;
        public List<JobDto> jobs;
        public List<String> ids;
        public Integer to;
        public JobDto job;
        public String id;
        public Double progress;
        public String message;
        public Double eta;
        public QueueSettingsDto queueSettings;
        public String template;
        public Map<String, Object> globalRenderOptions;
        public Map<String, Object> globalValidationOptions;
        public SessionState sessionState;

        Rec() {
        }

        Rec(String op) {
            this.op = op;
        }
    }

    /** The live state: the document without its jobs, plus the jobs by id in queue order. */
    private static final class Model {
        QueueStateDto head;
        LinkedHashMap<String, JobDto> jobs = new LinkedHashMap<>();

        static Model of(QueueStateDto state) {
            Model m = new Model();
            m.replace(state);
            return m;
        }

        /** Takes over the given state's job objects; its job list itself is left alone. */
        void replace(QueueStateDto state) {
            head = new QueueStateDto();
            head.version = state.version;
            head.queueSessionId = state.queueSessionId;
            head.createdAt = state.createdAt;
            head.lastUpdated = state.lastUpdated;
            head.template = state.template;
            head.sessionState = state.sessionState;
            head.queueSettings = state.queueSettings;
            head.globalRenderOptions = state.globalRenderOptions;
            head.globalValidationOptions = state.globalValidationOptions;
            jobs = new LinkedHashMap<>();
            for (JobDto j : state.jobs) {
                jobs.put(j.id, j);
            }
        }

        QueueStateDto toDto(long seq) {
            QueueStateDto d = new QueueStateDto();
            d.version = QueueStateDto.CURRENT_VERSION;
            d.queueSessionId = head.queueSessionId;
            d.createdAt = head.createdAt;
            d.lastUpdated = head.lastUpdated;
            d.template = head.template;
            d.sessionState = head.sessionState;
            d.queueSettings = head.queueSettings;
            d.globalRenderOptions = head.globalRenderOptions;
            d.globalValidationOptions = head.globalValidationOptions;
            d.jobs = new ArrayList<>(jobs.values());
            d.journalSeq = seq;
            return d;
        }

        static String consistencyProblem(QueueStateDto s) {
            if (s.jobs == null) {
                return "no job list";
            }
            if (s.queueSettings == null) {
                return "no queue settings";
            }
            Set<String> ids = new HashSet<>();
            for (JobDto j : s.jobs) {
                if (j == null || j.id == null || j.id.isBlank()) {
                    return "a job without an id";
                }
                if (!ids.add(j.id)) {
                    return "job id " + j.id + " appears twice";
                }
                if (j.state == null) {
                    return "job " + j.id + " has no state";
                }
                if (j.stlPath == null) {
                    return "job " + j.id + " has no stl_path";
                }
            }
            if (s.globalRenderOptions == null) {
                s.globalRenderOptions = new LinkedHashMap<>();
            }
            if (s.globalValidationOptions == null) {
                s.globalValidationOptions = new LinkedHashMap<>();
            }
            if (s.sessionState == null) {
                s.sessionState = SessionState.STOPPED;
            }
            return null;
        }

        void apply(Rec r) {
            switch (r.op) {
                case "add" -> {
                    for (JobDto j : r.jobs) {
                        if (jobs.containsKey(j.id)) {
                            throw new IllegalArgumentException("job " + j.id + " is already queued");
                        }
                    }
                    for (JobDto j : r.jobs) {
                        jobs.put(j.id, j.copy());
                    }
                }
                case "remove" -> r.ids.forEach(jobs::remove);
                case "move" -> {
                    List<String> rest = new ArrayList<>(jobs.keySet());
                    rest.removeAll(new HashSet<>(r.ids));
                    int at = Math.max(0, Math.min(r.to == null ? rest.size() : r.to, rest.size()));
                    List<String> order = new ArrayList<>(rest.subList(0, at));
                    for (String id : r.ids) {
                        if (jobs.containsKey(id)) {
                            order.add(id);
                        }
                    }
                    order.addAll(rest.subList(at, rest.size()));
                    reorderTo(order);
                }
                case "reorder" -> reorderTo(r.ids);
                case "job" -> {
                    if (!jobs.containsKey(r.job.id)) {
                        throw new IllegalArgumentException("no job " + r.job.id);
                    }
                    jobs.put(r.job.id, r.job.copy());
                }
                case "progress" -> {
                    JobDto j = jobs.get(r.id);
                    if (j != null) {
                        j.progress = r.progress == null ? j.progress : r.progress;
                        j.progressMessage = r.message;
                        j.etaSeconds = r.eta;
                    }
                }
                case "settings" -> head.queueSettings = r.queueSettings;
                case "options" -> {
                    if (r.template != null) {
                        head.template = r.template;
                    }
                    if (r.globalRenderOptions != null) {
                        head.globalRenderOptions = r.globalRenderOptions;
                    }
                    if (r.globalValidationOptions != null) {
                        head.globalValidationOptions = r.globalValidationOptions;
                    }
                }
                case "session" -> head.sessionState = r.sessionState;
                default -> throw new IllegalArgumentException("unknown change \"" + r.op + "\"");
            }
            if (r.at != null) {
                head.lastUpdated = r.at;
            }
        }

        private void reorderTo(List<String> order) {
            LinkedHashMap<String, JobDto> next = new LinkedHashMap<>();
            for (String id : order) {
                JobDto j = jobs.get(id);
                if (j != null) {
                    next.put(id, j);
                }
            }
            for (Map.Entry<String, JobDto> e : jobs.entrySet()) {
                next.putIfAbsent(e.getKey(), e.getValue());
            }
            jobs = next;
        }
    }
}
