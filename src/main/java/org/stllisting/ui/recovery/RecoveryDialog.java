package org.stllisting.ui.recovery;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.QueueView;
import org.stllisting.ui.WindowPlacement;
import org.stllisting.ui.mainwindow.Formats;

/**
 * Offered on launch when the last session was interrupted (docs/ARCHITECTURE.md, Recovery): what the session was, how many jobs
 * are done, to resume, missing or changed, and the choice to resume all, review (choose which jobs go on),
 * discard (the queue is archived for the archive retention and can be restored from the command line; an empty
 * queue takes its place) or decide later.
 */
public final class RecoveryDialog {
    /** What the user chose; {@code cancelIds} are the jobs not to resume (empty for discard and later). */
    public record Choice(Action action, List<String> cancelIds) {
    }

    public enum Action { RESUME, DISCARD, LATER }

    static final ButtonType RESUME = new ButtonType("Resume", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType REVIEW = new ButtonType("Resume selected", ButtonBar.ButtonData.OTHER);
    static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);
    static final ButtonType LATER = new ButtonType("Later", ButtonBar.ButtonData.CANCEL_CLOSE);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** The height of one line of the job list. */
    private static final double LINE = 24;

    private RecoveryDialog() {
    }

    /** The summary line of the dialog, e.g. "Interrupted on Tue 24 Nov 2026, 02:31 — Complete Processing". */
    public static String summary(RecoveryReport r) {
        return summary(r, r.template());
    }

    /** As {@link #summary(RecoveryReport)}, naming the template {@code templateName} (its display name). */
    public static String summary(RecoveryReport r, String templateName) {
        return summary(r, templateName == null ? List.of() : List.of(templateName));
    }

    /**
     * As {@link #summary(RecoveryReport)}, naming the templates of the jobs left to do (display names, each once):
     * "template Complete Processing", "templates Quick Preview and Complete Processing", "3 templates".
     */
    public static String summary(RecoveryReport r, List<String> templateNames) {
        String when = r.lastUpdated() == null ? "an earlier session" : WHEN.format(r.lastUpdated());
        String templates = switch (templateNames.size()) {
            case 0 -> "no template";
            case 1 -> "template " + templateNames.get(0);
            case 2 -> "templates " + templateNames.get(0) + " and " + templateNames.get(1);
            default -> templateNames.size() + " templates";
        };
        return String.format(Locale.ROOT, "%s on %s — %s%n%s: %s", r.interrupted() ? "Interrupted" : "Stopped",
                when, templates, Formats.count(r.total(), "job"), r.counts());
    }

    /**
     * The templates the dialog names, by {@code displayName}: the queue's own, or, when the queue was given none
     * (jobs added with the window's picker as it opened), those of the jobs left to do, each once, in queue order.
     */
    public static List<String> templatesOf(RecoveryReport r, QueueView v, UnaryOperator<String> displayName) {
        if (r.template() != null) {
            return List.of(displayName.apply(r.template()));
        }
        java.util.Set<String> left = new java.util.HashSet<>();
        r.toResume().forEach(j -> left.add(j.jobId()));
        r.waiting().forEach(j -> left.add(j.jobId()));
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (JobView j : v.jobs()) {
            if (j.template() != null && left.contains(j.id())) {
                names.add(displayName.apply(j.template()));
            }
        }
        return List.copyOf(names);
    }

    /** What Discard does, in the dialog's words. */
    public static String discardNote(RecoveryReport r, int archiveDays) {
        String id = r.sessionId() == null ? "ID" : r.sessionId().substring(0, Math.min(8, r.sessionId().length()));
        return "Discard archives this queue for " + archiveDays + (archiveDays == 1 ? " day" : " days")
                + " and starts an empty one.\nRestore it later with: stl-listing sessions restore " + id;
    }

    /**
     * Discard's work, off the UI thread: archives the queue and then calls {@code done}, or {@code failed} with
     * the reason in one line (both on the UI thread).
     */
    @FunctionalInterface
    public interface Discarder {
        void discard(Runnable done, Consumer<String> failed);
    }

    /** The dialog; {@code archiveDays} is how long a discarded queue stays restorable. */
    public static Dialog<Choice> create(RecoveryReport r, int archiveDays, Window owner) {
        return create(r, archiveDays, owner, null);
    }

    /**
     * The dialog; with a {@code discarder}, Discard archives the queue while the dialog stays with a progress
     * bar and its buttons off, and closes it when the queue is archived (a failure is shown in it, and the
     * choices are offered again).
     */
    public static Dialog<Choice> create(RecoveryReport r, int archiveDays, Window owner, Discarder discarder) {
        Dialog<Choice> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(r.interrupted() ? "Resume the interrupted session?" : "Resume the last session?");
        d.setResizable(true);
        d.setHeaderText(summary(r));
        // one line a job, in a list that makes cells only for the lines in view: 10,000 jobs are as quick to
        // show as ten (a check box each took the UI thread seconds)
        List<Line> lines = new ArrayList<>();
        if (r.stateMessage() != null && !r.stateMessage().isBlank()) {
            lines.add(new Line("Queue state: " + r.stateMessage(), null, null));
        }
        for (RecoveryReport.JobItem j : r.toResume()) {
            lines.add(new Line(String.format(Locale.ROOT, "%s — %d of %d steps done, next: %s", j.model(),
                    j.stepsDone(), j.stepsTotal(), j.nextStep() == null ? "-" : j.nextStep()), j.jobId(),
                    new javafx.beans.property.SimpleBooleanProperty(true)));
        }
        for (RecoveryReport.JobItem j : r.waiting()) {
            lines.add(new Line(j.model() + " — not started", j.jobId(),
                    new javafx.beans.property.SimpleBooleanProperty(true)));
        }
        for (RecoveryReport.JobItem j : r.missing()) {
            lines.add(new Line("Missing: " + j.model() + " — " + j.problem(), null, null));
        }
        for (RecoveryReport.JobItem j : r.changed()) {
            lines.add(new Line("Changed since queued (skipped): " + j.model() + " — " + j.problem(), null, null));
        }
        javafx.scene.control.ListView<Line> list = new javafx.scene.control.ListView<>(
                javafx.collections.FXCollections.observableArrayList(lines));
        list.setId("recovery-jobs");
        list.setFixedCellSize(LINE);
        list.setCellFactory(v -> new LineCell());
        list.setFocusTraversable(true);
        // the list is the dialog's point: a few lines always show, all of them up to 12, then it scrolls
        list.setMinHeight(LINE * Math.min(Math.max(lines.size(), 1), 4) + 4);
        list.setPrefHeight(LINE * Math.min(Math.max(lines.size(), 4), 12) + 4);
        Label discard = new Label(discardNote(r, archiveDays));
        discard.setId("recovery-discard-note");
        discard.setMnemonicParsing(false);
        discard.setWrapText(true);
        discard.setMinHeight(Region.USE_PREF_SIZE);
        Busy busy = new Busy();
        DialogPane pane = d.getDialogPane();
        VBox content = new VBox(8, list, discard, busy.root);
        content.setPadding(new Insets(8, 10, 0, 10));
        VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
        pane.setContent(content);
        pane.setMinWidth(520);
        pane.setPrefWidth(720);
        pane.setMinHeight(Region.USE_PREF_SIZE);
        // under a window manager the size asked for before showing can be lost: asked for again once shown
        WindowPlacement.keepContentSize(d);
        d.getDialogPane().getButtonTypes().addAll(RESUME, REVIEW, DISCARD, LATER);
        if (discarder != null) {
            pane.lookupButton(DISCARD).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
                e.consume();
                List<javafx.scene.Node> buttons = pane.getButtonTypes().stream().map(pane::lookupButton).toList();
                buttons.forEach(b -> b.setDisable(true));
                busy.working("Archiving the queue (" + Formats.count(r.total(), "job") + ")…", -1);
                discarder.discard(() -> {
                    busy.idle(null);
                    d.setResult(new Choice(Action.DISCARD, List.of()));
                    d.close();
                }, why -> {
                    busy.idle("Could not discard the queue: " + why);
                    buttons.forEach(b -> b.setDisable(false));
                });
            });
            // closing the window while the queue is archived would leave its end unseen
            d.setOnCloseRequest(e -> {
                if (busy.bar.isVisible()) {
                    e.consume();
                }
            });
        }
        d.setResultConverter(bt -> {
            if (bt == RESUME) {
                return new Choice(Action.RESUME, List.of());
            }
            if (bt == REVIEW) {
                List<String> off = new ArrayList<>();
                for (Line l : lines) {
                    if (l.checked() != null && !l.checked().get()) {
                        off.add(l.jobId());
                    }
                }
                return new Choice(Action.RESUME, off);
            }
            if (bt == DISCARD) {
                return new Choice(Action.DISCARD, List.of());
            }
            return new Choice(Action.LATER, List.of());
        });
        return d;
    }

    /**
     * One line of the job list: a job to resume or start, ticked to go on ({@code checked}), or a note (the
     * queue's state, a missing or changed source) with {@code checked} and {@code jobId} null.
     */
    record Line(String text, String jobId, javafx.beans.property.BooleanProperty checked) {
    }

    /** A job's line as a check box, a note as plain text; model names keep their underscores. */
    private static final class LineCell extends javafx.scene.control.ListCell<Line> {
        private final CheckBox box = new CheckBox();
        private Line bound;

        LineCell() {
            box.setMnemonicParsing(false);
            setMnemonicParsing(false);
        }

        @Override
        protected void updateItem(Line line, boolean empty) {
            super.updateItem(line, empty);
            if (bound != null) {
                box.selectedProperty().unbindBidirectional(bound.checked());
                bound = null;
            }
            if (empty || line == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            if (line.checked() == null) {
                setText(line.text());
                setGraphic(null);
                return;
            }
            box.setText(line.text());
            box.selectedProperty().bindBidirectional(line.checked());
            bound = line;
            setText(null);
            setGraphic(box);
        }
    }

    /** A progress bar with a line beside it, hidden while nothing goes on. */
    private static final class Busy {
        final ProgressBar bar = new ProgressBar();
        final Label text = new Label();
        final HBox root = new HBox(10, bar, text);

        Busy() {
            bar.setId("recovery-progress");
            text.setId("recovery-progress-text");
            text.setWrapText(true);
            text.setMnemonicParsing(false);
            bar.setPrefWidth(220);
            bar.setMinWidth(160);
            HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
            root.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            root.setPadding(new Insets(0, 0, 0, 0));
            root.setMinHeight(Region.USE_PREF_SIZE);
            idle(null);
        }

        /** Shows the bar at {@code progress} (0–1; negative: indeterminate) with {@code what}. */
        void working(String what, double progress) {
            bar.setProgress(progress < 0 ? ProgressBar.INDETERMINATE_PROGRESS : progress);
            bar.setVisible(true);
            bar.setManaged(true);
            text.setText(what);
            root.setVisible(true);
        }

        /**
         * Hides the bar; {@code message} (a failure), when not null, stays in its place. The row keeps its room,
         * so that the dialog, sized when shown, has it for the bar (a window manager may not let it grow).
         */
        void idle(String message) {
            bar.setVisible(false);
            text.setText(message == null ? "" : message);
            root.setVisible(message != null);
        }
    }

    /**
     * While the last session is checked on launch (its sources, checkpoints and partial files: seconds at
     * 10,000 jobs), a small window with a progress bar; shown only when the check takes longer than {@code
     * delayMillis}, so that a quick launch shows nothing. Threading: the JavaFX application thread.
     */
    public static final class Checking {
        private final Stage stage = new Stage();
        private final Busy busy = new Busy();
        private final java.util.concurrent.ScheduledFuture<?> wait;
        private final VBox pane;
        private boolean closed;

        private Checking(Window owner, long delayMillis) {
            if (owner != null) {
                stage.initOwner(owner);
                stage.initModality(javafx.stage.Modality.WINDOW_MODAL);
            }
            stage.setTitle("Checking the last session");
            Label what = new Label("Checking the last session: its source files, the completed steps of each job"
                    + " and the files of interrupted steps…");
            what.setWrapText(true);
            busy.working("", -1);
            pane = new VBox(12, what, busy.root);
            pane.setId("recovery-checking");
            pane.setPadding(new Insets(16));
            pane.setPrefWidth(480);
            stage.setScene(new javafx.scene.Scene(pane));
            stage.setResizable(false);
            stage.setOnCloseRequest(javafx.event.Event::consume); // it closes when the check is done
            org.stllisting.ui.OwnedWindow.quietWhenClosed(stage);
            // on the clock, not an animation: a quick launch that never shows the window pulses nothing
            wait = org.stllisting.ui.UiClock.after(Math.max(1, delayMillis), () -> {
                if (!closed) {
                    stage.show();
                }
            });
        }

        /** The work is {@code fraction} (0–1) done. */
        public void setProgress(double fraction) {
            busy.bar.setProgress(fraction);
            busy.text.setText(String.format(Locale.ROOT, "%.0f %%", 100 * fraction));
        }

        public boolean isShowing() {
            return stage.isShowing();
        }

        public javafx.scene.Parent pane() {
            return pane;
        }

        /** The check is done: the window goes (or never comes). */
        public void close() {
            closed = true;
            wait.cancel(false);
            stage.close();
        }
    }

    /** Starts showing that the last session is being checked, after {@code delayMillis}. */
    public static Checking checking(Window owner, long delayMillis) {
        return new Checking(owner, delayMillis);
    }
}
