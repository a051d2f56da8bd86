package org.stllisting.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateDto;

/**
 * Compares the soak's result with the reference run's.
 *
 * <p><b>Output tree.</b> Every file and symbolic link below the two output folders must exist in both and be
 * equal byte for byte (links: the same target), except these, whose differences are legitimate:
 * <ul>
 * <li>{@code queue_summary.json}: compared as JSON without {@code session_id}, {@code started_at},
 * {@code updated_at} and, per job, {@code id}, {@code duration_seconds}, {@code attempts} (a killed attempt
 * counts) and {@code files} (checked on its own as a file list, below).</li>
 * <li>{@code processing_log.txt}: timestamps and the {@code (attempt N)} of a restarted job removed, then, model by
 * model, the same distinct lines (a killed job is "started" again).</li>
 * <li>{@code report.html}: compared without its header line (the output folder and the run's times).</li>
 * <li>Any other {@code .log} (each model's {@code logs/*_processing.log}, {@code failed/*_error.log}):
 * timestamps, durations ({@code in 0.12 s}) and {@code attempt N started} lines removed; the reference's lines
 * must then appear in the same order in the resumed log, which may repeat a line (a step cut off before its
 * checkpoint runs again) but may have none the reference lacks.</li>
 * </ul>
 *
 * <p><b>History.</b> Every model has exactly one history row (duplicates and missing rows counted apart), with the
 * reference's state, validation result, error, warnings, source size and checksum, output folder, template and
 * file list. A file list is <em>short</em> when it lacks any file of the reference's list (the reference's lists
 * equal the files its run left on disk, and the trees are compared above); every listed file must exist.
 * {@code queue_summary.json}'s list for each job is checked the same way.
 *
 * <p><b>Queue and checkpoints.</b> Every job is in a final state equal to the reference's, and no completed step
 * ran twice (a checkpoint's {@code run_count} above 1).
 */
final class SoakCheck {
    /** The line of {@code report.html} that names the output folder and the run's times. */
    private static final Pattern REPORT_HEADER = Pattern.compile("<p class=\"meta\">[^\n]*\n");
    private static final Pattern INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern DURATION = Pattern.compile(" in \\d+(\\.\\d+)? s\\b");
    private static final Pattern ATTEMPT_LINE = Pattern.compile("^\\s*attempt \\d+ started\\s*$");
    private static final Pattern ATTEMPT_SUFFIX = Pattern.compile(" \\(attempt \\d+\\)");
    private static final List<String> SUMMARY_FIELDS = List.of("session_id", "started_at", "updated_at");
    private static final List<String> SUMMARY_JOB_FIELDS = List.of("id", "duration_seconds", "attempts", "files");

    private final Home refHome;
    private final Path refOut;
    private final Home home;
    private final Path out;
    private final List<Path> models;
    private final List<Soak.Kill> kills;
    private final List<SoakReport.Finding> findings = new ArrayList<>();

    int filesCompared;
    int mismatches;
    int logDifferences;
    int shortHistoryLists;
    int shortSummaryLists;
    int duplicateRows;
    int missingRows;
    int historyRows;
    int stepsRedone;
    int jobsNotFinal;

    SoakCheck(Home refHome, Path refOut, Home home, Path out, List<Path> models, List<Soak.Kill> kills) {
        this.refHome = refHome;
        this.refOut = refOut;
        this.home = home;
        this.out = out;
        this.models = models;
        this.kills = kills;
    }

    List<SoakReport.Finding> findings() {
        return findings;
    }

    /** A model's name as the output uses it: the source's file name without {@code .stl}. */
    static String modelOf(String stlPath) {
        Path f = Path.of(stlPath).getFileName();
        String n = f == null ? stlPath : f.toString();
        return n.toLowerCase(java.util.Locale.ROOT).endsWith(".stl") ? n.substring(0, n.length() - 4) : n;
    }

    void run() throws IOException {
        compareTrees();
        checkHistory();
        checkSummaryLists();
        checkQueue();
    }

    // ------------------------------------------------------------------------------------------ tree

    void compareTrees() throws IOException {
        Map<String, Path> a = files(refOut);
        Map<String, Path> b = Files.isDirectory(out) ? files(out) : Map.of();
        Set<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        for (String rel : all) {
            Path x = a.get(rel);
            Path y = b.get(rel);
            if (y == null) {
                mismatch(rel, "missing (the reference has it)");
                continue;
            }
            if (x == null) {
                mismatch(rel, "not in the reference" + (org.stllisting.output.OutputFiles.isPartial(y)
                        ? " (a partial file left behind)" : ""));
                continue;
            }
            filesCompared++;
            String diff = difference(rel, x, y);
            if (diff != null && isLog(rel)) {
                logDifferences++;
                // processing_log.txt's difference starts with the model it concerns
                String model = rel.equals("processing_log.txt") && diff.contains(":")
                        ? diff.substring(0, diff.indexOf(':')) : modelOfPath(rel);
                findings.add(new SoakReport.Finding("log", rel, diff, killsTouching(model)));
            } else if (diff != null) {
                mismatch(rel, diff);
            }
        }
    }

    /** The logs, compared line by line after normalizing; every other file byte for byte. */
    static boolean isLog(String rel) {
        return rel.equals("processing_log.txt") || rel.endsWith(".log");
    }

    private void mismatch(String rel, String detail) {
        mismatches++;
        findings.add(new SoakReport.Finding("mismatch", rel, detail, killsTouching(modelOfPath(rel))));
    }

    /** Relative path (with '/') to file or link, below {@code root}. */
    private static Map<String, Path> files(Path root) throws IOException {
        Map<String, Path> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(root.relativize(p).toString().replace('\\', '/'), p);
                }
            }
        }
        return m;
    }

    /** Null when the two are equal as far as the soak compares them, else what differs. */
    String difference(String rel, Path x, Path y) throws IOException {
        boolean lx = Files.isSymbolicLink(x);
        boolean ly = Files.isSymbolicLink(y);
        if (lx || ly) {
            if (lx != ly) {
                return lx ? "a file where the reference has a link" : "a link where the reference has a file";
            }
            Path tx = Files.readSymbolicLink(x);
            Path ty = Files.readSymbolicLink(y);
            return tx.equals(ty) ? null : "link to " + ty + ", the reference's to " + tx;
        }
        byte[] bx = Files.readAllBytes(x);
        byte[] by = Files.readAllBytes(y);
        if (Arrays.equals(bx, by)) {
            return null;
        }
        String name = rel.contains("/") ? rel.substring(rel.lastIndexOf('/') + 1) : rel;
        if (rel.equals("queue_summary.json")) {
            return summaryDifference(bx, by);
        }
        if (rel.equals("processing_log.txt")) {
            return queueLogDifference(text(bx), text(by));
        }
        if (rel.equals("report.html")) {
            String mine = REPORT_HEADER.matcher(text(by)).replaceFirst("");
            return mine.equals(REPORT_HEADER.matcher(text(bx)).replaceFirst("")) ? null
                    : "differs from the reference's beyond its header line (output folder and times)";
        }
        if (isLog(name)) {
            return jobLogDifference(text(bx), text(by));
        }
        int at = Arrays.mismatch(bx, by);
        return String.format(java.util.Locale.ROOT, "%d bytes, the reference %d; first difference at byte %d",
                by.length, bx.length, at);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A log line with its timestamps and durations removed; null for a line that only says an attempt began. */
    static String normalizeLine(String line) {
        String l = INSTANT.matcher(line).replaceAll("").strip();
        if (ATTEMPT_LINE.matcher(l).matches()) {
            return null;
        }
        l = ATTEMPT_SUFFIX.matcher(l).replaceAll("");
        return DURATION.matcher(l).replaceAll("");
    }

    static List<String> normalizedLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String n = normalizeLine(line);
            if (n != null && !n.isEmpty()) {
                lines.add(n);
            }
        }
        return lines;
    }

    /** The resumed job log must hold the reference's lines in order and nothing else (repeats allowed). */
    static String jobLogDifference(String ref, String soak) {
        List<String> r = normalizedLines(ref);
        List<String> s = normalizedLines(soak);
        Set<String> known = new LinkedHashSet<>(r);
        for (String line : s) {
            if (!known.contains(line)) {
                return "a line the reference's log lacks: \"" + line + "\"";
            }
        }
        int i = 0;
        for (String line : s) {
            if (i < r.size() && r.get(i).equals(line)) {
                i++;
            }
        }
        return i == r.size() ? null : "the reference's line \"" + r.get(i) + "\" is missing or out of order";
    }

    /** {@code processing_log.txt}: per model, the same distinct lines. */
    static String queueLogDifference(String ref, String soak) {
        Map<String, Set<String>> r = byModel(ref);
        Map<String, Set<String>> s = byModel(soak);
        if (r.equals(s)) {
            return null;
        }
        Set<String> names = new TreeSet<>(r.keySet());
        names.addAll(s.keySet());
        for (String n : names) {
            Set<String> a = r.getOrDefault(n, Set.of());
            Set<String> b = s.getOrDefault(n, Set.of());
            if (!a.equals(b)) {
                Set<String> missing = new TreeSet<>(a);
                missing.removeAll(b);
                Set<String> extra = new TreeSet<>(b);
                extra.removeAll(a);
                return n + ": missing " + missing + ", not in the reference " + extra;
            }
        }
        return null;
    }

    private static Map<String, Set<String>> byModel(String text) {
        Map<String, Set<String>> m = new TreeMap<>();
        for (String line : normalizedLines(text)) {
            String[] parts = line.split("\\s{2,}", 2);
            m.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts.length > 1 ? parts[1] : "");
        }
        return m;
    }

    /** {@code queue_summary.json} without the fields that legitimately differ; jobs matched by source. */
    static String summaryDifference(byte[] ref, byte[] soak) {
        JsonNode a;
        JsonNode b;
        try {
            a = normalizedSummary(ref);
        } catch (IOException e) {
            return "the reference's summary does not parse: " + e.getMessage();
        }
        try {
            b = normalizedSummary(soak);
        } catch (IOException e) {
            return "does not parse: " + e.getMessage();
        }
        if (a.equals(b)) {
            return null;
        }
        return "differs at " + firstDifference("", a, b);
    }

    private static JsonNode normalizedSummary(byte[] bytes) throws IOException {
        JsonNode n = Json.mapper().readTree(bytes);
        if (n instanceof ObjectNode o) {
            SUMMARY_FIELDS.forEach(o::remove);
            JsonNode jobs = o.get("jobs");
            if (jobs != null && jobs.isArray()) {
                for (JsonNode j : jobs) {
                    if (j instanceof ObjectNode oj) {
                        SUMMARY_JOB_FIELDS.forEach(oj::remove);
                    }
                }
            }
        }
        return n;
    }

    private static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String f : names) {
                if (!Objects.equals(a.get(f), b.get(f))) {
                    return firstDifference(path + "." + f, a.get(f), b.get(f));
                }
            }
        }
        if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    return firstDifference(path + "[" + i + "]", a.get(i), b.get(i));
                }
            }
        }
        return path + ": " + b + ", the reference " + a;
    }

    // ------------------------------------------------------------------------------------------ history

    private void checkHistory() throws IOException {
        Map<String, HistoryRecord> reference = new HashMap<>();
        for (HistoryRecord r : HistoryStore.open(refHome.historyDb()).list(1_000_000)) {
            reference.put(r.stlPath(), r);
        }
        if (reference.size() != models.size()) {
            findings.add(new SoakReport.Finding("reference", refHome.historyDb().toString(), "the reference has "
                    + reference.size() + " history rows for " + models.size() + " models", List.of()));
        }
        List<HistoryRecord> rows = Files.exists(home.historyDb())
                ? HistoryStore.open(home.historyDb()).list(1_000_000) : List.of();
        historyRows = rows.size();
        Map<String, List<HistoryRecord>> bySource = new LinkedHashMap<>();
        Set<String> ids = new java.util.HashSet<>();
        for (HistoryRecord r : rows) {
            bySource.computeIfAbsent(r.stlPath(), k -> new ArrayList<>()).add(r);
            if (!ids.add(r.id())) {
                duplicateRows++;
                findings.add(new SoakReport.Finding("duplicate row", "job_history.db", "job " + r.id()
                        + " has more than one row", killsTouching(modelOf(r.stlPath()))));
            }
        }
        for (Path m : models) {
            String src = m.toString();
            String model = modelOf(src);
            List<HistoryRecord> mine = bySource.getOrDefault(src, List.of());
            if (mine.isEmpty()) {
                missingRows++;
                findings.add(new SoakReport.Finding("missing row", "job_history.db", model + " has no history row",
                        killsTouching(model)));
                continue;
            }
            if (mine.size() > 1) {
                duplicateRows += mine.size() - 1;
                findings.add(new SoakReport.Finding("duplicate row", "job_history.db", model + " has "
                        + mine.size() + " history rows", killsTouching(model)));
            }
            HistoryRecord ref = reference.get(src);
            if (ref == null) {
                continue;
            }
            HistoryRecord r = mine.get(0);
            String list = listProblem(r.filesGenerated(), ref.filesGenerated());
            if (list != null) {
                if (list.startsWith("short")) {
                    shortHistoryLists++;
                }
                findings.add(new SoakReport.Finding(list.startsWith("short") ? "short file list" : "file list",
                        "job_history.db", model + ": " + list, killsTouching(model)));
            }
            Map<String, Object[]> fields = new LinkedHashMap<>();
            fields.put("state", new Object[] {ref.state(), r.state()});
            fields.put("validation_passed", new Object[] {ref.validationPassed(), r.validationPassed()});
            fields.put("error_message", new Object[] {ref.errorMessage(), r.errorMessage()});
            fields.put("warnings", new Object[] {ref.warnings(), r.warnings()});
            fields.put("stl_size", new Object[] {ref.stlSize(), r.stlSize()});
            fields.put("stl_checksum", new Object[] {ref.stlChecksum(), r.stlChecksum()});
            fields.put("output_folder", new Object[] {ref.outputFolder(), r.outputFolder()});
            fields.put("template", new Object[] {ref.template(), r.template()});
            for (Map.Entry<String, Object[]> f : fields.entrySet()) {
                if (!Objects.equals(f.getValue()[0], f.getValue()[1])) {
                    mismatches++;
                    findings.add(new SoakReport.Finding("mismatch", "job_history.db", model + ": " + f.getKey() + " "
                            + f.getValue()[1] + ", the reference " + f.getValue()[0], killsTouching(model)));
                }
            }
        }
    }

    /**
     * Null when {@code list} has the reference's files (in its order) and each exists; else "short: ..." when
     * files are missing from it, or what else is wrong.
     */
    private String listProblem(List<String> list, List<String> reference) {
        List<String> absent = new ArrayList<>();
        for (String f : list) {
            if (!Files.exists(out.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                absent.add(f);
            }
        }
        Set<String> lacking = new TreeSet<>(reference);
        lacking.removeAll(list);
        if (!lacking.isEmpty()) {
            return "short: " + list.size() + " of " + reference.size() + " files listed, lacking " + lacking
                    + (absent.isEmpty() ? "" : "; listed but not on disk " + absent);
        }
        if (!absent.isEmpty()) {
            return "listed but not on disk: " + absent;
        }
        if (!list.equals(reference)) {
            return "lists " + list + ", the reference " + reference;
        }
        return null;
    }

    /** Each job's {@code files} in a {@code queue_summary.json}, by source; empty when it cannot be read. */
    private static Map<String, List<String>> summaryLists(Path summary) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        JsonNode jobs;
        try {
            jobs = Json.mapper().readTree(summary.toFile()).get("jobs");
        } catch (IOException e) {
            return m; // a missing or broken summary is reported by the tree comparison
        }
        if (jobs != null) {
            for (JsonNode j : jobs) {
                List<String> files = new ArrayList<>();
                j.path("files").forEach(f -> files.add(f.asText()));
                m.put(j.path("source").asText(), files);
            }
        }
        return m;
    }

    private void checkSummaryLists() {
        Map<String, List<String>> reference = summaryLists(refOut.resolve("queue_summary.json"));
        Map<String, List<String>> mine = summaryLists(out.resolve("queue_summary.json"));
        for (Map.Entry<String, List<String>> e : mine.entrySet()) {
            List<String> ref = reference.get(e.getKey());
            if (ref == null) {
                continue; // a job the reference lacks differs in the summary itself
            }
            String model = modelOf(e.getKey());
            String list = listProblem(e.getValue(), ref);
            if (list != null) {
                if (list.startsWith("short")) {
                    shortSummaryLists++;
                }
                findings.add(new SoakReport.Finding(list.startsWith("short") ? "short file list" : "file list",
                        "queue_summary.json", model + ": " + list, killsTouching(model)));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ queue

    private void checkQueue() {
        QueueStateDto q = Soak.queue(home);
        QueueStateDto ref = Soak.queue(refHome);
        Map<String, String> refStates = new HashMap<>();
        if (ref != null) {
            ref.jobs.forEach(j -> refStates.put(j.stlPath, j.state.json()));
        }
        if (q == null) {
            findings.add(new SoakReport.Finding("queue", "queue_state.json", "no queue state", List.of()));
            return;
        }
        for (JobDto j : q.jobs) {
            String model = modelOf(j.stlPath);
            if (!j.state.isFinal() || !Objects.equals(j.state.json(), refStates.get(j.stlPath))) {
                jobsNotFinal++;
                findings.add(new SoakReport.Finding("queue", "queue_state.json", model + " is " + j.state.json()
                        + ", the reference " + refStates.get(j.stlPath), killsTouching(model)));
            }
            ProcessingState st = Checkpoints.read(home.jobCacheDir(j.id));
            if (st != null) {
                st.completedSteps.forEach((step, rec) -> {
                    if (rec.runCount > 1) {
                        stepsRedone++;
                        findings.add(new SoakReport.Finding("step redone", "cache/job_cache/" + j.id, model + ": "
                                + step + " completed " + rec.runCount + " times", killsTouching(model)));
                    }
                });
            }
        }
    }

    // ------------------------------------------------------------------------------------------ kills

    /** The model a relative output path belongs to (per-model layout; {@code failed/NAME...}). */
    private String modelOfPath(String rel) {
        String[] parts = rel.split("/");
        if (parts.length >= 2 && parts[0].equals("failed")) {
            String f = parts[1];
            return f.endsWith("_error.log") ? f.substring(0, f.length() - 10) : modelOf(f);
        }
        return parts.length >= 2 ? parts[0] : null;
    }

    /**
     * The kills most likely to explain a finding about {@code model}: those that left its checkpoint ahead of
     * the queue state, else those that came after its job finished in the same launch, else those after which
     * it was running.
     */
    private List<Integer> killsTouching(String model) {
        List<Integer> ahead = new ArrayList<>();
        List<Integer> running = new ArrayList<>();
        List<Integer> finished = new ArrayList<>();
        if (model == null) {
            return running;
        }
        String before = null;
        for (Soak.Kill k : kills) {
            String now = k.checkpointAhead().stream().filter(r -> r.startsWith(model + ":")).findFirst().orElse(null);
            if (now != null && !now.equals(before)) {
                ahead.add(k.index()); // the kill that left this gap, not the later ones that found it still there
            }
            before = now;
            if (k.running().stream().anyMatch(r -> r.startsWith(model + "@"))) {
                running.add(k.index());
            }
            if (k.finished().contains(model)) {
                finished.add(k.index());
            }
        }
        return !ahead.isEmpty() ? ahead : !finished.isEmpty() ? finished : running;
    }
}
