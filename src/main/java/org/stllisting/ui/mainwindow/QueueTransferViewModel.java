package org.stllisting.ui.mainwindow;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.stllisting.app.QueueTransfer;
import org.stllisting.app.SessionService;
import org.stllisting.jobs.runner.JobErrors;
import org.stllisting.jobs.runner.QueueView;
import org.stllisting.ui.Background;

/**
 * File ▸ Import queue… and Export queue…: the queue written to a file, and a queue file's jobs added to this
 * one, through the same engine code as {@code stl-listing queue export | import}. The work runs in the
 * background; what came of it is one line for the status bar ("Imported 12 jobs from …; 3 already in the
 * queue"), a failure in plain words naming the file and the reason.
 *
 * <p>Threading: its methods are called on the JavaFX application thread; the file and queue work runs on
 * {@code background}.
 */
public final class QueueTransferViewModel {
    private final SessionService session;
    private final Background background;
    private final Supplier<String> outputFolder;
    private final Consumer<String> notice;
    private final Consumer<QueueView> imported;

    /**
     * @param outputFolder the window's output folder (the imported jobs write there when no unfinished queue is
     *     here), or null for the home's default
     * @param notice shows one line in the status bar
     * @param imported the queue as it is after an import (its template and output folder may have come along)
     */
    public QueueTransferViewModel(SessionService session, Background background, Supplier<String> outputFolder,
            Consumer<String> notice, Consumer<QueueView> imported) {
        this.session = session;
        this.background = background;
        this.outputFolder = outputFolder;
        this.notice = notice;
        this.imported = imported;
    }

    /** What an import or export came to: the line to show, and the queue after an import. */
    private record Outcome(String message, QueueView view) {
    }

    /** Writes the queue to {@code file}. */
    public void exportTo(Path file) {
        notice.accept("Exporting the queue to " + file + "…");
        background.submit("Exporting the queue", () -> {
            try {
                int jobs = session.exportQueue(file);
                return new Outcome("Exported " + Formats.count(jobs, "job") + " to " + file, null);
            } catch (java.io.IOException e) {
                return new Outcome("Queue not exported to " + file + ": " + JobErrors.message(e), null);
            }
        }, o -> notice.accept(o.message()));
    }

    /** Adds the jobs of the queue file {@code file} to this queue (never twice). */
    public void importFrom(Path file) {
        String folder = outputFolder.get();
        Path output = folder == null || folder.isBlank() ? null : Path.of(folder);
        // thousands of jobs take a while to queue: said at once, the result follows
        notice.accept("Importing the queue from " + file + "…");
        background.submit("Importing the queue", () -> importNow(file, output), o -> {
            if (o.view() != null) {
                imported.accept(o.view());
            }
            notice.accept(o.message());
        });
    }

    private Outcome importNow(Path file, Path output) throws java.io.IOException {
        org.stllisting.store.queue.QueueStateDto q;
        try {
            q = QueueTransfer.read(file);
        } catch (QueueTransfer.UnreadableException e) {
            return new Outcome("Queue not imported: " + e.getMessage(), null);
        }
        SessionService.Imported r;
        try {
            r = session.importQueue(q, output);
        } catch (SessionService.OtherOutputFolderException e) {
            return new Outcome("Queue not imported from " + file + ": the unfinished queue here writes to "
                    + e.queueFolder() + " and imported jobs join it there, but the output folder is " + output
                    + ". Choose that folder, or finish or clear the queue first.", null);
        } catch (IllegalStateException e) {
            // a queue with no work left is replaced by the imported one, which cannot happen while it runs
            return new Outcome("Queue not imported from " + file + ": " + e.getMessage(), null);
        } catch (java.io.IOException e) {
            return new Outcome("Queue not imported from " + file + ": " + JobErrors.message(e), null);
        }
        String theirs = r.filesOutput();
        String message = "Imported " + Formats.count(r.added().size(), "job") + " from " + file
                + (r.alreadyQueued() > 0 ? "; " + r.alreadyQueued() + " already in the queue" : "")
                + "; output: " + r.output()
                + (theirs != null && !Path.of(theirs).equals(r.output()) ? " (not the file's " + theirs + ")" : "");
        return new Outcome(message, session.runner().view());
    }
}
