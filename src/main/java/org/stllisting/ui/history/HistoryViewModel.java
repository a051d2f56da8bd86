package org.stllisting.ui.history;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStats;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.ui.Background;
import org.stllisting.ui.mainwindow.Formats;

/**
 * State of the history window, without any control: the search (name, dates, template, state) and its
 * rows, and the statistics of the last N days (jobs per day, success rate, mean duration per template).
 * Queries run off the UI thread; a search asked for while one runs is run once more when it ends, with the
 * filters as they are then.
 *
 * <p>Threading: every method and property is for the JavaFX application thread.
 */
public final class HistoryViewModel {
    /** At most this many rows are shown; the status says when there are more. */
    public static final int LIMIT = 1000;
    /** The states a search can ask for. */
    public static final List<String> STATES = List.of("completed", HistoryStore.WITH_PROBLEMS, "failed", "cancelled",
            "skipped");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /** One row of the table, as it is shown. */
    public record Row(String id, String finished, String model, String template, String state, String duration,
            String outputFolder, String error, boolean problems) {
        /** The state in words: "Completed", "Completed with problems" when the model still has problems. */
        public String shownState() {
            return problems && "completed".equals(state) ? "Completed with problems" : stateWord(state);
        }
    }

    /** A state as the filter and the table show it: "Failed", "With problems". */
    public static String stateWord(String state) {
        return HistoryStore.WITH_PROBLEMS.equals(state) ? "With problems"
                : Character.toUpperCase(state.charAt(0)) + state.substring(1);
    }

    /** One day of the chart: its label and how many jobs ended completed or failed that day. */
    public record Day(LocalDate day, String label, long completed, long failed, long other) {
    }

    /** One template of the chart. */
    public record TemplateFigures(String template, long jobs, Double successRate, Double meanSeconds) {
    }

    private final HistoryStore history;
    private final Background background;
    private final UnaryOperator<String> templateNames;
    private final ZoneId zone;

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> until = new SimpleObjectProperty<>();
    private final StringProperty template = new SimpleStringProperty();
    private final StringProperty state = new SimpleStringProperty();
    private final IntegerProperty days = new SimpleIntegerProperty(30);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> templates = FXCollections.observableArrayList();
    private final ObservableList<Day> perDay = FXCollections.observableArrayList();
    private final ObservableList<TemplateFigures> perTemplate = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    /** Display name for a template's name (a template no longer installed keeps its name). */
    private final Map<String, String> displayNames = new HashMap<>();

    private boolean searching;
    private boolean searchAgain;

    /**
     * @param templateNames a template's display name for its name; called off the UI thread
     */
    public HistoryViewModel(HistoryStore history, Background background, UnaryOperator<String> templateNames,
            ZoneId zone) {
        this.history = history;
        this.background = background;
        this.templateNames = templateNames;
        this.zone = zone;
    }

    /** Reads the templates known, the rows and the statistics. */
    public void load() {
        background.submit("Reading the history's templates", () -> {
            List<String> names = history.templates();
            Map<String, String> shown = new HashMap<>();
            for (String n : names) {
                shown.put(n, templateNames.apply(n));
            }
            return shown;
        }, shown -> {
            displayNames.putAll(shown);
            templates.setAll(shown.keySet().stream().sorted().toList());
        });
        search();
        statistics();
    }

    /** A template's display name, or its name. */
    public String displayName(String templateName) {
        return templateName == null ? "" : displayNames.getOrDefault(templateName, templateName);
    }

    /** Runs the search with the filters as they are. */
    public void search() {
        if (searching) {
            searchAgain = true;
            return;
        }
        searching = true;
        searchAgain = false;
        HistoryStore.Search q = new HistoryStore.Search(blankToNull(name.get()),
                from.get() == null ? null : from.get().atStartOfDay(zone).toInstant(),
                until.get() == null ? null : until.get().plusDays(1).atStartOfDay(zone).toInstant(),
                blankToNull(template.get()), blankToNull(state.get()), LIMIT + 1);
        background.submit("Searching the history", () -> rowsOf(history.search(q)), found -> {
            searching = false;
            boolean more = found.size() > LIMIT;
            rows.setAll(more ? found.subList(0, LIMIT) : found);
            status.set(more ? String.format(Locale.ROOT, "The newest %,d jobs found (there are more: narrow the search)",
                    LIMIT) : found.size() == 1 ? "1 job" : String.format(Locale.ROOT, "%,d jobs", found.size()));
            if (searchAgain) {
                search();
            }
        });
    }

    /** Clears every filter and searches again. */
    public void clearFilters() {
        name.set("");
        from.set(null);
        until.set(null);
        template.set(null);
        state.set(null);
        search();
    }

    private List<Row> rowsOf(List<HistoryRecord> records) {
        List<Row> out = new ArrayList<>(records.size());
        for (HistoryRecord r : records) {
            Instant when = r.completedAt() != null ? r.completedAt() : r.createdAt();
            out.add(new Row(r.id(), when == null ? "" : WHEN.format(when.atZone(zone)), r.stlFilename(),
                    r.template() == null ? "" : templateNames.apply(r.template()), r.state(),
                    r.actualDuration() == null ? "" : seconds(r.actualDuration()), r.outputFolder(),
                    r.errorMessage(), r.warnings().stream().anyMatch(w -> w.startsWith(HistoryRecord.PROBLEM_PREFIX))));
        }
        return out;
    }

    /** Reads the statistics of the last {@link #daysProperty()} days. */
    public void statistics() {
        int n = Math.max(1, days.get());
        background.submit("Reading the history's statistics", () -> {
            List<HistoryStore.DayCount> counted = history.perDay(n, zone);
            HistoryStats stats = history.stats(n);
            List<TemplateFigures> templ = new ArrayList<>();
            for (HistoryStats.TemplateStats t : stats.perTemplate()) {
                String shown = "(none)".equals(t.template()) ? "No template" : templateNames.apply(t.template());
                templ.add(new TemplateFigures(shown, t.total(), t.successRate(), t.meanDurationSeconds()));
            }
            return new Stats(fillDays(counted, n), templ, stats);
        }, s -> {
            perDay.setAll(s.days());
            perTemplate.setAll(s.templates());
            HistoryStats st = s.stats();
            summary.set(st.total() == 0 ? "No jobs in the last " + n + " days"
                    : String.format(Locale.ROOT,
                            "Last %d days: %,d jobs, success rate %s (%,d completed, %,d failed%s)%s",
                            n, st.total(), st.successRate() == null ? "—"
                                    : String.format(Locale.ROOT, "%.0f %%", st.successRate() * 100),
                            st.completed(), st.failed(), st.cancelled() + st.skipped() == 0 ? ""
                                    : String.format(Locale.ROOT, "; %,d cancelled or skipped, not counted",
                                            st.cancelled() + st.skipped()),
                            st.meanDurationSeconds() == null ? ""
                                    : ", mean duration " + seconds(st.meanDurationSeconds())));
        });
    }

    private record Stats(List<Day> days, List<TemplateFigures> templates, HistoryStats stats) {
    }

    /** Every day of the last {@code n}, oldest first, with zeros for days without jobs. */
    private List<Day> fillDays(List<HistoryStore.DayCount> counted, int n) {
        Map<LocalDate, HistoryStore.DayCount> byDay = new HashMap<>();
        counted.forEach(c -> byDay.put(c.day(), c));
        LocalDate today = LocalDate.now(zone);
        List<Day> out = new ArrayList<>(n);
        for (int i = n - 1; i >= 0; i--) {
            LocalDate d = today.minusDays(i);
            HistoryStore.DayCount c = byDay.get(d);
            out.add(new Day(d, DAY.format(d), c == null ? 0 : c.completed(), c == null ? 0 : c.failed(),
                    c == null ? 0 : c.other()));
        }
        return out;
    }

    /** "42 s", "3 min 05 s", as the queue writes them. */
    static String seconds(double s) {
        return Formats.seconds(s);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The output folder of the row with {@code id}, or null. */
    public Path outputFolder(Row row) {
        return row == null || row.outputFolder() == null || row.outputFolder().isEmpty() ? null
                : Path.of(row.outputFolder());
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> untilProperty() {
        return until;
    }

    public StringProperty templateProperty() {
        return template;
    }

    public StringProperty stateProperty() {
        return state;
    }

    public IntegerProperty daysProperty() {
        return days;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<String> templates() {
        return templates;
    }

    public ObservableList<Day> perDay() {
        return perDay;
    }

    public ObservableList<TemplateFigures> perTemplate() {
        return perTemplate;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty summaryProperty() {
        return summary;
    }
}
