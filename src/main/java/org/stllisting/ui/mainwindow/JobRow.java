package org.stllisting.ui.mainwindow;

import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.store.queue.JobState;

/** One row of the queue table: observable, changed only on the UI thread. */
public final class JobRow {
    private final String id;
    private final String source;
    private final StringProperty name = new SimpleStringProperty();
    private final ObjectProperty<JobState> state = new SimpleObjectProperty<>();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty message = new SimpleStringProperty();
    private final StringProperty eta = new SimpleStringProperty();
    private final StringProperty duration = new SimpleStringProperty();
    private final StringProperty error = new SimpleStringProperty();
    /** What a completed job's model still has wrong, in plain words ("; " between), or null when nothing. */
    private final StringProperty problems = new SimpleStringProperty();
    private final StringProperty template = new SimpleStringProperty();
    /** The job's own settings in a few words ("; " between), or null when it has none. */
    private final StringProperty ownSettings = new SimpleStringProperty();
    private java.util.Map<String, Object> renderOverrides = java.util.Map.of();
    private java.util.Map<String, Object> validationOverrides = java.util.Map.of();
    private final ObjectProperty<Image> thumbnail = new SimpleObjectProperty<>();
    private String outputFolder;
    private boolean hasOutput;
    /** Seconds worked as of {@link #workedAsOf}, or null when the job has not worked yet. */
    private Double workedSeconds;
    private Instant workedAsOf;
    /** The last estimate of the seconds left, as of {@link #etaAsOf}, or null when there is none. */
    private Double etaLeft;
    private Instant etaAsOf;
    /** The picture of the job the row shows, or null after a progress event changed it. */
    private JobView shown;

    public JobRow(JobView v) {
        this.id = v.id();
        this.source = v.source();
        update(v);
    }

    void update(JobView v) {
        update(v, Instant.now());
    }

    /** Shows {@code v}, a picture of the job taken at about {@code now}. */
    void update(JobView v, Instant now) {
        shown = v;
        String file = source == null ? id : java.nio.file.Path.of(source).getFileName().toString();
        name.set(v.modelName() != null ? v.modelName() : file);
        // before the state: the state cell reads it when the state changes
        problems.set(v.completedWithProblems() ? String.join("; ", v.problems()) : null);
        state.set(v.state());
        progress.set(v.progress() / 100.0);
        // a failure's reason first: the path it names would push it out of the column
        message.set(v.error() != null && (v.state() == JobState.FAILED || v.state() == JobState.SKIPPED)
                ? (v.state() == JobState.FAILED ? "Failed: " : "Skipped: ") + Formats.reasonFirst(v.error())
                : v.message());
        estimate(v.etaSeconds(), now);
        workedSeconds = v.durationSeconds();
        workedAsOf = now;
        duration.set(Formats.seconds(workedSeconds));
        error.set(v.error());
        template.set(v.template());
        renderOverrides = v.renderOverrides();
        validationOverrides = v.validationOverrides();
        ownSettings.set(v.hasOverrides() ? String.join("; ", OverridesForm.describe(
                renderOverrides, validationOverrides)) : null);
        outputFolder = v.outputFolder();
        hasOutput = v.state() == JobState.COMPLETED || v.lastCompletedStep() != null;
    }

    /**
     * Brings a running job's duration and time left up to {@code now} (the window ticks it once a second): a step
     * that reports no fraction sends no estimate for a while, and the last one counts down meanwhile.
     */
    void tick(Instant now) {
        if (state.get() != JobState.RUNNING) {
            return;
        }
        if (workedSeconds != null && workedAsOf != null) {
            duration.set(Formats.seconds(workedSeconds + secondsBetween(workedAsOf, now)));
        }
        if (etaLeft != null) {
            eta.set(Formats.seconds(countedDown(etaLeft, etaAsOf, now)));
        }
    }

    /** Seconds from {@code from} to {@code to}, never negative. */
    static double secondsBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }

    /**
     * What is left at {@code now} of an estimate of {@code left} seconds made at {@code asOf}; null once it has
     * run out (the work goes on, so "0 s" would not be true; nothing is shown until the next estimate).
     */
    static Double countedDown(Double left, Instant asOf, Instant now) {
        if (left == null || asOf == null) {
            return left;
        }
        double l = left - secondsBetween(asOf, now);
        return l >= 0.5 ? l : null;
    }

    private void estimate(Double seconds, Instant asOf) {
        etaLeft = seconds;
        etaAsOf = asOf;
        eta.set(Formats.seconds(seconds));
    }

    /** True when the row shows {@code v} as it is: updating it with {@code v} would change nothing. */
    boolean shows(JobView v) {
        return v.equals(shown);
    }

    /** A progress report made at {@code at}: its estimate of the time left counts down from then. */
    void progress(double percent, String msg, Double etaSeconds, Instant at) {
        shown = null;
        progress.set(percent / 100.0);
        message.set(msg);
        estimate(etaSeconds, at);
    }

    public String id() {
        return id;
    }

    public String source() {
        return source;
    }

    public String outputFolder() {
        return outputFolder;
    }

    /** True when the job has written output (a completed step), so that its output folder exists. */
    public boolean hasOutput() {
        return hasOutput;
    }

    /** The template the job runs with (its name), or null for the queue's. */
    public StringProperty templateProperty() {
        return template;
    }

    /** The job's own settings in a few words ("; " between), or null when it follows its template. */
    public StringProperty ownSettingsProperty() {
        return ownSettings;
    }

    /** The job's own render options (empty when none). */
    public java.util.Map<String, Object> renderOverrides() {
        return renderOverrides;
    }

    /** The job's own validation options (empty when none). */
    public java.util.Map<String, Object> validationOverrides() {
        return validationOverrides;
    }

    /** The job waits and no step of it is done: its template and settings may still change. */
    public boolean notBegun() {
        return state.get() == JobState.PENDING && !hasOutput;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<JobState> stateProperty() {
        return state;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty etaProperty() {
        return eta;
    }

    public StringProperty durationProperty() {
        return duration;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty problemsProperty() {
        return problems;
    }

    /** A completed job whose model still has problems. */
    public boolean hasProblems() {
        return problems.get() != null;
    }

    public ObjectProperty<Image> thumbnailProperty() {
        return thumbnail;
    }
}
