package org.stllisting.ui.mainwindow;

import java.util.List;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.store.queue.JobState;

/** Jobs as the runner reports them, for the view-model's plain tests. */
final class Rows {
    private Rows() {
    }

    static JobView view(String id, JobState state, double percent, String error, String lastStep, Double worked) {
        return new JobView(id, "/models/" + id + ".stl", id, state, percent, null, null, 0, null, lastStep,
                "/out/" + id, "quick_preview", error, null, null, null, worked, null, null, List.of(), null, null);
    }

    static JobRow row(String id, JobState state) {
        return new JobRow(view(id, state, state == JobState.COMPLETED ? 100 : 0, null, null, null));
    }
}
