package org.stllisting.ui.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.stllisting.app.storage.Category;
import org.stllisting.app.storage.Cleaner;
import org.stllisting.app.storage.CleanupOptions;
import org.stllisting.app.storage.CleanupPlan;
import org.stllisting.app.storage.CleanupPlanner;
import org.stllisting.app.storage.HomeFacts;
import org.stllisting.app.storage.HomeUsage;
import org.stllisting.app.storage.PlanItem;
import org.stllisting.app.storage.Sizes;
import org.stllisting.app.storage.Storage;
import org.stllisting.app.storage.StorageStats;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.ui.Background;

/**
 * The storage panel's state, without controls: the figures of {@code stl-listing cleanup --stats} for the
 * chosen options, every item a cleanup with them would remove, and the outcome of a cleanup run through the same
 * engine code ({@link Cleaner}). The home is read and cleaned in the background; this process is the home's lock
 * holder, so its own queue counts as the running session and keeps its caches, queue files and backups.
 * Used on the FX thread only.
 */
public final class StorageViewModel {
    /** A row of the figures: what, how much is there, how much a cleanup would remove. */
    public record StatRow(String what, String size, String items, String removable) {
    }

    /** An item a cleanup would remove. */
    public record ItemRow(String category, String path, String size, long bytes) {
    }

    /** What the home looked like, with the plan for the options it was read with. */
    record Look(StorageStats stats, CleanupPlan plan) {
    }

    private final Home home;
    private final HistorySource history;
    private final Background background;
    private final Consumer<Runnable> onFx;
    private final IntegerProperty hours = new SimpleIntegerProperty(24);
    private final BooleanProperty force = new SimpleBooleanProperty();
    private final ObjectProperty<Integer> historyDays = new SimpleObjectProperty<>();
    private final ObservableList<StatRow> stats = FXCollections.observableArrayList();
    private final ObservableList<ItemRow> items = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);

    /** The home's history database, open for writing (a cleanup removes old rows and archive entries). */
    @FunctionalInterface
    public interface HistorySource {
        HistoryStore open() throws IOException;
    }

    /**
     * @param onFx runs a progress update on the FX thread ({@code FxEventBridge::onFx} in the window)
     */
    public StorageViewModel(Home home, HistorySource history, Background background, Consumer<Runnable> onFx) {
        this.home = home;
        this.history = history;
        this.background = background;
        this.onFx = onFx;
    }

    public IntegerProperty hoursProperty() {
        return hours;
    }

    public BooleanProperty forceProperty() {
        return force;
    }

    /** History rows older than this many days go; null for the home's setting. */
    public ObjectProperty<Integer> historyDaysProperty() {
        return historyDays;
    }

    public ObservableList<StatRow> stats() {
        return stats;
    }

    public ObservableList<ItemRow> items() {
        return items;
    }

    public ObservableList<String> notes() {
        return notes;
    }

    /** What the last cleanup could not remove, each with its reason. */
    public ObservableList<String> problems() {
        return problems;
    }

    /** The totals line under the figures. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the last cleanup removed. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The share of the planned bytes a running cleanup has removed. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    CleanupOptions options() {
        return new CleanupOptions(Duration.ofHours(Math.max(0, hours.get())), null, force.get(), false,
                historyDays.get(), Instant.now());
    }

    /** Reads the home again with the current options. */
    public void refresh() {
        CleanupOptions o = options();
        busy.set(true);
        background.submit("Measuring the home", () -> look(o), this::show);
    }

    /** Cleans with the current options, then reads the home again. */
    public void clean() {
        CleanupOptions o = options();
        busy.set(true);
        progress.set(0);
        outcome.set("Cleaning…");
        problems.clear();
        background.submit("Cleaning the home", () -> {
            Storage before = read();
            HomeFacts facts = before.facts();
            CleanupPlan plan = plan(before, o);
            long total = Math.max(1, plan.bytes());
            AtomicLong done = new AtomicLong();
            Cleaner.Result r = Cleaner.run(facts, plan, o, (path, bytes) -> {
                double share = Math.min(1.0, done.addAndGet(bytes) / (double) total);
                onFx.accept(() -> progress.set(share));
            });
            return new Cleaned(r, look(o));
        }, c -> {
            progress.set(1);
            outcome.set(describe(c.result()));
            c.result().problems().forEach(p -> problems.add(p.path() + ": " + p.reason()));
            show(c.after());
        });
    }

    private record Cleaned(Cleaner.Result result, Look after) {
    }

    /**
     * The home as the cleanup sees it, on the window's own history. The lock holder is this process while the
     * window runs, so the active queue is the running session the plan leaves alone.
     */
    private Storage read() throws IOException {
        HistoryStore h = Files.isRegularFile(home.historyDb()) ? history.open() : null;
        return new Storage(HomeFacts.read(home, h, InstanceLock.holder(home)), HomeUsage.scan(home));
    }

    private Look look(CleanupOptions o) throws IOException {
        Storage s = read();
        CleanupPlan plan = plan(s, o);
        return new Look(StorageStats.of(s.facts(), s.usage(), plan, o), plan);
    }

    private static CleanupPlan plan(Storage s, CleanupOptions o) throws IOException {
        try {
            return s.plan(o);
        } catch (CleanupPlanner.UnknownSessionException e) {
            throw new IOException(e.getMessage(), e); // no session is named here
        }
    }

    private void show(Look l) {
        busy.set(false);
        List<StatRow> rows = new ArrayList<>();
        for (StorageStats.Row r : l.stats().categories()) {
            boolean history = r.category().equals(Category.HISTORY_ROWS.json());
            rows.add(new StatRow(r.label(), history ? "" : Sizes.format(r.bytes()), count(r.count(), history),
                    r.removableCount() == 0 ? "-" : history ? count(r.removableCount(), true)
                            : Sizes.format(r.removableBytes()) + " (" + count(r.removableCount(), false) + ")"));
        }
        stats.setAll(rows);
        List<ItemRow> list = new ArrayList<>();
        for (PlanItem i : l.plan().items()) {
            list.add(i.action() == PlanItem.Action.HISTORY_ROWS
                    ? new ItemRow(i.category().label(), String.format(Locale.ROOT, "%,d rows older than %d days",
                            i.count(), l.stats().historyKeepDays()), "", 0)
                    : new ItemRow(i.category().label(), i.path().toString(), Sizes.format(i.bytes()), i.bytes()));
        }
        items.setAll(list);
        String self = "is running (pid " + ProcessHandle.current().pid() + ")";
        notes.setAll(l.plan().notes().stream().map(n -> n.replace(self, "is this window's queue")).toList());
        StorageStats s = l.stats();
        summary.set("Cache " + Sizes.format(s.cacheBytes()) + " of its " + Sizes.format(s.cacheCapBytes()) + " cap"
                + " · a cleanup would remove " + (l.plan().isEmpty() ? "nothing"
                        : Sizes.format(l.plan().bytes()) + " in " + l.plan().items().size() + " item(s)"));
    }

    private static String count(long n, boolean rows) {
        return String.format(Locale.ROOT, "%,d", n) + (rows ? " rows" : "");
    }

    /** What a cleanup removed, in one line. */
    static String describe(Cleaner.Result r) {
        if (r.removed().isEmpty()) {
            return r.failed() ? "Nothing could be removed (" + r.problems().size() + " problem(s) below)"
                    : "Nothing to clean";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Category, CleanupPlan.Totals> e : r.removed().entrySet()) {
            CleanupPlan.Totals t = e.getValue();
            parts.add(e.getKey() == Category.HISTORY_ROWS
                    ? String.format(Locale.ROOT, "%,d history rows", t.files())
                    : e.getKey().label().toLowerCase(Locale.ROOT) + " " + Sizes.format(t.bytes()) + " ("
                            + count(t.count(), false) + ")");
        }
        return "Removed " + Sizes.format(r.bytes()) + ": " + String.join(", ", parts)
                + (r.failed() ? "; " + r.problems().size() + " item(s) could not be removed (below)" : "");
    }
}
