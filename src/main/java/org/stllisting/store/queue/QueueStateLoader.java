package org.stllisting.store.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.JsonLimitException;
import org.stllisting.store.JsonLimits;

/**
 * Reads a home's queue state without changing anything (see docs/ARCHITECTURE.md, "Recovery").
 *
 * <p>The files: {@code queue_state.json} (the snapshot, as of its {@code journal_seq}), the live journal
 * {@code queue_state.journal} and its copy {@code backups/queue_state_current.journal} (every change is
 * written to both), and {@code backups/queue_state_backup_N.json}, each followed by the journal
 * {@code backups/queue_state_backup_N.journal} that leads from it to the next newer snapshot.
 *
 * <p>The fast path is the snapshot plus the records of the two live journals. When that does not account
 * for every change known, every file is read: the valid records of all journals are pooled by sequence
 * number (a damaged line costs only itself, since the same record usually exists in another file), and each
 * usable starting point — a snapshot, a backup, a {@code replace} record, or the empty queue before change
 * 1 — is followed through the records that continue it. The starting point that reaches the newest change
 * wins. Whatever remains past it is reported as lost, with the jobs it named, never silently dropped.
 */
final class QueueStateLoader {
    private QueueStateLoader() {
    }

    /**
     * The reason given for a file that is whole but larger than this process may read (its memory limit):
     * such a file is not damaged, and the queue is not opened for writing over it.
     */
    static final String TOO_LARGE = "cannot be read with the memory this program has: ";

    /** The copy of the live journal, kept in {@code backups/} so that one damaged file cannot lose a change. */
    static Path journalCopy(Home home) {
        return home.backupsDir().resolve("queue_state_current.journal");
    }

    static Path backupJournal(Home home, int n) {
        return home.backupsDir().resolve("queue_state_backup_" + n + ".journal");
    }

    static LoadResult read(Home home, int keepBackups) {
        LoadResult r = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            boolean[] raced = new boolean[1];
            r = readOnce(home, keepBackups, raced);
            if (!raced[0]) {
                return r;
            }
            // a writer folded while we read: read again
            try {
                Thread.sleep(5L * (attempt + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------ files

    /** One snapshot file as found. {@code peekSeq}/{@code peekJobs} come from a readable but unusable file. */
    record Snap(Path file, String rel, boolean exists, QueueStateDto state, String fromVersion, String problem,
            long peekSeq, int peekJobs) {
    }

    /** One journal file as found: its valid records, its damaged lines, and whether its last line is torn. */
    record JournalFile(Path file, String rel, boolean exists, List<JournalRecord> records, List<Integer> damagedLines,
            boolean tornTail, String readProblem, boolean isEmpty) {
        /** Its first line is a valid record (every journal this program writes starts with its fold mark). */
        boolean startsWithRecord() {
            return readProblem == null && !records.isEmpty() && !damagedLines.contains(1) && !(tornTail
                    && records.isEmpty());
        }

        long maxSeq() {
            return records.isEmpty() ? 0 : records.get(records.size() - 1).seq;
        }

        boolean hasRecordsAfter(long base) {
            return records.stream().anyMatch(r -> r.seq > base);
        }
    }

    private record Base(String label, Path file, LoadResult.Source source, int order, QueueStateDto state, long seq,
            String fromVersion) {
    }

    private static LoadResult readOnce(Home home, int keep, boolean[] raced) {
        Path snapFile = home.queueStateFile();
        Object keyBefore = fileKey(snapFile);
        Snap snap = parseSnapshot(home, snapFile);
        // the copy first: the journal is written before it, so read in this order the journal is never
        // behind its copy, even while a writer appends between the two reads
        JournalFile copy = readJournal(home, journalCopy(home));
        JournalFile live = readJournal(home, home.queueJournalFile());
        if (snap.state() != null) {
            TreeMap<Long, JournalRecord> pool = new TreeMap<>();
            Map<Long, JournalFile> origin = new LinkedHashMap<>();
            pool(pool, origin, List.of(live, copy));
            long base = snap.state().journalSeq;
            long newest = pool.isEmpty() ? base : Math.max(base, pool.lastKey());
            if (reach(pool, base) >= newest) {
                List<String> problems = new ArrayList<>();
                Map<Path, String> damaged = new LinkedHashMap<>();
                liveJournalProblems(live, copy, base, problems, damaged);
                List<String> lost = new ArrayList<>();
                if (snap.fromVersion() == null || live.exists() || copy.exists()) {
                    // a version 1.0 writer kept no journal: none beside its snapshot is no loss
                    liveJournalLoss(live, copy, lost, damaged);
                }
                QueueModel model = QueueModel.of(snap.state());
                int applied = replay(model, pool, base, newest, problems);
                raced[0] = !Objects.equals(keyBefore, fileKey(snapFile));
                return result(new Base(snap.rel(), snapFile, LoadResult.Source.SNAPSHOT, 0, snap.state(), base,
                        snap.fromVersion()), model, newest, applied, problems, lost, damaged, newest);
            }
        }
        LoadResult full = readEverything(home, keep, snap, live, copy);
        // a valid snapshot older than the starting point chosen was replaced while we read
        boolean superseded = snap.state() != null && full.state().journalSeq > snap.state().journalSeq
                && full.source() != LoadResult.Source.SNAPSHOT;
        raced[0] = superseded || !Objects.equals(keyBefore, fileKey(snapFile));
        return full;
    }

    /**
     * The slow path: every snapshot, every backup and every journal — the {@code keep} the writer keeps, and any
     * further ones left by a writer that kept more (the home's keep count is a setting that may have been higher,
     * and a reader without the lock does not know it).
     */
    private static LoadResult readEverything(Home home, int keepBackups, Snap snap, JournalFile live,
            JournalFile copy) {
        int keep = Math.max(keepBackups, highestBackup(home));
        List<String> problems = new ArrayList<>();
        Map<Path, String> damaged = new LinkedHashMap<>();
        List<Snap> snaps = new ArrayList<>();
        snaps.add(snap);
        for (int i = 1; i <= keep; i++) {
            snaps.add(parseSnapshot(home, home.queueBackupFile(i)));
        }
        boolean anyFile = false;
        for (int i = 0; i < snaps.size(); i++) {
            Snap s = snaps.get(i);
            anyFile |= s.exists();
            if (s.problem() != null && (i == 0 || s.exists())) {
                problems.add(s.rel() + " " + s.problem());
                if (s.exists()) {
                    damaged.put(s.file(), s.problem());
                }
            }
        }
        List<JournalFile> journals = new ArrayList<>();
        for (int i = keep; i >= 1; i--) {
            journals.add(readJournal(home, backupJournal(home, i)));
        }
        journals.add(live);
        journals.add(copy);
        TreeMap<Long, JournalRecord> pool = new TreeMap<>();
        Map<Long, JournalFile> origin = new LinkedHashMap<>();
        pool(pool, origin, journals);
        for (JournalFile j : journals) {
            anyFile |= j.exists() && !j.records().isEmpty();
            if (j.readProblem() != null) {
                problems.add(j.rel() + " " + j.readProblem());
            }
            for (int line : j.damagedLines()) {
                problems.add(j.rel() + " line " + line + " is damaged");
                damaged.putIfAbsent(j.file(), "line " + line + " is damaged");
            }
        }

        // every place replay can start from
        List<Base> bases = new ArrayList<>();
        for (int i = 0; i < snaps.size(); i++) {
            Snap s = snaps.get(i);
            if (s.state() != null) {
                bases.add(new Base(s.rel(), s.file(), i == 0 ? LoadResult.Source.SNAPSHOT : LoadResult.Source.BACKUP, i,
                        s.state(), s.state().journalSeq, s.fromVersion()));
            }
        }
        for (JournalRecord r : pool.values()) {
            if (JournalRecord.REPLACE.equals(r.op) && r.state != null
                    && QueueModel.consistencyProblem(r.state.copy()) == null) {
                JournalFile f = origin.get(r.seq);
                bases.add(new Base(f.rel(), f.file(), LoadResult.Source.NEW, 100, r.state, r.seq, null));
            }
        }
        QueueStateDto empty = QueueStateDto.empty();
        bases.add(new Base("journals", home.queueJournalFile(), LoadResult.Source.NEW, 200, empty, 0, null));

        Base best = null;
        long bestReach = -1;
        for (Base b : bases) {
            long r = reach(pool, b.seq());
            if (r > bestReach || (r == bestReach && better(b, best))) {
                best = b;
                bestReach = r;
            }
        }
        long newest = pool.isEmpty() ? 0 : pool.lastKey();
        for (Snap s : snaps) {
            newest = Math.max(newest, s.state() != null ? s.state().journalSeq : s.peekSeq());
        }
        QueueModel model = QueueModel.of(best.state().copy());
        int applied = replay(model, pool, best.seq(), bestReach, problems);
        List<String> lost = new ArrayList<>();
        if (bestReach < newest) {
            describeLoss(home, pool, origin, snaps, bestReach, newest, lost, damaged);
        }
        if (anyFile) {
            liveJournalLoss(live, copy, lost, damaged);
        }
        if (!anyFile && applied == 0 && lost.isEmpty()) {
            return new LoadResult(empty, LoadResult.Source.NEW, null, false, null, 0,
                    "No queue yet in " + home.root() + ".", List.of());
        }
        if (best.order() == 200 && applied == 0) {
            String msg = (problems.isEmpty() ? "" : String.join("; ", problems) + "; ")
                    + "no valid backup was found, starting an empty queue.";
            return new LoadResult(empty, LoadResult.Source.NEW, null, true, null, 0, withLoss(msg, lost), problems,
                    lost, damaged, null, newest);
        }
        return result(best, model, bestReach, applied, problems, lost, damaged, newest);
    }

    /** The most backups ever kept, that a reader looks at. */
    private static final int MOST_BACKUPS = 1000;
    private static final Pattern BACKUP_NAME = Pattern.compile("queue_state_backup_([0-9]{1,4})\\.(json|journal)");

    /** The highest N of a {@code queue_state_backup_N} file in {@code backups/} (at most {@link #MOST_BACKUPS}), or 0. */
    static int highestBackup(Home home) {
        int highest = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(home.backupsDir(), "queue_state_backup_*")) {
            for (Path f : files) {
                Matcher m = BACKUP_NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    highest = Math.max(highest, Math.min(MOST_BACKUPS, Integer.parseInt(m.group(1))));
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // no backups folder, or one that cannot be listed: the files the keep count names are still tried
        }
        return highest;
    }

    /** Prefer the newer starting point (less to replay), then the snapshot before the backups. */
    private static boolean better(Base b, Base than) {
        if (than == null) {
            return true;
        }
        if (b.seq() != than.seq()) {
            return b.seq() > than.seq();
        }
        return b.order() < than.order();
    }

    private static LoadResult result(Base base, QueueModel model, long lastSeq, int applied, List<String> problems,
            List<String> lost, Map<Path, String> damaged, long newest) {
        QueueStateDto state = model.toDto(lastSeq);
        String jobs = state.jobs.size() + " job" + (state.jobs.size() == 1 ? "" : "s");
        String migrated = base.fromVersion() != null ? " (migrated from version " + base.fromVersion() + ")" : "";
        String changes = applied == 0 ? "" : " plus " + applied + " journal change" + (applied == 1 ? "" : "s");
        String msg;
        boolean fellBack = base.source() != LoadResult.Source.SNAPSHOT;
        if (!fellBack) {
            msg = "Loaded " + base.label() + changes + migrated + ": " + jobs + ".";
        } else if (base.source() == LoadResult.Source.BACKUP) {
            msg = lead(problems) + "recovered the queue from " + base.label() + changes + migrated + ": " + jobs + ".";
        } else {
            msg = lead(problems) + "rebuilt the queue from " + (base.order() == 200 ? "queue_state.journal" : base.label())
                    + " (" + applied + " changes): " + jobs + ".";
        }
        return new LoadResult(state, base.source(), base.file(), fellBack, base.fromVersion(), applied,
                withLoss(msg, lost), problems, lost, damaged, null, newest);
    }

    private static String lead(List<String> problems) {
        return problems.isEmpty() ? "" : problems.get(0) + "; ";
    }

    private static String withLoss(String msg, List<String> lost) {
        return lost.isEmpty() ? msg : msg + " Not recovered: " + String.join("; ", lost) + ".";
    }

    // ------------------------------------------------------------------------------------------ replay

    private static void pool(TreeMap<Long, JournalRecord> pool, Map<Long, JournalFile> origin, List<JournalFile> files) {
        for (JournalFile f : files) {
            for (JournalRecord r : f.records()) {
                if (pool.putIfAbsent(r.seq, r) == null) {
                    origin.put(r.seq, f);
                }
            }
        }
    }

    /** The last sequence number reached from {@code base} through consecutive records. */
    private static long reach(TreeMap<Long, JournalRecord> pool, long base) {
        long at = base;
        while (pool.containsKey(at + 1)) {
            at++;
        }
        return at;
    }

    /** Applies records {@code from+1 .. to}; returns how many changes (not fold marks) were applied. */
    private static int replay(QueueModel model, TreeMap<Long, JournalRecord> pool, long from, long to,
            List<String> problems) {
        int applied = 0;
        for (JournalRecord r : pool.subMap(from, false, to, true).values()) {
            try {
                model.apply(r);
            } catch (RuntimeException e) {
                problems.add("change " + r.seq + " could not be applied: " + e.getMessage());
            }
            if (!JournalRecord.FOLD.equals(r.op)) {
                applied++;
            }
        }
        return applied;
    }

    /** Problems of the two live journals that the fast path could work around. */
    private static void liveJournalProblems(JournalFile live, JournalFile copy, long base, List<String> problems,
            Map<Path, String> damaged) {
        for (JournalFile[] pair : new JournalFile[][] {{live, copy}, {copy, live}}) {
            JournalFile f = pair[0];
            JournalFile other = pair[1];
            if (f.readProblem() != null) {
                problems.add(f.rel() + " " + f.readProblem() + "; " + other.rel() + " holds its changes");
            }
            for (int line : f.damagedLines()) {
                problems.add(f.rel() + " line " + line + " is damaged; " + other.rel() + " holds its changes");
                damaged.putIfAbsent(f.file(), "line " + line + " is damaged");
            }
        }
        // the journal is written before its copy, so it can never legitimately hold fewer changes
        if (copy.maxSeq() > Math.max(base, live.maxSeq()) && live.readProblem() == null) {
            problems.add(live.rel() + (live.exists() ? " ends before change " + copy.maxSeq() : " is missing") + "; "
                    + copy.rel() + " holds its changes");
            if (live.exists()) {
                damaged.putIfAbsent(live.file(), "ends at change " + live.maxSeq() + " of " + copy.maxSeq());
            }
        }
    }

    /**
     * The live journal and its copy are written with the same lines, the journal first; each starts with the
     * fold mark of the snapshot it follows. When neither starts that way, or both end in a torn line, the
     * changes since the last snapshot are gone from both and cannot even be counted: say so.
     */
    private static void liveJournalLoss(JournalFile live, JournalFile copy, List<String> lost,
            Map<Path, String> damaged) {
        boolean liveBad = !live.exists() || (live.isEmpty() ? copy.exists() : !live.startsWithRecord());
        boolean copyBad = !copy.exists() || copy.isEmpty() || !copy.startsWithRecord();
        if (liveBad && copyBad) {
            lost.add("the changes made since the last snapshot: both " + live.rel() + " and its copy " + copy.rel()
                    + " are missing or damaged");
            for (JournalFile f : List.of(live, copy)) {
                if (f.exists()) {
                    damaged.putIfAbsent(f.file(), "damaged, and so is the other copy of the journal");
                }
            }
        } else if ((liveBad || live.tornTail()) && (copyBad || copy.tornTail())) {
            lost.add("the last changes written before the program stopped: no copy of the journal holds them whole ("
                    + live.rel() + " and " + copy.rel() + " are cut short or missing: a power cut while they were"
                    + " written, or damage)");
        }
    }

    private static void describeLoss(Home home, TreeMap<Long, JournalRecord> pool, Map<Long, JournalFile> origin,
            List<Snap> snaps, long reached, long newest, List<String> lost, Map<Path, String> damaged) {
        lost.add("changes " + (reached + 1) + " to " + newest + " of the queue (every file that held change "
                + (reached + 1) + " is damaged or missing)");
        Set<String> names = new LinkedHashSet<>();
        Map<JournalFile, long[]> unreplayed = new LinkedHashMap<>();
        for (JournalRecord r : pool.tailMap(reached, false).values()) {
            if (r.jobs != null) {
                r.jobs.forEach(j -> names.add(name(j)));
            }
            if (r.job != null) {
                names.add(name(r.job));
            }
            if (r.state != null && r.state.jobs != null) {
                r.state.jobs.forEach(j -> names.add(name(j)));
            }
            long[] range = unreplayed.computeIfAbsent(origin.get(r.seq), f -> new long[] {r.seq, r.seq});
            range[1] = r.seq;
        }
        names.remove(null);
        if (!names.isEmpty()) {
            List<String> shown = new ArrayList<>(names).subList(0, Math.min(10, names.size()));
            lost.add("the later changes that could not be replayed name " + names.size() + " job"
                    + (names.size() == 1 ? "" : "s") + " (" + String.join(", ", shown)
                    + (names.size() > shown.size() ? ", …" : "") + ")");
        }
        for (Snap s : snaps) {
            if (s.state() == null && s.peekSeq() > reached) {
                lost.add(s.rel() + " held " + s.peekJobs() + " job" + (s.peekJobs() == 1 ? "" : "s") + " as of change "
                        + s.peekSeq() + " but " + s.problem());
            }
        }
        unreplayed.forEach((f, range) -> damaged.putIfAbsent(f.file(),
                "holds changes " + range[0] + " to " + range[1] + " that could not be replayed"));
    }

    private static String name(JobDto j) {
        if (j == null || j.stlPath == null) {
            return null;
        }
        Path p = Path.of(j.stlPath).getFileName();
        return p == null ? j.stlPath : p.toString();
    }

    // ------------------------------------------------------------------------------------------ parsing

    static String relative(Home home, Path file) {
        try {
            return home.root().relativize(file).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    /** Identifies a file version: an atomic replacement is a new inode. */
    private static Object fileKey(Path f) {
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(f,
                    java.nio.file.attribute.BasicFileAttributes.class);
            return a.fileKey() + "/" + a.lastModifiedTime() + "/" + a.size();
        } catch (IOException e) {
            return null;
        }
    }

    static Snap parseSnapshot(Home home, Path file) {
        String rel = relative(home, file);
        byte[] bytes;
        try {
            bytes = Json.readAllBytes(file, JsonLimits.QUEUE_STATE);
        } catch (NoSuchFileException e) {
            return new Snap(file, rel, false, null, null, "is missing", -1, 0);
        } catch (JsonLimitException e) {
            return new Snap(file, rel, true, null, null, TOO_LARGE + e.reason(), -1, 0);
        } catch (IOException e) {
            return new Snap(file, rel, true, null, null, "cannot be read (" + e.getMessage() + ")", -1, 0);
        }
        if (bytes.length == 0) {
            return new Snap(file, rel, true, null, null, "is empty", -1, 0);
        }
        JsonNode tree;
        try {
            tree = Json.readTree(bytes, rel, JsonLimits.QUEUE_STATE);
        } catch (JsonLimitException e) {
            return new Snap(file, rel, true, null, null, TOO_LARGE + e.reason(), -1, 0);
        } catch (IOException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            long at = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                    ? Math.max(jpe.getLocation().getByteOffset(), jpe.getLocation().getCharOffset()) : -1;
            boolean eof = why.contains("end-of-input") || why.contains("Unexpected end")
                    || (at >= bytes.length - 8 && new String(bytes, 0, Math.min(bytes.length, 64),
                            StandardCharsets.UTF_8).strip().startsWith("{"));
            return new Snap(file, rel, true, null, null, eof ? "is truncated" : "is not valid JSON (" + why + ")", -1, 0);
        }
        if (!(tree instanceof ObjectNode root)) {
            return new Snap(file, rel, true, null, null, "is not a queue state document", -1, 0);
        }
        long peekSeq = root.path("journal_seq").asLong(-1);
        int peekJobs = root.path("jobs").size();
        String version = root.path("version").asText(null);
        if (!QueueStateMigration.isKnown(version)) {
            return new Snap(file, rel, true, null, null, "has unknown version "
                    + (version == null ? "(none)" : "\"" + version + "\" (written by a newer version of the program?)"),
                    peekSeq, peekJobs);
        }
        String from = QueueStateDto.CURRENT_VERSION.equals(version) ? null : version;
        QueueStateMigration.migrate(root);
        QueueStateDto state;
        try {
            state = Json.treeToValue(root, QueueStateDto.class, rel, JsonLimits.QUEUE_STATE);
        } catch (JsonLimitException e) {
            return new Snap(file, rel, true, null, null, TOO_LARGE + e.reason(), peekSeq, peekJobs);
        } catch (IOException | IllegalArgumentException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            return new Snap(file, rel, true, null, null, "does not follow the queue state schema (" + why + ")",
                    peekSeq, peekJobs);
        }
        String problem = QueueModel.consistencyProblem(state);
        if (problem != null) {
            return new Snap(file, rel, true, null, null, "is inconsistent: " + problem, peekSeq, peekJobs);
        }
        return new Snap(file, rel, true, state, from, null, -1, 0);
    }

    static JournalFile readJournal(Home home, Path file) {
        String rel = relative(home, file);
        byte[] data;
        try {
            data = Json.readAllBytes(file, JsonLimits.QUEUE_JOURNAL);
        } catch (NoSuchFileException e) {
            return new JournalFile(file, rel, false, List.of(), List.of(), false, null, true);
        } catch (IOException e) {
            return new JournalFile(file, rel, true, List.of(), List.of(), false, "cannot be read (" + e.getMessage() + ")",
                    false);
        }
        List<JournalRecord> records = new ArrayList<>();
        List<Integer> damagedLines = new ArrayList<>();
        boolean torn = false;
        int start = 0;
        int lineNo = 0;
        while (start < data.length) {
            int nl = indexOf(data, (byte) '\n', start);
            lineNo++;
            boolean lastLine = nl < 0 || nl == data.length - 1;
            int end = nl < 0 ? data.length : nl;
            JournalRecord r = nl < 0 ? null : JournalRecord.decode(data, start, end);
            start = nl < 0 ? data.length : nl + 1;
            if (r == null) {
                if (lastLine) {
                    torn = true; // a crash mid-append: that change was never acknowledged
                } else {
                    damagedLines.add(lineNo);
                }
                continue;
            }
            records.add(r);
        }
        records.sort((a, b) -> Long.compare(a.seq, b.seq));
        return new JournalFile(file, rel, true, records, damagedLines, torn, null, data.length == 0);
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
