package org.stllisting.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.stllisting.app.JobDetails;
import org.stllisting.app.JobDetails.Detail;
import org.stllisting.app.JobDetails.StepStatus;
import org.stllisting.store.queue.JobState;
import org.stllisting.ui.Background;
import org.stllisting.ui.UiExecutor;

/** The detail pane's state, without a toolkit: what it says about a job, and which loads it keeps. */
class JobDetailViewModelTest {
    /** Work that waits until the test lets it finish, in the order it was given. */
    static final class Held implements Background {
        final List<Runnable> waiting = new ArrayList<>();
        boolean immediate;

        @Override
        public <T> void submit(String what, UiExecutor.Task<T> task, Consumer<T> then) {
            Runnable r = () -> {
                try {
                    then.accept(task.run());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            if (immediate) {
                r.run();
            } else {
                waiting.add(r);
            }
        }

        void runAll() {
            while (!waiting.isEmpty()) {
                waiting.remove(0).run();
            }
        }
    }

    private final Map<String, Detail> jobs = new HashMap<>();
    private final List<String> loads = new ArrayList<>();
    private final Held background = new Held();
    private final JobDetailViewModel vm = new JobDetailViewModel(background, id -> {
        loads.add(id);
        return Optional.ofNullable(jobs.get(id));
    }, n -> n.equals("quick_preview") ? "Quick Preview" : n, ZoneOffset.UTC);

    private static Detail detail(String id, String model, JobState state) {
        return new Detail(id, "/m/" + model + ".stl", model, state, "quick_preview", "/out/" + model, 12.4, null,
                List.of(new JobDetails.Step("load", "Load", StepStatus.DONE, 0.25, null),
                        new JobDetails.Step("render", "Render", StepStatus.DONE, 75.0, "skipped"),
                        new JobDetails.Step("finalize", "Finalize", StepStatus.TO_DO, null, null)),
                null, List.of(new JobDetails.Note("Permission denied", "/out/x.png")), List.of(),
                List.of(Path.of("/out/" + model + "_render.png")),
                new JobDetails.Measures(List.of(20.0, 10.0, 5.0), 1000.0, 1.24), Path.of("/out/log"),
                new JobDetails.Previous("old", Instant.parse("2026-12-04T09:05:00Z"), "quick_preview", "completed",
                        "/out/old"));
    }

    @Test
    void aSelectedJobIsShownInPlainWords() {
        background.immediate = true;
        jobs.put("j1", detail("j1", "cube", JobState.COMPLETED));
        vm.select("j1");
        assertThat(vm.titleProperty().get()).isEqualTo("cube");
        assertThat(vm.summaryProperty().get()).isEqualTo("Completed · Quick Preview · 12 s");
        assertThat(vm.steps()).containsExactly(
                new JobDetailViewModel.StepLine("Load", StepStatus.DONE, "done", "0.3 s"),
                new JobDetailViewModel.StepLine("Render", StepStatus.DONE, "done (skipped)", "1 min 15 s"),
                new JobDetailViewModel.StepLine("Finalize", StepStatus.TO_DO, "to do", ""));
        assertThat(vm.measuresProperty().get()).isEqualTo("20.0\u00a0×\u00a010.0\u00a0×\u00a05.0\u00a0mm · 1.0\u00a0cm³ · 1.2\u00a0g");
        assertThat(vm.previousProperty().get())
                .isEqualTo("Processed before on 4 Dec 2026 at 09:05 with Quick Preview (completed)");
        assertThat(vm.errors()).extracting(JobDetails.Note::reason).containsExactly("Permission denied");
        assertThat(vm.images()).hasSize(1);
        assertThat(vm.hasLogProperty().get()).isTrue();
        assertThat(vm.showingProperty().get()).isTrue();

        vm.select(null);
        assertThat(vm.showingProperty().get()).isFalse();
        assertThat(vm.steps()).isEmpty();
        assertThat(vm.placeholderProperty().get()).isEqualTo("Select a job to see its details");
    }

    @Test
    void theSummarySaysWhenTheModelWasRepairedOrStillHasProblems() {
        background.immediate = true;
        Detail d = detail("a", "bracket", JobState.COMPLETED);
        jobs.put("a", new Detail("a", d.source(), "bracket", JobState.COMPLETED, d.template(), d.outputFolder(),
                12.4, "repaired", d.steps(), null, d.errors(), d.warnings(), d.images(), d.measures(), d.log(),
                d.previous()));
        jobs.put("b", new Detail("b", d.source(), "bracket", JobState.COMPLETED, d.template(), d.outputFolder(),
                12.4, "problems", d.steps(), null, d.errors(), d.warnings(), d.images(), d.measures(), d.log(),
                d.previous()));
        vm.select("a");
        assertThat(vm.summaryProperty().get()).isEqualTo("Completed · model repaired · Quick Preview · 12 s");
        vm.select("b");
        assertThat(vm.summaryProperty().get()).isEqualTo("Completed · model still has problems · Quick Preview · 12 s");
    }

    @Test
    void aLoadThatReturnsAfterAnotherSelectionIsDropped() {
        jobs.put("a", detail("a", "first", JobState.COMPLETED));
        jobs.put("b", detail("b", "second", JobState.PENDING));
        vm.select("a");
        vm.select("b");
        background.runAll();
        assertThat(vm.titleProperty().get()).isEqualTo("second");
        assertThat(loads).containsExactly("a", "b");
    }

    @Test
    void changesDuringALoadCauseOneMoreLoadNotOneEach() {
        jobs.put("a", detail("a", "cube", JobState.RUNNING));
        vm.select("a");
        vm.changed("a");
        vm.changed("a");
        vm.changed("other");
        assertThat(background.waiting).hasSize(1);
        jobs.put("a", detail("a", "cube", JobState.COMPLETED));
        background.runAll();
        assertThat(loads).containsExactly("a", "a");
        assertThat(vm.summaryProperty().get()).startsWith("Completed");
    }

    @Test
    void aReloadThatChangesNothingLeavesTheListsAlone() {
        background.immediate = true;
        jobs.put("a", detail("a", "cube", JobState.RUNNING));
        vm.select("a");
        List<String> changes = new ArrayList<>();
        vm.images().addListener((javafx.collections.ListChangeListener<Path>) c -> changes.add("images"));
        vm.steps().addListener((javafx.collections.ListChangeListener<JobDetailViewModel.StepLine>) c -> changes
                .add("steps"));
        vm.changed("a");
        assertThat(changes).isEmpty();
        Detail more = detail("a", "cube", JobState.RUNNING);
        jobs.put("a", new Detail("a", more.source(), "cube", JobState.RUNNING, more.template(), more.outputFolder(),
                more.durationSeconds(), null, more.steps(), null, more.errors(), more.warnings(),
                List.of(Path.of("/out/cube_render.png"), Path.of("/out/cube_size_chart.png")), more.measures(),
                more.log(), more.previous()));
        vm.changed("a");
        assertThat(changes).containsExactly("images");
    }

    @Test
    void aJobNobodyKnowsSaysSoInsteadOfShowingNothing() {
        background.immediate = true;
        vm.select("gone");
        assertThat(vm.showingProperty().get()).isFalse();
        assertThat(vm.placeholderProperty().get()).isEqualTo("This job is no longer in the queue or the history");
    }

    @Test
    void durationsAndMeasuresRead() {
        assertThat(JobDetailViewModel.duration(0.04)).isEqualTo("0.0 s");
        assertThat(JobDetailViewModel.duration(42)).isEqualTo("42 s");
        assertThat(JobDetailViewModel.duration(3725)).isEqualTo("1 h 02 min");
        assertThat(JobDetailViewModel.measures(new JobDetails.Measures(List.of(), null, 2400.0)))
                .isEqualTo("2,400\u00a0g");
        assertThat(JobDetailViewModel.measures(null)).isNull();
    }
}
