package org.stllisting.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a {@link Soak} found: the counts, each finding, and every kill; as a table or as JSON. */
public final class SoakReport {
    /**
     * One thing that differs from the reference or breaks a promise.
     *
     * @param kind mismatch, log, short file list, file list, duplicate row, missing row, step redone, queue, exit,
     *         reference
     * @param file the file concerned, relative to the output folder or the home
     * @param kills the kills (numbered from 1) after which the model concerned was running or had a checkpoint
     *         the queue state did not yet record
     */
    public record Finding(String kind, String file, String detail, List<Integer> kills) {
    }

    private final Soak.Config config;
    private final String machine;
    private final String template;
    private final int models;
    private final int referenceExit;
    private final double referenceSeconds;
    private final double startupSeconds;
    private final int referenceSteps;
    private final List<Soak.Kill> kills;
    private final List<Soak.Ending> endings;
    private final int resumes;
    private final int badExits;
    private final SoakCheck check;
    private final List<Finding> findings;
    private final double soakSeconds;
    private final double wallSeconds;

    SoakReport(Soak.Config config, String machine, String template, int models, int referenceExit,
            double referenceSeconds, double startupSeconds, int referenceSteps, List<Soak.Kill> kills,
            List<Soak.Ending> endings, int resumes, int badExits, SoakCheck check, List<Finding> findings,
            double soakSeconds, double wallSeconds) {
        this.config = config;
        this.machine = machine;
        this.template = template;
        this.models = models;
        this.referenceExit = referenceExit;
        this.referenceSeconds = referenceSeconds;
        this.startupSeconds = startupSeconds;
        this.referenceSteps = referenceSteps;
        this.kills = List.copyOf(kills);
        this.endings = List.copyOf(endings);
        this.resumes = resumes;
        this.badExits = badExits;
        this.check = check;
        this.findings = List.copyOf(findings);
        this.soakSeconds = soakSeconds;
        this.wallSeconds = wallSeconds;
    }

    /** True when nothing differs from the reference and every promise held. */
    public boolean passed() {
        return findings.isEmpty();
    }

    public int kills() {
        return kills.size();
    }

    public int mismatches() {
        return check.mismatches;
    }

    public int shortFileLists() {
        return check.shortHistoryLists + check.shortSummaryLists;
    }

    public int duplicateRows() {
        return check.duplicateRows;
    }

    public int missingRows() {
        return check.missingRows;
    }

    public List<Finding> findings() {
        return findings;
    }

    public List<Soak.Kill> killList() {
        return kills;
    }

    /** Kills by where they were aimed. */
    public Map<Soak.Phase, Integer> byPhase() {
        Map<Soak.Phase, Integer> m = new EnumMap<>(Soak.Phase.class);
        for (Soak.Phase p : Soak.Phase.values()) {
            m.put(p, 0);
        }
        kills.forEach(k -> m.merge(k.phase(), 1, Integer::sum));
        return m;
    }

    /** Kills that left a checkpoint ahead of the queue state (not counting one an earlier kill left). */
    public int killsWithCheckpointAhead() {
        int n = 0;
        List<String> before = List.of();
        for (Soak.Kill k : kills) {
            if (!before.containsAll(k.checkpointAhead())) {
                n++;
            }
            before = k.checkpointAhead();
        }
        return n;
    }

    public int killsCuttingAFold() {
        return (int) kills.stream().filter(Soak.Kill::foldCut).count();
    }

    /** Seconds of the kill-and-resume part per kill (start-up, work redone, recovery). */
    public double secondsPerKill() {
        return kills.isEmpty() ? Double.NaN : soakSeconds / kills.size();
    }

    public BenchTable table() {
        Map<Soak.Phase, Integer> phases = byPhase();
        BenchTable t = new BenchTable(String.format(Locale.ROOT,
                "kill -9 soak: %d models, template %s, seed %d", models, config.template(), config.seed()),
                "what", "count");
        t.row("kills (SIGKILL)", kills.size() + (kills.size() < config.kills() ? " of " + config.kills() : ""));
        t.row("aimed at start-up / a step / right after a checkpoint / a fold", phases.get(Soak.Phase.START) + " / "
                + phases.get(Soak.Phase.STEP) + " / " + phases.get(Soak.Phase.CHECKPOINT) + " / "
                + phases.get(Soak.Phase.FOLD));
        counts().forEach((label, count) -> t.row(label.substring(label.indexOf('|') + 1), count));
        t.row("reference run", BenchContext.fmt(referenceSeconds) + " s, exit " + referenceExit + ", "
                + referenceSteps + " steps");
        t.row("start-up of the command line", BenchContext.fmt(startupSeconds) + " s");
        t.row("kill-and-resume time", BenchContext.fmt(soakSeconds) + " s (" + BenchContext.fmt(secondsPerKill())
                + " s per kill)");
        t.row("wall time", BenchContext.fmt(wallSeconds) + " s");
        return t;
    }

    /** The counts the table and the JSON share, by "json_key|table label". */
    private Map<String, Integer> counts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("kills_with_checkpoint_ahead|kills that left a checkpoint ahead of the queue state",
                killsWithCheckpointAhead());
        m.put("kills_cutting_a_fold|kills that cut a fold of the queue state", killsCuttingAFold());
        m.put("resumes|resumes", resumes);
        m.put("models|models (jobs)", models);
        m.put("history_rows|history rows", check.historyRows);
        m.put("files_compared|files compared", check.filesCompared);
        m.put("mismatches|mismatched files (and history fields)", check.mismatches);
        m.put("log_differences|logs that differ after normalizing", check.logDifferences);
        m.put("short_history_lists|short file lists in the history", check.shortHistoryLists);
        m.put("short_summary_lists|short file lists in queue_summary.json", check.shortSummaryLists);
        m.put("duplicate_rows|duplicate history rows", check.duplicateRows);
        m.put("missing_rows|missing history rows", check.missingRows);
        m.put("steps_redone|completed steps done again", check.stepsRedone);
        m.put("jobs_not_final|jobs not in the reference's final state", check.jobsNotFinal);
        m.put("unexpected_exits|unexpected exit codes", badExits);
        return m;
    }

    /** The findings, one line each, with the kills that touched the model concerned. */
    public List<String> findingLines() {
        List<String> lines = new ArrayList<>();
        for (Finding f : findings) {
            lines.add(f.kind() + ": " + f.file() + ": " + f.detail()
                    + (f.kills().isEmpty() ? "" : " (after kills " + describeKills(f.kills(), modelIn(f)) + ")"));
        }
        return lines;
    }

    /** The model a finding's detail names first ({@code model: ...}), or null. */
    private static String modelIn(Finding f) {
        int colon = f.detail().indexOf(':');
        String first = colon > 0 ? f.detail().substring(0, colon) : "";
        if (!first.isEmpty() && !first.contains(" ")) {
            return first;
        }
        int slash = f.file().indexOf('/');
        return slash > 0 ? f.file().substring(0, slash) : null;
    }

    private String describeKills(List<Integer> numbers, String model) {
        List<String> parts = new ArrayList<>();
        for (int n : numbers) {
            if (n < 1 || n > kills.size()) {
                parts.add("#" + n);
                continue;
            }
            Soak.Kill k = kills.get(n - 1);
            parts.add(String.format(Locale.ROOT, "#%d %s %s +%d ms%s", n, k.command(), k.phase(), k.delayMs(),
                    k.checkpointAhead().stream().filter(a -> model != null && a.startsWith(model + ":")).findFirst()
                            .map(a -> " (" + a + ")").orElse("")));
        }
        return String.join("; ", parts);
    }

    /** Everything, for {@code --json}. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", passed());
        m.put("machine", machine);
        m.put("seed", config.seed());
        m.put("template", config.template());
        m.put("installed_as", template);
        m.put("video", config.keepVideo());
        m.put("work", config.work().toAbsolutePath().toString());
        m.put("kills_requested", config.kills());
        m.put("kills", kills.size());
        Map<String, Object> phases = new LinkedHashMap<>();
        byPhase().forEach((p, n) -> phases.put(p.name().toLowerCase(Locale.ROOT), n));
        m.put("kills_by_phase", phases);
        counts().forEach((label, count) -> m.put(label.substring(0, label.indexOf('|')), count));
        m.put("short_file_lists", shortFileLists());
        m.put("reference_exit", referenceExit);
        m.put("reference_seconds", round(referenceSeconds));
        m.put("reference_steps", referenceSteps);
        m.put("startup_seconds", round(startupSeconds));
        m.put("kill_and_resume_seconds", round(soakSeconds));
        m.put("seconds_per_kill", kills.isEmpty() ? null : round(secondsPerKill()));
        m.put("wall_seconds", round(wallSeconds));
        m.put("findings", findings);
        m.put("kill_list", kills);
        m.put("endings", endings);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
