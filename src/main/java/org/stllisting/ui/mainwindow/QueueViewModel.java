package org.stllisting.ui.mainwindow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.jobs.queue.SourceScanner;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.runner.QueueView;
import org.stllisting.jobs.runner.Removal;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.jobs.runner.StopMode;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateRepository;
import org.stllisting.output.OutputMode;
import org.stllisting.output.OutputPlacement;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.queue.JobState;
import org.stllisting.jobs.runner.QueueSettings;
import org.stllisting.ui.UiExecutor;

/**
 * State and commands of the queue window, without any control: the view binds to these properties and
 * calls these methods. Events from the runner arrive on the UI thread (through the event bridge); commands
 * go to the runner on the background executor, never on the UI thread.
 *
 * <p>Threading: every method and property is for the JavaFX application thread only.
 */
public final class QueueViewModel {
    private final QueueRunner runner;
    private final TemplateRepository templates;
    private final ConfigStore config;
    private final UiExecutor background;
    private final ObservableList<JobRow> rows = FXCollections.observableArrayList();
    private final Map<String, JobRow> byId = new HashMap<>();
    /** The rows counted by state, changed with each row (the status bar never counts all rows again). */
    private final QueueCounts.Tally tally = new QueueCounts.Tally();
    private final ObservableList<Template> templateList = FXCollections.observableArrayList();
    private final ObjectProperty<Template> template = new SimpleObjectProperty<>();
    private final StringProperty outputFolder = new SimpleStringProperty("");
    /** The queue's own template (jobs without one of their own run with it), or null. */
    private final StringProperty queueTemplate = new SimpleStringProperty();
    private final DoubleProperty queueProgress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty processing = new SimpleBooleanProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    /** The last session is being checked at launch: nothing may start until its picture is shown. */
    private final BooleanProperty checking = new SimpleBooleanProperty();
    /** A job waits to run (Start has something to do). */
    private final BooleanProperty waiting = new SimpleBooleanProperty();
    /** Stop was asked for and the running steps are finishing. */
    private final BooleanProperty stopping = new SimpleBooleanProperty();
    /** The queue's time left as the runner last said, or null. */
    private Double etaSeconds;
    /** When the runner made {@link #etaSeconds}: it counts down from then between estimates. */
    private Instant etaAsOf;
    /** Events of one batch are being applied; the queue is counted once after them. */
    private boolean inBatch;
    private long countings;
    private boolean countsStale;
    private ThumbnailSink thumbnails = row -> { };
    /** What the window does when the queue has finished; remembered in config.json. */
    private final ObjectProperty<WhenDone> whenDone = new SimpleObjectProperty<>(WhenDone.NOTHING);
    /** The counts of the queue that has just finished, for the done banner; null while none is shown. */
    private final StringProperty done = new SimpleStringProperty();

    /** What to do once the queue has finished. */
    public enum WhenDone {
        NOTHING, QUIT;

        /** The remembered choice ({@code "quit"}), or nothing for anything else. */
        static WhenDone parse(Object value) {
            return "quit".equals(value) ? QUIT : NOTHING;
        }
    }

    /** What the undo bar says while removed jobs can be put back, else null. */
    private final StringProperty undo = new SimpleStringProperty();
    /**
     * What the last removal took away, while it can be put back. Set by the background task that removed the
     * jobs; the undo runs on the same (single) background thread after it, so it always sees it.
     */
    private final java.util.concurrent.atomic.AtomicReference<Removal> removed =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** The window's theme; remembered in config.json. */
    private final ObjectProperty<org.stllisting.ui.Theme> theme = new SimpleObjectProperty<>(
            org.stllisting.ui.Theme.LIGHT);

    /** The key of the when-done choice in config.json. */
    static final String WHEN_DONE_KEY = "when_done";

    /** Makes thumbnails for the rows the table shows. */
    @FunctionalInterface
    public interface ThumbnailSink {
        /** A cell shows {@code row}: its thumbnail is wanted. */
        void request(JobRow row);

        /** No cell shows {@code row} any more: a request not yet served is dropped. */
        default void drop(JobRow row) {
        }

        /** {@code row}'s job left the queue. */
        default void forget(JobRow row) {
        }
    }

    /** How long a notice of something done ("Added 3 models") stays in the status bar. */
    static final java.time.Duration NOTICE_TIME = java.time.Duration.ofSeconds(15);
    /** When the notice was last changed. */
    private Instant noticeSince = Instant.now();
    /** The notice stays until something else is said: a failure, a stop under way. */
    private boolean noticeHeld;

    public QueueViewModel(QueueRunner runner, TemplateRepository templates, ConfigStore config,
            UiExecutor background) {
        this.runner = runner;
        this.templates = templates;
        this.config = config;
        this.background = background;
        notice.addListener((o, was, now) -> {
            noticeSince = Instant.now();
            noticeHeld = false;
        });
    }

    /** Set before {@link #load()}: who makes the thumbnails of the rows in view. */
    public void setThumbnailSink(ThumbnailSink sink) {
        this.thumbnails = sink;
    }

    /**
     * Loads the queue, the templates and the settings (in the background). A queue without an output folder
     * gets the home's {@code default_output_folder} setting (as the command line does), else the one used last,
     * else {@code ~/STL Listings}.
     */
    public void load() {
        background.submit("Loading the queue", () -> {
            QueueSettings s = runner.settings();
            if (s.outputFolder() == null) {
                Path setting = HomeSettings.load(config).defaultOutputFolder();
                String last = config.load().lastOutputFolder;
                runner.updateSettings(s.withOutputFolder(setting != null ? setting.toAbsolutePath()
                        : last != null ? Path.of(last) : Path.of(System.getProperty("user.home"), "STL Listings")));
            }
            return new Loaded(runner.view(), templates.list(), templates.defaultTemplate(),
                    WhenDone.parse(config.load().other().get(WHEN_DONE_KEY)),
                    org.stllisting.ui.Theme.parse(config.load().other().get(org.stllisting.ui.Theme.CONFIG_KEY)));
        }, this::show);
    }

    private record Loaded(QueueView view, List<Template> templates, Template defaultTemplate, WhenDone whenDone,
            org.stllisting.ui.Theme theme) {
    }

    private void show(Loaded l) {
        whenDone.set(l.whenDone());
        theme.set(l.theme());
        templateList.setAll(l.templates());
        Template chosen = l.defaultTemplate();
        if (l.view().template() != null) {
            chosen = l.templates().stream().filter(t -> t.name.equalsIgnoreCase(l.view().template())).findFirst()
                    .orElse(chosen);
        }
        template.set(chosen);
        refresh(l.view());
        Template first = chosen;
        if (first != null) {
            background.run("Applying the template's output options", () -> applyOutputOptions(first));
        }
    }

    /**
     * Shows this picture of the queue. Rows are made once: a job already shown keeps its row, which changes
     * only when its picture has, and the table hears of a change only when the queue's order or its jobs
     * differ (recovery's picture after the launch's, at 10,000 jobs, changes nothing the table holds).
     */
    public void refresh(QueueView v) {
        List<JobRow> fresh = new ArrayList<>(v.jobs().size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JobView j : v.jobs()) {
            JobRow row = byId.get(j.id());
            if (row == null) {
                row = newRow(j);
            } else {
                update(row, j);
            }
            fresh.add(row);
            ids.add(j.id());
        }
        for (java.util.Iterator<JobRow> it = byId.values().iterator(); it.hasNext(); ) {
            JobRow row = it.next();
            if (!ids.contains(row.id())) {
                it.remove();
                tally.remove(row);
            }
        }
        if (!sameRows(fresh)) {
            rows.setAll(fresh);
        }
        queueTemplate.set(v.template());
        QueueSettings s = v.settings();
        if (s != null && s.outputFolder() != null) {
            outputFolder.set(s.outputFolder().toString());
        }
        processing.set(v.processing());
        paused.set(v.pausedFor() != null);
        etaSeconds = v.etaSeconds();
        etaAsOf = Instant.now();
        showCounts();
        if (v.pauseMessage() != null) {
            notice.set(v.pauseMessage());
        }
    }

    private JobRow newRow(JobView j) {
        JobRow row = new JobRow(j);
        byId.put(j.id(), row);
        tally.add(row);
        return row;
    }

    /** Shows {@code j} in {@code row} (nothing to do when the row shows it already), counted again. */
    private void update(JobRow row, JobView j) {
        if (row.shows(j)) {
            return;
        }
        tally.remove(row);
        row.update(j);
        tally.add(row);
    }

    /** True when the table holds these rows, in this order. */
    private boolean sameRows(List<JobRow> fresh) {
        if (fresh.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < fresh.size(); i++) {
            if (fresh.get(i) != rows.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** A cell of the table shows {@code row}: its thumbnail is made (or taken from the cache). */
    public void showThumbnail(JobRow row) {
        thumbnails.request(row);
    }

    /** No cell shows {@code row} any more. */
    public void hideThumbnail(JobRow row) {
        thumbnails.drop(row);
    }

    /**
     * Applies the runner events that arrived together (on the UI thread), then counts the queue once: a
     * burst of thousands of state changes costs one count, not one per change.
     */
    /** How many times the queue was counted for the status bar (a burst of events is counted once). */
    long countings() {
        return countings;
    }

    public void applyAll(List<RunnerEvent> batch) {
        inBatch = true;
        try {
            for (RunnerEvent e : batch) {
                apply(e);
            }
        } finally {
            inBatch = false;
        }
        if (countsStale) {
            showCounts();
        }
    }

    /** Applies one runner event (on the UI thread). */
    public void apply(RunnerEvent e) {
        if (e instanceof RunnerEvent.JobsAdded a) {
            // added in one go: the table hears of one change, not of one per job
            List<JobRow> added = new ArrayList<>();
            for (JobView j : a.jobs()) {
                if (!byId.containsKey(j.id())) {
                    added.add(newRow(j));
                }
            }
            rows.addAll(added);
        } else if (e instanceof RunnerEvent.JobsRemoved r) {
            java.util.Set<JobRow> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (String id : r.ids()) {
                JobRow row = byId.remove(id);
                if (row != null) {
                    tally.remove(row);
                    gone.add(row);
                    thumbnails.forget(row);
                }
            }
            // removed in one go, each row looked up in a set, not searched for in the list
            rows.removeIf(gone::contains);
        } else if (e instanceof RunnerEvent.QueueReordered o) {
            List<JobRow> ordered = new ArrayList<>();
            for (String id : o.order()) {
                JobRow row = byId.get(id);
                if (row != null) {
                    ordered.add(row);
                }
            }
            rows.setAll(ordered);
        } else if (e instanceof RunnerEvent.JobStateChanged c) {
            JobRow row = byId.get(c.job().id());
            if (row != null) {
                update(row, c.job());
            }
            countsChanged();
        } else if (e instanceof RunnerEvent.JobProgress p) {
            JobRow row = byId.get(p.jobId());
            if (row != null) {
                tally.remove(row);
                row.progress(p.percent(), p.message(), p.etaSeconds(), p.at());
                tally.add(row);
            }
        } else if (e instanceof RunnerEvent.QueueProgress q) {
            etaSeconds = q.etaSeconds();
            etaAsOf = q.at();
        } else if (e instanceof RunnerEvent.QueueStarted s) {
            processing.set(true);
            stopping.set(false);
            done.set(null);
            // the jobs it has to do, not the finished ones the queue also holds
            QueueCounts c = tally.counts();
            int toDo = c.pending() + c.running();
            notice.set("Processing " + Formats.count(toDo > 0 ? toDo : s.jobs(), "job"));
        } else if (e instanceof RunnerEvent.QueuePaused p) {
            paused.set(true);
            notice.set(p.message());
        } else if (e instanceof RunnerEvent.QueueResumed) {
            paused.set(false);
            notice.set("Resumed");
        } else if (e instanceof RunnerEvent.QueueStopped s) {
            processing.set(false);
            stopping.set(false);
            notice.set("Stopped; " + Formats.count(s.unfinished(), "job") + (s.unfinished() == 1 ? " waits" : " wait")
                    + " for the next start");
        } else if (e instanceof RunnerEvent.QueueFinished f) {
            processing.set(false);
            stopping.set(false);
            etaSeconds = null;
            notice.set(String.format(Locale.ROOT, "Finished: %d completed%s, %d failed, %d cancelled, %d skipped",
                    f.completed(), withProblems() > 0 ? " (" + withProblems() + " with problems)" : "", f.failed(),
                    f.cancelled(), f.skipped()));
            done.set("The queue is done. " + notice.get().substring("Finished: ".length()) + ".");
        } else if (e instanceof RunnerEvent.DiskSpaceLow d) {
            notice.set(String.format(Locale.ROOT,
                    "Paused: only %d MB free under %s (needs %d MB); resumes when space returns",
                    d.freeBytes() >> 20, d.where(), d.thresholdBytes() >> 20));
        } else if (e instanceof RunnerEvent.Warning w) {
            hold(w.model() != null ? w.model() + ": " + w.message() : w.message());
        } else if (e instanceof RunnerEvent.RetryScheduled r) {
            notice.set("Retrying " + nameOf(r.jobId()) + " (attempt " + r.attempt() + "): " + r.reason());
        }
        // StepStarted / StepCompleted: the progress and state events that follow update the row
        if (e instanceof RunnerEvent.JobsAdded || e instanceof RunnerEvent.JobsRemoved
                || e instanceof RunnerEvent.QueueProgress || e instanceof RunnerEvent.QueueStopped
                || e instanceof RunnerEvent.QueueFinished) {
            countsChanged();
        }
    }

    private void countsChanged() {
        if (inBatch) {
            countsStale = true;
        } else {
            showCounts();
        }
    }

    /** The status bar from the rows' states (as the store reported them) and the runner's time left. */
    private void showCounts() {
        countsStale = false;
        countings++;
        QueueCounts c = tally.counts();
        queueProgress.set(c.bar());
        waiting.set(c.pending() > 0);
        showStatus(c, Instant.now());
    }

    /** The status line: the counts, and the runner's last estimate of the time left as it stands at {@code now}. */
    private void showStatus(QueueCounts c, Instant now) {
        status.set(c.describe(JobRow.countedDown(etaSeconds, etaAsOf, now), stopping.get()));
    }

    /**
     * Brings the running jobs' durations up to {@code now} and clears a notice of something done once it is
     * {@link #NOTICE_TIME} old (one that still holds stays: a failure, a pause, a stop under way, the launch's
     * check); the window calls it once a second.
     */
    public void tick(Instant now) {
        for (JobRow r : rows) {
            r.tick(now);
        }
        if (processing.get() && etaSeconds != null) {
            // the queue's time left counts down between the runner's estimates, as each running job's does
            showStatus(tally.counts(), now);
        }
        if (!notice.get().isEmpty() && !noticeHeld && !paused.get() && !stopping.get() && !checking.get()
                && java.time.Duration.between(noticeSince, now).compareTo(NOTICE_TIME) >= 0) {
            notice.set("");
        }
    }

    /** Says {@code text} in the status bar until something else is said. */
    private void hold(String text) {
        notice.set(text);
        noticeHeld = true;
    }

    private String nameOf(String id) {
        JobRow row = byId.get(id);
        return row == null ? id : row.nameProperty().get();
    }

    /** Completed jobs whose model still has problems. */
    private int withProblems() {
        return tally.counts().problems();
    }

    /** The queue counted by state, as the status bar shows it (kept up to date, not counted on each call). */
    public QueueCounts counts() {
        return tally.counts();
    }

    // ------------------------------------------------------------------------------------------ commands

    /** Queues files and folders (STL found recursively; other files are named in the notice). */
    public void add(List<Path> paths) {
        Template t = template.get();
        String name = t == null ? null : t.name;
        background.submit("Adding files", () -> {
            SourceScanner.Result found = SourceScanner.scan(paths, runner.settings().outputFolder());
            List<JobView> added = runner.add(found.stl(), name, null, null);
            return new Added(found, added.size(), added.stream().map(JobView::source).collect(
                    java.util.stream.Collectors.toSet()));
        }, a -> {
            StringBuilder sb = new StringBuilder("Added " + Formats.count(a.count(), "model"));
            int already = a.found().stl().size() - a.count();
            if (already > 0) {
                sb.append(" (").append(already).append(" already queued");
                int finished = finishedAmong(a);
                if (finished > 0) {
                    sb.append(finished == already ? " (finished)" : ", " + finished + " of them finished")
                            .append(": use Run again");
                }
                sb.append(")");
            }
            if (!a.found().ignored().isEmpty()) {
                int n = a.found().ignored().size();
                sb.append("; ignored ").append(Formats.count(n, "file")).append(n == 1 ? " that is" : " that are")
                        .append(" not STL");
            }
            if (!a.found().missing().isEmpty()) {
                sb.append("; not found: ").append(a.found().missing().get(0));
            }
            if (a.found().skippedLine() != null) {
                sb.append("; ").append(a.found().skippedLine());
            }
            notice.set(sb.toString());
        });
    }

    private record Added(SourceScanner.Result found, int count, java.util.Set<String> addedSources) {
    }

    /** How many of the files not added are queued as finished jobs. */
    private int finishedAmong(Added a) {
        java.util.Set<String> notAdded = new java.util.HashSet<>();
        for (Path p : a.found().stl()) {
            String s = p.toAbsolutePath().normalize().toString();
            if (!a.addedSources().contains(s)) {
                notAdded.add(s);
            }
        }
        int n = 0;
        for (JobRow r : rows) {
            if (r.stateProperty().get().isFinal() && notAdded.remove(r.source())) {
                n++;
            }
        }
        return n;
    }

    public void start() {
        background.run("Starting", runner::start);
    }

    public void pause() {
        background.run("Pausing", runner::pause);
    }

    public void resume() {
        background.run("Resuming", runner::resume);
    }

    /**
     * Stops the queue: {@code now} interrupts the running steps, else they finish first (which can take a
     * while: the status bar says so at once).
     */
    public void stop(boolean now) {
        stopping.set(true);
        notice.set(now ? "Stopping now; unfinished jobs resume on the next start"
                : "Stopping: the running steps finish first, then the queue stops");
        showCounts();
        background.run("Stopping", () -> {
            runner.stop(now ? StopMode.NOW : StopMode.AFTER_CURRENT_STEPS);
        });
    }

    /**
     * Stop after this running job: nothing new starts, it and the jobs running with it run to their end, then
     * the queue stops. A job that finished meanwhile (the menu was open) changes nothing, and the notice says so.
     */
    public void stopAfter(JobRow row) {
        if (row == null) {
            return;
        }
        String name = row.nameProperty().get();
        if (row.stateProperty().get().isFinal()) {
            notice.set(finishedAlready(name));
            return;
        }
        if (!canStopAfter(row)) {
            return;
        }
        int others = (int) rows.stream().filter(r -> r != row && r.stateProperty().get() == JobState.RUNNING).count();
        hold("Nothing new starts; the queue stops when " + name + (others == 0 ? " has finished"
                : " and " + Formats.count(others, "other running job") + " have finished"));
        background.submit("Stopping after " + name, () -> runner.stopAfter(row.id()), answer -> {
            if (answer == QueueRunner.StopAfter.ALREADY_FINISHED) {
                notice.set(finishedAlready(name));
            } else if (answer == QueueRunner.StopAfter.UNKNOWN) {
                notice.set(name + " is no longer in the queue; the queue goes on");
            }
        });
    }

    private static String finishedAlready(String name) {
        return name + " has already finished; nothing to stop after, the queue goes on";
    }

    /** Stop after this job applies: the queue runs, is not stopping yet, and {@code row} runs. */
    public boolean canStopAfter(JobRow row) {
        return row != null && processing.get() && !stopping.get() && row.stateProperty().get() == JobState.RUNNING;
    }

    public void cancel(List<String> ids) {
        background.run("Cancelling", () -> {
            for (String id : ids) {
                runner.cancel(id);
            }
        });
    }

    public void retry(List<String> ids) {
        background.run("Retrying", () -> {
            for (String id : ids) {
                runner.retry(id);
            }
        });
    }

    /** Runs finished jobs again from their first step; their new runs overwrite their old outputs. */
    public void runAgain(List<String> ids) {
        background.submit("Running again", () -> {
            int n = 0;
            for (String id : ids) {
                if (runner.runAgain(id)) {
                    n++;
                }
            }
            return n;
        }, n -> notice.set(n == 0 ? "Nothing to run again: only finished jobs run again"
                : Formats.count(n, "job") + (n == 1 ? " waits" : " wait") + " to run again from the beginning"));
    }

    public void retryAllFailed() {
        background.run("Retrying failed jobs", () -> runner.retryAllFailed());
    }

    public void remove(List<String> ids) {
        background.run("Removing", () -> runner.remove(ids));
    }

    /**
     * Removes these jobs at once and offers to put them back (the undo bar): they come back through the
     * engine exactly as they were, at their places.
     */
    public void removeWithUndo(List<JobRow> selected) {
        if (selected.isEmpty()) {
            return;
        }
        undo.set("Removed " + (selected.size() == 1 ? selected.get(0).nameProperty().get()
                : Formats.count(selected.size(), "job")) + " from the queue");
        List<String> ids = selected.stream().map(JobRow::id).toList();
        removed.set(null);
        background.run("Removing", () -> removed.set(runner.take(ids)));
    }

    /** Puts the jobs of the last removal back exactly as they were, where they were. */
    public void undoRemove() {
        if (undo.get() == null) {
            return;
        }
        undo.set(null);
        background.submit("Putting the removed jobs back", () -> {
            Removal back = removed.getAndSet(null);
            return back == null ? new int[] {0, 0} : new int[] {runner.putBack(back).size(), back.size()};
        }, n -> {
            if (n[0] < n[1]) {
                notice.set("Put back " + Formats.count(n[0], "job") + "; " + (n[1] - n[0])
                        + " left out: queued again meanwhile");
            }
        });
    }

    /** The removal can no longer be undone (the undo bar's time is up). */
    public void forgetRemoved() {
        undo.set(null);
        removed.set(null);
    }

    /** Removes the completed, cancelled and skipped jobs, says how many, and offers to put them back. */
    public void clearFinished() {
        removed.set(null);
        background.submit("Clearing finished jobs", () -> {
            Removal r = runner.takeFinished();
            removed.set(r);
            return r.size();
        }, n -> {
            if (n == 0) {
                notice.set("No finished jobs to clear");
                return;
            }
            notice.set("Cleared " + Formats.count(n, "finished job"));
            undo.set("Cleared " + Formats.count(n, "finished job") + " from the queue");
        });
    }

    /** Moves the jobs one place up ({@code delta} -1) or down (+1). */
    public void move(List<String> ids, int delta) {
        if (ids.isEmpty()) {
            return;
        }
        int first = Integer.MAX_VALUE;
        for (String id : ids) {
            JobRow row = byId.get(id);
            if (row != null) {
                first = Math.min(first, rows.indexOf(row));
            }
        }
        int target = Math.max(0, Math.min(rows.size() - ids.size(), first + delta));
        background.run("Reordering", () -> {
            runner.move(ids, target);
        });
    }

    /**
     * Moves the jobs (dragged together, in queue order) so that they stand before the row now at
     * {@code before} ({@code rows().size()}: at the end).
     */
    public void moveBefore(List<String> ids, int before) {
        java.util.Set<String> moving = new java.util.HashSet<>(ids);
        List<String> ordered = new ArrayList<>();
        int target = before;
        for (int i = 0; i < rows.size(); i++) {
            if (moving.contains(rows.get(i).id())) {
                ordered.add(rows.get(i).id());
                if (i < before) {
                    target--;
                }
            }
        }
        if (ordered.isEmpty()) {
            return;
        }
        int to = target;
        background.run("Reordering", () -> runner.move(ordered, to));
    }

    /** Uses this output folder for jobs that have not started yet. */
    public void setOutputFolder(Path folder) {
        background.submit("Changing the output folder", () -> {
            QueueSettings s = runner.settings().withOutputFolder(folder);
            runner.updateSettings(s);
            String chosen = s.outputFolder().toString();
            config.update(c -> c.lastOutputFolder = chosen);
            return chosen;
        }, outputFolder::set);
    }

    /**
     * The user picked template {@code t}: it is remembered, the queued jobs that have not begun take it
     * (running, finished and begun jobs keep theirs), and while no job of the queue has begun its output mode
     * and naming become the queue's.
     */
    public void chooseTemplate(Template t) {
        chooseTemplate(t, "");
    }

    /** As {@link #chooseTemplate(Template)}, the notice beginning with {@code said} (what led to it). */
    private void chooseTemplate(Template t, String said) {
        template.set(t);
        if (t == null) {
            return;
        }
        List<String> waiting = rows.stream().filter(r -> r.stateProperty().get() == JobState.PENDING)
                .map(JobRow::id).toList();
        background.submit("Changing the template", () -> {
            templates.rememberLastUsed(t.name);
            int changed = waiting.isEmpty() ? 0 : runner.changeTemplate(waiting, t.name).size();
            applyOutputOptions(t);
            return changed;
        }, changed -> notice.set(said + (changed > 0
                ? t.displayName + " now applies to " + Formats.count(changed, "waiting job")
                        + "; running and finished jobs keep their template"
                : t.displayName + " applies to the models you add next")));
    }

    /**
     * Gives the selected jobs that have not begun these own settings (a value sets a key, null gives the
     * template's back); the notice says how many changed and how many were skipped because they had started.
     */
    public void changeSettings(List<JobRow> selected, Map<String, Object> render, Map<String, Object> validation) {
        List<String> ids = selected.stream().map(JobRow::id).toList();
        if (ids.isEmpty()) {
            return;
        }
        background.submit("Changing the jobs' settings", () -> {
            List<String> changed = runner.setOverrides(ids, render, validation);
            int started = 0;
            for (String id : ids) {
                JobView j = changed.contains(id) ? null : runner.job(id);
                if (j != null && (j.state() != JobState.PENDING || j.lastCompletedStep() != null)) {
                    started++;
                }
            }
            return new int[] {changed.size(), started};
        }, n -> notice.set("Changed the settings of " + Formats.count(n[0], "job")
                + (n[1] == 0 ? "" : "; " + n[1] + " skipped because " + (n[1] == 1 ? "it" : "they")
                        + " had started")));
    }

    /** In the background: the template's output mode and naming, unless a job of the queue has begun. */
    private void applyOutputOptions(Template t) throws java.io.IOException {
        if (t.outputOptions == null) {
            return;
        }
        boolean begun = runner.view().jobs().stream().anyMatch(j -> j.state() == JobState.RUNNING
                || j.state() == JobState.PENDING && j.lastCompletedStep() != null);
        if (begun) {
            return;
        }
        QueueSettings s = runner.settings();
        QueueSettings next = s.withOutputMode(OutputMode.parse(t.outputOptions.mode == null ? "per-model"
                : t.outputOptions.mode)).withNaming(OutputPlacement.naming(t.outputOptions.naming));
        if (!next.equals(s)) {
            runner.updateSettings(next);
        }
    }

    /** The name a template is shown by (its display name when known); null: the queue's template. */
    public String templateLabel(String name) {
        if (name == null) {
            name = queueTemplate.get();
        }
        if (name == null) {
            return "";
        }
        for (Template t : templateList) {
            if (t.name.equalsIgnoreCase(name)) {
                return t.displayName;
            }
        }
        return name;
    }

    /** Remembers what the window does when the queue has finished. */
    public void setWhenDone(WhenDone w) {
        whenDone.set(w);
        background.run("Remembering what to do when the queue is done",
                () -> config.update(c -> c.setOther(WHEN_DONE_KEY, w.name().toLowerCase(Locale.ROOT))));
    }

    /**
     * Saves the chosen template with the queue's output mode as a new user template named
     * {@code displayName}, and picks it as the picker does: the waiting jobs that have not begun take it.
     */
    public void saveTemplateAs(String displayName) {
        Template from = template.get();
        if (from == null || displayName == null || displayName.isBlank()) {
            return;
        }
        background.submit("Saving the template", () -> {
            Template t = from.copy();
            t.name = null;
            t.displayName = displayName.strip();
            t.description = "Saved from " + from.displayName + ". " + (from.description == null ? "" : from.description);
            t.createdAt = null;
            t.createdBy = null;
            OutputMode mode = runner.settings().outputMode();
            if (mode != null) {
                t.outputOptions.mode = mode.label();
            }
            return new Saved(templates.save(t, false), templates.list());
        }, s -> {
            templateList.setAll(s.all());
            Template saved = s.listed();
            chooseTemplate(saved, "Saved template " + saved.displayName + " in " + templates.userDir() + "; ");
        });
    }

    /**
     * Imports a template file (checked and upgraded by the repository) and picks it as the picker does: the
     * waiting jobs that have not begun take it.
     */
    public void importTemplate(Path file) {
        background.submit("Importing " + file, () -> new Saved(templates.importFile(file, false), templates.list()),
                s -> {
                    templateList.setAll(s.all());
                    Template imported = s.listed();
                    chooseTemplate(imported, "Imported template " + imported.displayName + " from " + file + "; ");
                });
    }

    /** Writes the chosen template to {@code file}. */
    public void exportTemplate(Path file) {
        Template t = template.get();
        if (t == null) {
            return;
        }
        background.submit("Exporting to " + file, () -> {
            templates.export(t.name, file);
            return file;
        }, f -> notice.set("Exported template " + t.displayName + " to " + f));
    }

    private record Saved(Template saved, List<Template> all) {
        /** The saved template as the new list holds it, the object the picker shows. */
        Template listed() {
            return all.stream().filter(t -> t.name.equals(saved.name)).findFirst().orElse(saved);
        }
    }

    /** Uses and remembers this theme. */
    public void setTheme(org.stllisting.ui.Theme t) {
        theme.set(t);
        background.run("Remembering the theme",
                () -> config.update(c -> c.setOther(org.stllisting.ui.Theme.CONFIG_KEY, t.key())));
    }

    /** The done banner was closed. */
    public void dismissDone() {
        done.set(null);
    }

    /** Says {@code message} (a failure, or what waits on the user) in the status bar until something else is. */
    public void reportError(String message) {
        hold(message);
    }

    // ------------------------------------------------------------------------------------------ properties

    public ObservableList<JobRow> rows() {
        return rows;
    }

    public JobRow row(String id) {
        return byId.get(id);
    }

    public ObservableList<Template> templates() {
        return templateList;
    }

    public ObjectProperty<Template> templateProperty() {
        return template;
    }

    public StringProperty queueTemplateProperty() {
        return queueTemplate;
    }

    public StringProperty outputFolderProperty() {
        return outputFolder;
    }

    public DoubleProperty queueProgressProperty() {
        return queueProgress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public BooleanProperty processingProperty() {
        return processing;
    }

    /** True while the launch checks the last session (Start waits for it). */
    public BooleanProperty checkingProperty() {
        return checking;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** True while a job waits to run. */
    public BooleanProperty waitingProperty() {
        return waiting;
    }

    /** What the undo bar says while the last removal can be undone, else null. */
    public StringProperty undoProperty() {
        return undo;
    }

    public ObjectProperty<org.stllisting.ui.Theme> themeProperty() {
        return theme;
    }

    public ObjectProperty<WhenDone> whenDoneProperty() {
        return whenDone;
    }

    /** The finished queue's counts while the done banner shows, else null. */
    public StringProperty doneProperty() {
        return done;
    }

    public BooleanProperty stoppingProperty() {
        return stopping;
    }
}
