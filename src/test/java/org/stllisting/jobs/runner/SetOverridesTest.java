package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateStore;

/**
 * A job's own settings changed after it was queued: only jobs that have not begun take them, as a named
 * transition; a value the option vocabulary refuses changes nothing; null gives the template's value back;
 * they survive a reopening of the queue.
 */
class SetOverridesTest {
    @TempDir
    Path tmp;

    /** A mutable map of keys and values (null values allowed). */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void onlyWaitingJobsThatHaveNotBegunTakeTheSettingsAsANamedTransition() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        var oneLane = RunnerFixture.settings();
        oneLane.maxConcurrentJobs = 1; // only the job moved first starts
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of(StepKind.LOAD, ctx -> {
            if (ctx.outputs().name().equals("running")) {
                entered.countDown();
                release.await(20, TimeUnit.SECONDS);
            }
        })), oneLane)) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl", "begun.stl", "cancelled.stl",
                    "running.stl"), null, null, null);
            String a = jobs.get(0).id();
            String b = jobs.get(1).id();
            String begun = jobs.get(2).id();
            String cancelled = jobs.get(3).id();
            String running = jobs.get(4).id();
            f.store.updateJob(begun, d -> {
                d.lastCompletedStep = "load"; // stopped after its first step
                return d;
            });
            f.runner.cancel(cancelled);
            f.runner.cancel(a);
            f.runner.retry(a); // pending again, nothing done: may change
            f.runner.move(List.of(running), 0);
            f.runner.start();
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            f.runner.pause();

            List<String> changed = f.runner.setOverrides(List.of(a, b, begun, cancelled, running),
                    map("material", "metal", "generate_video", false), null);

            assertThat(changed).containsExactly(a, b);
            assertThat(f.runner.job(a).renderOverrides()).containsEntry("material", "metal")
                    .containsEntry("generate_video", false);
            assertThat(f.store.job(b).renderOptions).as("on disk").containsEntry("material", "metal");
            for (String kept : List.of(begun, cancelled, running)) {
                assertThat(f.runner.job(kept).renderOverrides()).as(kept).isEmpty();
            }
            f.runner.drainEvents(Duration.ofSeconds(5));
            assertThat(f.all(RunnerEvent.JobStateChanged.class).stream()
                    .filter(e -> "settings changed".equals(e.reason())).map(e -> e.job().id()))
                    .containsExactlyInAnyOrder(a, b);
            // asked again with the same values: nothing is left to change
            assertThat(f.runner.setOverrides(List.of(a, b), map("material", "metal"), null)).isEmpty();
            release.countDown();
            f.runner.stop(StopMode.AFTER_CURRENT_STEPS);
        }
    }

    @Test
    void nullGivesTheTemplatesValueBackAndOtherKeysStay() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            String id = f.runner.add(f.sources("a.stl"), null, map("color", "#00FF00", "lighting", "dramatic"),
                    map("level", "strict")).get(0).id();

            assertThat(f.runner.setOverrides(List.of(id), map("color", null), map("level", null))).containsExactly(id);

            JobView j = f.runner.job(id);
            assertThat(j.renderOverrides()).isEqualTo(Map.of("lighting", "dramatic"));
            assertThat(j.validationOverrides()).isEmpty();
            assertThat(j.hasOverrides()).isTrue();
        }
    }

    @Test
    void aValueTheVocabularyRefusesRefusesTheWholeCallNamingTheKeyAndWritesNothing() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            String id = f.runner.add(f.sources("a.stl"), null, null, null).get(0).id();
            f.store.flush();
            Map<Path, byte[]> before = queueFiles(f);

            assertThatThrownBy(() -> f.runner.setOverrides(List.of(id), map("material", "metal", "color", "green"),
                    null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("render_options.color")
                    .hasMessageContaining("#RRGGBB").hasMessageNotContaining("material ");
            assertThatThrownBy(() -> f.runner.setOverrides(List.of(id), null, map("speed", null)))
                    .hasMessageContaining("validation_options.speed is not a known option");
            assertThatThrownBy(() -> f.runner.setOverrides(List.of(id), map("width", 9), null))
                    .hasMessageContaining("render_options.width must be a whole number from 16 to 16384");

            assertThat(queueFiles(f)).as("queue files unchanged").containsOnlyKeys(before.keySet())
                    .allSatisfy((p, bytes) -> assertThat(bytes).as(p.toString()).isEqualTo(before.get(p)));
            assertThat(f.runner.job(id).renderOverrides()).isEmpty();
        }
    }

    private static Map<Path, byte[]> queueFiles(RunnerFixture f) throws Exception {
        Map<Path, byte[]> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(f.home.root())) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString()
                    .startsWith("queue_state")).toList()) {
                m.put(p, Files.readAllBytes(p));
            }
        }
        assertThat(m).isNotEmpty();
        return m;
    }

    @Test
    void turningTheVideoOffShortensTheEstimate() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings(),
                "load", "render", "video", "finalize")) {
            f.template.renderOptions.put("width", 640);
            f.template.renderOptions.put("height", 480);
            String id = f.runner.add(f.sources("a.stl"), null, null, null).get(0).id();
            double with = f.store.job(id).estimatedDuration;

            f.runner.setOverrides(List.of(id), map("generate_video", false), null);
            double without = f.store.job(id).estimatedDuration;

            assertThat(without).isLessThan(with / 2);
            f.runner.setOverrides(List.of(id), map("generate_video", null), null);
            assertThat(f.store.job(id).estimatedDuration).isEqualTo(with);
        }
    }

    @Test
    void ownSettingsSurviveClosingAndReopeningTheQueue() throws Exception {
        String id;
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            id = f.runner.add(f.sources("a.stl"), null, null, null).get(0).id();
            f.runner.setOverrides(List.of(id), map("generate_video", false, "color", "#112233"),
                    map("level", "strict"));
        }
        try (QueueStateStore reopened = QueueStateStore.open(org.stllisting.store.Home.at(tmp.resolve("home")))) {
            assertThat(reopened.job(id).renderOptions).containsEntry("generate_video", false)
                    .containsEntry("color", "#112233");
            assertThat(reopened.job(id).validationOptions).containsEntry("level", "strict");
            assertThat(reopened.job(id).state).isEqualTo(JobState.PENDING);
        }
    }
}
