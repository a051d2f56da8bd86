package org.stllisting.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.stllisting.app.storage.Category;
import org.stllisting.app.storage.Cleaner;
import org.stllisting.app.storage.CleanupOptions;
import org.stllisting.app.storage.CleanupPlan;
import org.stllisting.app.storage.CleanupPlanner;
import org.stllisting.app.storage.HomeFacts;
import org.stllisting.app.storage.HomeUsage;
import org.stllisting.app.storage.PlanItem;
import org.stllisting.app.storage.SafeDelete;
import org.stllisting.app.storage.SessionUsage;
import org.stllisting.app.storage.Sizes;
import org.stllisting.app.storage.Storage;
import org.stllisting.app.storage.StorageStats;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.Json;
import org.stllisting.store.history.HistoryStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stl-listing cleanup}: the home's sizes per category ({@code --stats}), its sessions ({@code --list}), and
 * the removal of what is no longer needed (README, Cleanup). {@code --stats}, {@code --list} and {@code --dry-run}
 * take no lock and write nothing in the home; a cleanup takes the home's lock when it is free and, when another
 * process holds it, leaves that running session, the queue files and the backups alone.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show the space the home uses, and clean caches, old sessions, backups and history.")
public final class CleanupCommand implements Callable<Integer>, StlListingCommand.LeavesHomeUntouched {
    @Spec
    CommandSpec spec;

    @Option(names = "--stats", description = "Sizes per category, and what a cleanup with the same options would remove.")
    boolean stats;

    @Option(names = "--list", description = "The sessions: state, age, job counts, disk use.")
    boolean list;

    @Option(names = "--dry-run", description = "Show what would be removed, with sizes; change nothing.")
    boolean dryRun;

    @Option(names = "--hours", paramLabel = "N", defaultValue = "24",
            description = "Only finished or failed sessions idle this long, and stale caches untouched this long (default: ${DEFAULT-VALUE}).")
    long hours;

    @Option(names = "--session", paramLabel = "ID", description = "Only this session (id or unique prefix), whatever its age.")
    String session;

    @Option(names = "--force", description = "Also sessions not finished (their unfinished jobs start over) and, for an"
            + " archived one, its archive entry. Never the session running now.")
    boolean force;

    @Option(names = "--outputs", description = "Also the generated output files the history recorded for the selected"
            + " finished sessions (only inside their recorded output folders).")
    boolean outputs;

    @Option(names = "--history-days", paramLabel = "N", description = "Remove history rows older than N days (default: the home's history_keep_days).")
    Integer historyDays;

    @Option(names = "--scheduled", description = "Quiet, for cron or a timer: prints nothing unless something could not be removed.")
    boolean scheduled;

    @Option(names = "--verbose", description = "Print each path.")
    boolean verbose;

    @Option(names = "--json", description = "One JSON document (with --stats or --list).")
    boolean json;

    /** Only looking: no lock, nothing written. */
    private boolean looks() {
        return stats || list || dryRun;
    }

    /** Looking, or there is no home to clean (then none is made). */
    @Override
    public boolean leavesHomeUntouched() {
        return looks() || !Files.isDirectory(HomeAccess.home(spec).root());
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (hours < 0 || hours > 1_000_000 || (historyDays != null && (historyDays < 0 || historyDays > 1_000_000))) {
            err.println("stl-listing: --hours and --history-days take a number from 0 to 1000000");
            return ExitCodes.USAGE;
        }
        if (json && !stats && !list) {
            err.println("stl-listing: --json goes with --stats or --list");
            return ExitCodes.USAGE;
        }
        if ((stats ? 1 : 0) + (list ? 1 : 0) > 1) {
            err.println("stl-listing: choose one of --stats and --list");
            return ExitCodes.USAGE;
        }
        Home home = HomeAccess.home(spec);
        CleanupOptions options = new CleanupOptions(Duration.ofHours(hours), session, force, outputs, historyDays,
                Instant.now());
        if (looks()) {
            return look(out, err, home, options);
        }
        if (!Files.isDirectory(home.root())) {
            if (!scheduled) {
                out.println("Nothing to clean: there is no home at " + home.root() + ".");
            }
            return ExitCodes.OK;
        }
        InstanceLock lock = null;
        OptionalLong holder = OptionalLong.empty();
        try {
            lock = InstanceLock.acquire(home);
        } catch (InstanceLock.LockedException e) {
            holder = OptionalLong.of(e.holderPid().orElse(0));
        }
        try {
            HistoryStore history = Files.isRegularFile(home.historyDb()) ? HistoryStore.open(home.historyDb()) : null;
            return clean(out, err, home, history, holder, options);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** {@code --stats}, {@code --list}, {@code --dry-run}. */
    private int look(PrintWriter out, PrintWriter err, Home home, CleanupOptions options) throws IOException {
        Storage storage = Storage.look(home);
        if (list) {
            List<SessionUsage> sessions = SessionUsage.of(storage.facts(), storage.usage());
            if (json) {
                out.println(Json.mapper().writeValueAsString(Map.of("home", home.root().toString(), "sessions", sessions)));
            } else {
                printSessions(out, sessions, options.now());
            }
            return ExitCodes.OK;
        }
        CleanupPlan plan;
        try {
            plan = storage.plan(options);
        } catch (CleanupPlanner.UnknownSessionException e) {
            err.println("stl-listing: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (stats) {
            StorageStats s = StorageStats.of(storage.facts(), storage.usage(), plan, options);
            if (json) {
                out.println(Json.mapper().writeValueAsString(s));
            } else {
                printStats(out, s);
            }
            return ExitCodes.OK;
        }
        for (String note : plan.notes()) {
            out.println(note);
        }
        if (plan.isEmpty()) {
            out.println("Nothing to clean.");
            return ExitCodes.OK;
        }
        if (verbose) {
            for (PlanItem i : plan.items()) {
                out.println("would remove " + describe(i));
            }
        }
        out.println("A cleanup would remove:");
        printTotals(out, plan.totals());
        out.println("Nothing was changed (--dry-run).");
        return ExitCodes.OK;
    }

    /** A real cleanup. */
    private int clean(PrintWriter out, PrintWriter err, Home home, HistoryStore history, OptionalLong holder,
            CleanupOptions options) throws IOException {
        HomeFacts facts = HomeFacts.read(home, history, holder);
        CleanupPlan plan;
        try {
            plan = CleanupPlanner.plan(facts, HomeUsage.scan(home), options);
        } catch (CleanupPlanner.UnknownSessionException e) {
            err.println("stl-listing: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (!scheduled) {
            plan.notes().forEach(out::println);
        }
        SafeDelete.Listener listener = verbose && !scheduled ? (p, b) -> out.println("removed " + p
                + (b > 0 ? " (" + Sizes.format(b) + ")" : "")) : null;
        Cleaner.Result r = Cleaner.run(facts, plan, options, listener);
        for (SafeDelete.Problem p : r.problems()) {
            err.println("stl-listing: could not remove " + p);
        }
        if (!scheduled) {
            if (r.removed().isEmpty()) {
                out.println("Nothing to clean.");
            } else {
                out.println("Removed:");
                printTotals(out, r.removed());
            }
        }
        if (r.failed()) {
            err.println("stl-listing: " + r.problems().size() + " item(s) could not be removed; the rest was cleaned");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private static String describe(PlanItem i) {
        if (i.action() == PlanItem.Action.HISTORY_ROWS) {
            return String.format(Locale.ROOT, "%,d history rows", i.count());
        }
        return i.path() + " (" + Sizes.format(i.bytes()) + ")";
    }

    private static void printTotals(PrintWriter out, Map<Category, CleanupPlan.Totals> totals) {
        TextTable t = new TextTable("  what", "items", "files", "size").right(1, 2, 3);
        for (Map.Entry<Category, CleanupPlan.Totals> e : totals.entrySet()) {
            CleanupPlan.Totals v = e.getValue();
            if (e.getKey() == Category.HISTORY_ROWS) {
                t.row("  " + e.getKey().label(), String.format(Locale.ROOT, "%,d rows", v.files()), "", "");
            } else {
                t.row("  " + e.getKey().label(), String.format(Locale.ROOT, "%,d", v.count()),
                        String.format(Locale.ROOT, "%,d", v.files()), Sizes.format(v.bytes()));
            }
        }
        t.print(out);
    }

    private static void printStats(PrintWriter out, StorageStats s) {
        out.println("Home: " + s.home());
        out.println(s.runningPid() != null ? "Lock: held by pid " + s.runningPid() + " (its session is running)"
                : "Lock: free");
        TextTable t = new TextTable("category", "size", "items", "files", "a cleanup removes", "items")
                .right(1, 2, 3, 4, 5);
        for (StorageStats.Row r : s.categories()) {
            if (r.category().equals(Category.HISTORY_ROWS.json())) {
                t.row(r.label(), "", String.format(Locale.ROOT, "%,d", r.count()), "",
                        "older than " + s.historyKeepDays() + " d", String.format(Locale.ROOT, "%,d", r.removableCount()));
            } else {
                t.row(r.label(), Sizes.format(r.bytes()), String.format(Locale.ROOT, "%,d", r.count()),
                        String.format(Locale.ROOT, "%,d", r.files()), Sizes.format(r.removableBytes()),
                        String.format(Locale.ROOT, "%,d", r.removableCount()));
            }
        }
        t.print(out);
        out.println("Cache: " + Sizes.format(s.cacheBytes()) + " of its " + Sizes.format(s.cacheCapBytes()) + " cap");
        s.notes().forEach(out::println);
    }

    private static void printSessions(PrintWriter out, List<SessionUsage> sessions, Instant now) {
        if (sessions.isEmpty()) {
            out.println("No sessions.");
            return;
        }
        TextTable t = new TextTable("session", "state", "idle", "jobs", "done", "failed", "unfinished", "caches",
                "disk").right(3, 4, 5, 6, 7, 8);
        for (SessionUsage s : sessions) {
            t.row((s.id().length() <= 8 ? s.id() : s.id().substring(0, 8)) + (s.active() ? " (active)" : ""), s.status(), age(s.lastActivity(), now), s.counts().total(),
                    s.counts().completed(), s.counts().failed(), s.counts().unfinished(), s.caches(),
                    Sizes.format(s.cacheBytes() + s.archiveBytes()));
        }
        t.print(out);
    }

    /** {@code 40 min}, {@code 5 h}, {@code 3 d}. */
    static String age(Instant since, Instant now) {
        long min = Math.max(0, Duration.between(since, now).toMinutes());
        if (min < 60) {
            return min + " min";
        }
        if (min < 48 * 60) {
            return min / 60 + " h";
        }
        return min / (24 * 60) + " d";
    }
}
