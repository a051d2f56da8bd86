package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.QueueView;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.jobs.steps.Verdict;
import org.stllisting.store.queue.JobState;

/**
 * The view-model's counts, kept row by row, against a count of every row; and a refresh that changes only
 * what changed. Plain unit tests: no window, no runner (events and pictures are made here).
 */
class QueueTallyTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private final QueueViewModel model = new QueueViewModel(null, null, null, null);

    @Test
    void countsKeptRowByRowEqualACountOfEveryRowThroughRandomEvents() {
        Random random = new Random(16);
        Map<String, JobView> jobs = new LinkedHashMap<>();
        int next = 0;
        JobState[] states = JobState.values();
        for (int round = 0; round < 400; round++) {
            List<RunnerEvent> batch = new ArrayList<>();
            for (int k = random.nextInt(6); k >= 0; k--) {
                List<String> ids = new ArrayList<>(jobs.keySet());
                int what = random.nextInt(10);
                if (what == 0 || ids.isEmpty()) {
                    List<JobView> added = new ArrayList<>();
                    for (int n = 1 + random.nextInt(5); n > 0; n--) {
                        JobView v = view("j" + next++, JobState.PENDING, 0, false);
                        jobs.put(v.id(), v);
                        added.add(v);
                    }
                    batch.add(new RunnerEvent.JobsAdded(AT, added));
                } else if (what == 1) {
                    String id = ids.get(random.nextInt(ids.size()));
                    jobs.remove(id);
                    // a removal may name a job the window never saw
                    batch.add(new RunnerEvent.JobsRemoved(AT, List.of(id, "unknown")));
                } else if (what <= 5) {
                    String id = ids.get(random.nextInt(ids.size()));
                    JobState to = states[random.nextInt(states.length)];
                    JobView v = view(id, to, random.nextInt(101), to == JobState.COMPLETED && random.nextBoolean());
                    jobs.put(id, v);
                    batch.add(new RunnerEvent.JobStateChanged(AT, v, null, to, null));
                } else {
                    String id = ids.get(random.nextInt(ids.size()));
                    batch.add(new RunnerEvent.JobProgress(AT, id, random.nextDouble() * 100, "Rendering", 5.0));
                    batch.add(new RunnerEvent.QueueProgress(AT, 10, 0, jobs.size(), 1, 60.0));
                }
            }
            if (random.nextInt(4) == 0) {
                model.applyAll(batch);
            } else {
                batch.forEach(model::apply);
            }
            if (random.nextInt(40) == 0) {
                // a fresh picture of the queue: some jobs changed, one gone, one new
                List<String> ids = new ArrayList<>(jobs.keySet());
                if (!ids.isEmpty()) {
                    jobs.remove(ids.get(random.nextInt(ids.size())));
                }
                JobView v = view("j" + next++, JobState.FAILED, 0, false);
                jobs.put(v.id(), v);
                model.refresh(queue(new ArrayList<>(jobs.values())));
            }
            assertThat(model.counts()).as("round %d", round).isEqualTo(QueueCounts.of(model.rows()));
            assertThat(model.rows()).extracting(JobRow::id).containsExactlyInAnyOrderElementsOf(jobs.keySet());
        }
        assertThat(model.counts().total()).isEqualTo(jobs.size());
    }

    @Test
    void theStatusBarFollowsEveryTransitionOfAJob() {
        model.refresh(queue(List.of(view("a", JobState.PENDING, 0, false), view("b", JobState.PENDING, 0, false))));
        assertThat(model.statusProperty().get()).isEqualTo("0 of 2 done");

        model.apply(change(view("a", JobState.RUNNING, 0, false)));
        model.apply(new RunnerEvent.JobProgress(AT, "a", 50, "Rendering", null));
        model.apply(new RunnerEvent.QueueProgress(AT, 25, 0, 2, 1, null));
        assertThat(model.statusProperty().get()).isEqualTo("0 of 2 done, 1 running");
        assertThat(model.queueProgressProperty().get()).isEqualTo(0.25);

        model.apply(change(view("a", JobState.FAILED, 50, false)));
        assertThat(model.statusProperty().get()).isEqualTo("0 of 2 done, 1 failed");
        model.apply(change(view("a", JobState.PENDING, 0, false)));
        model.apply(change(view("a", JobState.RUNNING, 0, false)));
        model.apply(change(view("a", JobState.COMPLETED, 100, true)));
        assertThat(model.statusProperty().get()).isEqualTo("1 of 2 done, 1 with problems");
        model.apply(change(view("b", JobState.CANCELLED, 0, false)));
        assertThat(model.statusProperty().get()).isEqualTo("1 of 2 done, 1 cancelled, 1 with problems");
        model.apply(new RunnerEvent.JobsRemoved(AT, List.of("a")));
        assertThat(model.statusProperty().get()).isEqualTo("0 of 1 done, 1 cancelled");
        assertThat(model.queueProgressProperty().get()).isZero();
    }

    @Test
    void aRefreshWithTheSamePictureLeavesTheTableAloneAndKeepsTheRows() {
        List<JobView> jobs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            jobs.add(view("j" + i, i < 3 ? JobState.COMPLETED : JobState.PENDING, i < 3 ? 100 : 0, false));
        }
        model.refresh(queue(jobs));
        JobRow first = model.rows().get(0);
        List<ListChangeListener.Change<? extends JobRow>> heard = new ArrayList<>();
        model.rows().addListener((ListChangeListener<JobRow>) heard::add);

        // recovery's picture after the launch's: the same jobs in the same order
        model.refresh(queue(new ArrayList<>(jobs)));
        assertThat(heard).as("changes the table heard").isEmpty();
        assertThat(model.rows().get(0)).isSameAs(first);

        // one job changed: its row shows it, still no change to the list itself
        jobs.set(10, view("j10", JobState.FAILED, 0, false));
        model.refresh(queue(new ArrayList<>(jobs)));
        assertThat(heard).isEmpty();
        assertThat(model.row("j10").stateProperty().get()).isEqualTo(JobState.FAILED);
        assertThat(model.statusProperty().get()).isEqualTo("3 of 50 done, 1 failed");

        // another order is one change
        List<JobView> reversed = new ArrayList<>(jobs);
        java.util.Collections.reverse(reversed);
        model.refresh(queue(reversed));
        assertThat(heard).hasSize(1);
        assertThat(model.rows().get(0).id()).isEqualTo("j49");
        assertThat(model.row("j0")).isSameAs(first);
    }

    private static RunnerEvent change(JobView v) {
        return new RunnerEvent.JobStateChanged(AT, v, null, v.state(), null);
    }

    private static JobView view(String id, JobState state, double percent, boolean problems) {
        return new JobView(id, "/models/" + id + ".stl", id, state, percent, null, null, 0, null, null, "/out/" + id,
                "quick_preview", state == JobState.FAILED ? "render (" + id + ".stl): out of memory" : null, null,
                null, null, 1.0, null, problems ? Verdict.PROBLEMS : null, problems ? List.of("2 holes") : List.of(),
                Map.of(), Map.of());
    }

    private static QueueView queue(List<JobView> jobs) {
        return new QueueView("s", "quick_preview", null, false, null, null, jobs, 0, 0, 0, 0, 0, 0, 0, null, null);
    }
}
