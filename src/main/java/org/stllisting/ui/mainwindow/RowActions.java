package org.stllisting.ui.mainwindow;

import java.util.List;
import org.stllisting.store.queue.JobState;

/**
 * Which of the queue's commands apply to the selected jobs, from their states: the context menu offers only
 * these.
 *
 * @param cancel a selected job waits or runs
 * @param retry a selected job failed, was cancelled or skipped
 * @param remove jobs are selected and none of them runs (a running job is cancelled first)
 * @param move jobs are selected
 * @param openOutput the (first) selected job has written output
 */
public record RowActions(boolean cancel, boolean retry, boolean remove, boolean move, boolean openOutput) {

    public static RowActions of(List<JobRow> selected) {
        boolean cancel = false;
        boolean retry = false;
        boolean running = false;
        for (JobRow r : selected) {
            JobState s = r.stateProperty().get();
            cancel |= s == JobState.PENDING || s == JobState.RUNNING;
            retry |= s == JobState.FAILED || s == JobState.CANCELLED || s == JobState.SKIPPED;
            running |= s == JobState.RUNNING;
        }
        boolean any = !selected.isEmpty();
        return new RowActions(cancel, retry, any && !running, any, any && selected.get(0).hasOutput());
    }
}
