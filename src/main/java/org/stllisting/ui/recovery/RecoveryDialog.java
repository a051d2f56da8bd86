package org.stllisting.ui.recovery;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.stllisting.jobs.recovery.RecoveryReport;
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
        String when = r.lastUpdated() == null ? "an earlier session" : WHEN.format(r.lastUpdated());
        return String.format(Locale.ROOT, "%s on %s — template %s%n%s: %d done, %d to resume, "
                + "%d not started, %d missing, %d changed", r.interrupted() ? "Interrupted" : "Stopped", when,
                r.template() == null ? "-" : r.template(),
                Formats.count(r.total(), "job"), r.done(), r.toResume().size(), r.waiting().size(),
                r.missing().size(), r.changed().size());
    }

    /** What Discard does, in the dialog's words. */
    public static String discardNote(RecoveryReport r, int archiveDays) {
        String id = r.sessionId() == null ? "ID" : r.sessionId().substring(0, Math.min(8, r.sessionId().length()));
        return "Discard archives this queue for " + archiveDays + (archiveDays == 1 ? " day" : " days")
                + " and starts an empty one.\nRestore it later with: stl-listing sessions restore " + id;
    }

    /** The dialog; {@code archiveDays} is how long a discarded queue stays restorable. */
    public static Dialog<Choice> create(RecoveryReport r, int archiveDays, Window owner) {
        Dialog<Choice> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(r.interrupted() ? "Resume the interrupted session?" : "Resume the last session?");
        d.setResizable(true);
        d.setHeaderText(summary(r));
        VBox box = new VBox(6);
        box.setPadding(new Insets(8));
        if (r.stateMessage() != null && !r.stateMessage().isBlank()) {
            box.getChildren().add(new Label("Queue state: " + r.stateMessage()));
        }
        List<CheckBox> checks = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (RecoveryReport.JobItem j : r.toResume()) {
            CheckBox c = new CheckBox(String.format(Locale.ROOT, "%s — %d of %d steps done, next: %s", j.model(),
                    j.stepsDone(), j.stepsTotal(), j.nextStep() == null ? "-" : j.nextStep()));
            checks.add(c);
            ids.add(j.jobId());
        }
        for (RecoveryReport.JobItem j : r.waiting()) {
            CheckBox c = new CheckBox(j.model() + " — not started");
            checks.add(c);
            ids.add(j.jobId());
        }
        for (CheckBox c : checks) {
            c.setSelected(true);
            c.setMnemonicParsing(false); // model names have underscores
        }
        box.getChildren().addAll(checks);
        for (RecoveryReport.JobItem j : r.missing()) {
            box.getChildren().add(new Label("Missing: " + j.model() + " — " + j.problem()));
        }
        for (RecoveryReport.JobItem j : r.changed()) {
            box.getChildren().add(new Label("Changed since queued (skipped): " + j.model() + " — " + j.problem()));
        }
        Label discard = new Label(discardNote(r, archiveDays));
        box.getChildren().add(discard);
        for (var n : box.getChildren()) {
            if (n instanceof Label l) {
                l.setMnemonicParsing(false);
                l.setWrapText(true);
            }
        }
        int lines = box.getChildren().size();
        ScrollPane scroll = new ScrollPane(box);
        scroll.setId("recovery-jobs");
        scroll.setFitToWidth(true);
        // the list is the dialog's point: a few lines always show, all of them up to 12, then it scrolls
        scroll.setMinViewportHeight(LINE * Math.min(lines, 4));
        scroll.setPrefViewportHeight(LINE * Math.min(Math.max(lines, 4), 12) + 16);
        DialogPane pane = d.getDialogPane();
        pane.setContent(scroll);
        pane.setMinWidth(520);
        pane.setPrefWidth(720);
        pane.setMinHeight(Region.USE_PREF_SIZE);
        // under a window manager the size asked for before showing can be lost: asked for again once shown
        WindowPlacement.keepContentSize(d);
        d.getDialogPane().getButtonTypes().addAll(RESUME, REVIEW, DISCARD, LATER);
        d.setResultConverter(bt -> {
            if (bt == RESUME) {
                return new Choice(Action.RESUME, List.of());
            }
            if (bt == REVIEW) {
                List<String> off = new ArrayList<>();
                for (int i = 0; i < checks.size(); i++) {
                    if (!checks.get(i).isSelected()) {
                        off.add(ids.get(i));
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

    public static Optional<Choice> ask(RecoveryReport r, int archiveDays, Window owner) {
        return create(r, archiveDays, owner).showAndWait();
    }
}
