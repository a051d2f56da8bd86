package org.stllisting.ui.mainwindow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.stllisting.store.queue.JobState;

/**
 * Which of the queue's commands apply to the selected jobs, from their states: the context menu offers only
 * these.
 *
 * @param cancel a selected job waits or runs
 * @param retry a selected job failed, was cancelled or skipped
 * @param runAgain a selected job has finished (completed, failed, cancelled or skipped)
 * @param remove jobs are selected and none of them runs (a running job is cancelled first)
 * @param move jobs are selected and all of them wait
 * @param openOutput the (first) selected job's output folder is on disk
 */
public record RowActions(boolean cancel, boolean retry, boolean runAgain, boolean remove, boolean move,
        boolean openOutput) {

    /** The commands for these rows, looking at the disk for the first one's output folder. */
    public static RowActions of(List<JobRow> selected) {
        return of(selected, Files::isDirectory);
    }

    static RowActions of(List<JobRow> selected, Predicate<Path> folderExists) {
        boolean cancel = false;
        boolean retry = false;
        boolean finished = false;
        boolean running = false;
        boolean allWaiting = true;
        for (JobRow r : selected) {
            JobState s = r.stateProperty().get();
            cancel |= s == JobState.PENDING || s == JobState.RUNNING;
            retry |= s == JobState.FAILED || s == JobState.CANCELLED || s == JobState.SKIPPED;
            finished |= s.isFinal();
            running |= s == JobState.RUNNING;
            allWaiting &= s == JobState.PENDING;
        }
        boolean any = !selected.isEmpty();
        String folder = any ? selected.get(0).outputFolder() : null;
        return new RowActions(cancel, retry, finished, any && !running, any && allWaiting,
                folder != null && folderExists.test(Path.of(folder)));
    }
}
