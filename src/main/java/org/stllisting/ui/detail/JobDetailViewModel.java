package org.stllisting.ui.detail;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.stllisting.app.JobDetails;
import org.stllisting.app.JobDetails.Detail;
import org.stllisting.app.JobDetails.Note;
import org.stllisting.app.JobDetails.StepStatus;
import org.stllisting.ui.Background;
import org.stllisting.ui.mainwindow.Formats;

/**
 * State of the selected job's detail pane, without any control: what it shows, loaded off the UI thread
 * whenever the selection changes or the selected job moves on. A load that comes back for a job no longer
 * selected is dropped; changes that arrive while a load is under way cause one more load, not one each.
 *
 * <p>Threading: every method and property is for the JavaFX application thread.
 */
public final class JobDetailViewModel {
    /** Reads one job's details (off the UI thread). */
    @FunctionalInterface
    public interface Loader {
        Optional<Detail> load(String jobId) throws Exception;
    }

    /** One line of the steps list. */
    public record StepLine(String label, StepStatus status, String state, String time) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy 'at' HH:mm",
            Locale.ENGLISH);

    private final Background background;
    private final Loader loader;
    private final UnaryOperator<String> templateNames;
    private final ZoneId zone;

    private final ObjectProperty<Detail> detail = new SimpleObjectProperty<>();
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty placeholder = new SimpleStringProperty("Select a job to see its details");
    private final StringProperty stepsNote = new SimpleStringProperty();
    private final StringProperty measures = new SimpleStringProperty();
    private final StringProperty previous = new SimpleStringProperty();
    private final ObservableList<StepLine> steps = FXCollections.observableArrayList();
    private final ObservableList<Note> errors = FXCollections.observableArrayList();
    private final ObservableList<Note> warnings = FXCollections.observableArrayList();
    private final ObservableList<Path> images = FXCollections.observableArrayList();
    private final BooleanProperty hasLog = new SimpleBooleanProperty();
    private final BooleanProperty showing = new SimpleBooleanProperty();

    private String selected;
    private boolean loading;
    private boolean again;

    /**
     * @param templateNames a template's display name for its name (the name itself when unknown)
     */
    public JobDetailViewModel(Background background, Loader loader, UnaryOperator<String> templateNames, ZoneId zone) {
        this.background = background;
        this.loader = loader;
        this.templateNames = templateNames;
        this.zone = zone;
    }

    /** Shows job {@code jobId}, or nothing when null. */
    public void select(String jobId) {
        if (jobId != null && jobId.equals(selected)) {
            return;
        }
        selected = jobId;
        if (jobId == null) {
            show(null);
            placeholder.set("Select a job to see its details");
            return;
        }
        load();
    }

    /** The job {@code jobId} changed (state, step): reload it when it is the one shown. */
    public void changed(String jobId) {
        if (jobId != null && jobId.equals(selected)) {
            load();
        }
    }

    public String selected() {
        return selected;
    }

    private void load() {
        if (loading) {
            again = true;
            return;
        }
        loading = true;
        again = false;
        String id = selected;
        background.submit("Reading the job's details", () -> loader.load(id), found -> {
            loading = false;
            if (id.equals(selected)) {
                if (found.isPresent()) {
                    show(found.get());
                } else {
                    show(null);
                    placeholder.set("This job is no longer in the queue or the history");
                }
            }
            if (again && selected != null) {
                load();
            }
        });
    }

    /** Reads the log off the UI thread and hands its text to {@code then}. */
    public void readLog(Consumer<String> then) {
        Detail d = detail.get();
        if (d == null || d.log() == null) {
            return;
        }
        Path log = d.log();
        background.submit("Reading " + log, () -> JobDetails.readLog(log), then);
    }

    private void show(Detail d) {
        detail.set(d);
        showing.set(d != null);
        if (d == null) {
            title.set("");
            summary.set("");
            stepsNote.set(null);
            measures.set(null);
            previous.set(null);
            steps.clear();
            errors.clear();
            warnings.clear();
            images.clear();
            hasLog.set(false);
            return;
        }
        title.set(d.modelName());
        List<String> parts = new ArrayList<>();
        parts.add(capital(d.state().json()));
        if ("repaired".equals(d.verdict())) {
            parts.add("model repaired");
        } else if ("problems".equals(d.verdict())) {
            parts.add("model still has problems");
        }
        if (d.template() != null) {
            parts.add(templateNames.apply(d.template()));
        }
        if (d.durationSeconds() != null) {
            parts.add(duration(d.durationSeconds()));
        }
        summary.set(String.join(" · ", parts));
        List<StepLine> lines = new ArrayList<>();
        for (JobDetails.Step s : d.steps()) {
            String state = s.status().words() + (s.note() != null ? " (" + s.note() + ")" : "");
            lines.add(new StepLine(s.label(), s.status(), state, s.seconds() == null ? "" : duration(s.seconds())));
        }
        // a reload while the job runs changes little: lists that did not change are left alone, so that the
        // pane does not rebuild their controls (and load the pictures again) on every progress message
        replace(steps, lines);
        stepsNote.set(d.stepsNote());
        replace(errors, d.errors());
        replace(warnings, d.warnings());
        replace(images, d.images());
        measures.set(measures(d.measures()));
        previous.set(d.previous() == null ? null : "Processed before on " + DATE.format(d.previous().when()
                .atZone(zone)) + " with " + (d.previous().template() == null ? "no template"
                        : templateNames.apply(d.previous().template())) + " (" + d.previous().state() + ")");
        hasLog.set(d.log() != null);
    }

    private static <T> void replace(ObservableList<T> list, List<T> now) {
        if (!list.equals(now)) {
            list.setAll(now);
        }
    }

    static String measures(JobDetails.Measures m) {
        if (m == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (m.sizeMm().size() == 3) {
            parts.add(String.format(Locale.ROOT, "%s × %s × %s mm", num(m.sizeMm().get(0)), num(m.sizeMm().get(1)),
                    num(m.sizeMm().get(2))));
        }
        if (m.volumeMm3() != null) {
            parts.add(String.format(Locale.ROOT, "%s cm³", num(m.volumeMm3() / 1000)));
        }
        if (m.grams() != null) {
            parts.add(String.format(Locale.ROOT, "%s g", num(m.grams())));
        }
        // a part never breaks inside ("65.8 g" does not leave its "g" alone on the next line)
        return String.join(" · ", parts.stream().map(p -> p.replace(' ', '\u00a0')).toList());
    }

    /** One decimal under 100, none above: "12.5", "240". */
    private static String num(double v) {
        return Math.abs(v) < 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** "0.4 s" under ten seconds (a step's time), then as the queue writes them: "42 s", "3 min 05 s". */
    static String duration(double s) {
        return s < 10 ? String.format(Locale.ROOT, "%.1f s", s) : Formats.seconds(s);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public ObjectProperty<Detail> detailProperty() {
        return detail;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty placeholderProperty() {
        return placeholder;
    }

    public StringProperty stepsNoteProperty() {
        return stepsNote;
    }

    public StringProperty measuresProperty() {
        return measures;
    }

    public StringProperty previousProperty() {
        return previous;
    }

    public ObservableList<StepLine> steps() {
        return steps;
    }

    public ObservableList<Note> errors() {
        return errors;
    }

    public ObservableList<Note> warnings() {
        return warnings;
    }

    public ObservableList<Path> images() {
        return images;
    }

    public BooleanProperty hasLogProperty() {
        return hasLog;
    }

    public BooleanProperty showingProperty() {
        return showing;
    }
}
