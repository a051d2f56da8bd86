package org.stllisting.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStats;
import org.stllisting.store.history.HistoryStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stl-listing history list|show ID|similar FILE|stats [--days N]} (README, Application home and Command line). Read-only: works
 * while another instance runs, and does not create a database when there is none.
 */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Job history: list, show, similar, stats.",
        subcommands = {HistoryCommand.ListJobs.class, HistoryCommand.Show.class, HistoryCommand.Similar.class,
            HistoryCommand.Stats.class})
public final class HistoryCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** The history store, or empty when the home has no database yet. */
    static Optional<HistoryStore> open(CommandSpec spec) throws IOException {
        Home home = HomeAccess.home(spec);
        if (!Files.exists(home.historyDb())) {
            return Optional.empty();
        }
        return Optional.of(HistoryStore.open(home.historyDb()));
    }

    static void printRows(PrintWriter out, List<HistoryRecord> rows) {
        if (rows.isEmpty()) {
            out.println("No jobs in the history.");
            return;
        }
        TextTable table = new TextTable("FINISHED", "STATE", "TEMPLATE", "SECONDS", "ID", "FILE").right(3);
        for (HistoryRecord r : rows) {
            table.row(r.completedAt() == null ? "-" : WHEN.format(r.completedAt()), r.state(),
                    r.template() == null ? "-" : r.template(),
                    r.actualDuration() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.actualDuration()),
                    r.id(), r.stlPath());
        }
        table.print(out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The most recent jobs.")
    static final class ListJobs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--limit", defaultValue = "50", description = "How many (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Optional<HistoryStore> h = open(spec);
            List<HistoryRecord> rows = h.isPresent() ? h.get().list(limit) : List.of();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.mapper().writeValueAsString(rows));
            } else {
                printRows(out, rows);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Everything recorded about one job.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Optional<HistoryStore> h = open(spec);
            Optional<HistoryRecord> r = h.isPresent() ? h.get().show(id) : Optional.empty();
            if (r.isEmpty()) {
                spec.commandLine().getErr().println("stl-listing: no job " + id + " in the history of "
                        + HomeAccess.home(spec).historyDb());
                return ExitCodes.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.mapper().writeValueAsString(r.get()));
                return ExitCodes.OK;
            }
            HistoryRecord x = r.get();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Job", x.id());
            fields.put("File", x.stlPath() + " (" + x.stlSize() + " bytes, sha256 " + x.stlChecksum() + ")");
            fields.put("State", x.state() + (x.attempts() > 1 ? " after " + x.attempts() + " attempts" : ""));
            fields.put("Template", x.template());
            fields.put("Created", x.createdAt());
            fields.put("Started", x.startedAt());
            fields.put("Finished", x.completedAt());
            fields.put("Duration", x.actualDuration() == null ? null : x.actualDuration() + " s");
            fields.put("Validation", x.validationPassed() == null ? null : x.validationPassed() ? "passed" : "failed");
            fields.put("Output", x.outputFolder());
            fields.put("Error", x.errorMessage());
            fields.put("Render options", x.renderOptions());
            fields.put("Validation options", x.validationOptions());
            fields.put("Session", x.queueSessionId());
            fields.put("By", x.createdBy() + ", version " + x.appVersion());
            fields.forEach((k, v) -> {
                if (v != null) {
                    out.printf("%-19s %s%n", k + ":", v);
                }
            });
            if (!x.filesGenerated().isEmpty()) {
                out.println("Files:");
                x.filesGenerated().forEach(f -> out.println("  " + f));
            }
            if (!x.warnings().isEmpty()) {
                out.println("Warnings:");
                x.warnings().forEach(w -> out.println("  " + w));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "similar", mixinStandardHelpOptions = true,
            description = "Earlier jobs for the same file, or for a file with the same content.")
    static final class Similar implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Optional<HistoryStore> h = open(spec);
            List<HistoryRecord> rows = new ArrayList<>();
            if (h.isPresent()) {
                rows.addAll(h.get().similar(file));
                if (Files.isRegularFile(file)) {
                    for (HistoryRecord r : h.get().similarByChecksum(sha256(file))) {
                        if (rows.stream().noneMatch(x -> x.id().equals(r.id()))) {
                            rows.add(r);
                        }
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.mapper().writeValueAsString(rows));
            } else if (rows.isEmpty()) {
                out.println("No earlier jobs for " + file.toAbsolutePath().normalize() + ".");
            } else {
                HistoryRecord last = rows.get(0);
                out.println("Already processed on " + (last.completedAt() == null ? "?" : WHEN.format(last.completedAt()))
                        + " with " + (last.template() == null ? "unknown template" : last.template()) + " ("
                        + last.state() + ").");
                printRows(out, rows);
            }
            return ExitCodes.OK;
        }

        private static String sha256(Path f) throws IOException {
            try (InputStream in = Files.newInputStream(f)) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
                return HexFormat.of().formatHex(md.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Statistics for the last N days.")
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--days", defaultValue = "30", description = "Period in days (default ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Optional<HistoryStore> h = open(spec);
            HistoryStats s = h.isPresent() ? h.get().stats(days)
                    : new HistoryStats(days, 0, 0, 0, 0, 0, null, null, List.of());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.mapper().writeValueAsString(s));
                return ExitCodes.OK;
            }
            out.printf(Locale.ROOT, "Last %d days: %d jobs, %d completed, %d failed, %d cancelled, %d skipped%n",
                    s.days(), s.total(), s.completed(), s.failed(), s.cancelled(), s.skipped());
            out.println("Success rate: " + pct(s.successRate()) + ", mean duration: " + secs(s.meanDurationSeconds()));
            if (!s.perTemplate().isEmpty()) {
                out.println();
                TextTable table = new TextTable("TEMPLATE", "JOBS", "SUCCESS", "MEAN").right(1, 2, 3);
                for (HistoryStats.TemplateStats t : s.perTemplate()) {
                    table.row(t.template(), t.total(), pct(t.successRate()), secs(t.meanDurationSeconds()));
                }
                table.print(out);
            }
            return ExitCodes.OK;
        }

        private static String pct(Double v) {
            return v == null ? "-" : String.format(Locale.ROOT, "%.0f%%", v * 100);
        }

        private static String secs(Double v) {
            return v == null ? "-" : String.format(Locale.ROOT, "%.1f s", v);
        }
    }
}
