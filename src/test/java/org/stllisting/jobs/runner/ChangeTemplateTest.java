package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.queue.JobState;

/** Changing the template of queued jobs: only jobs that have not begun take it, as a named transition. */
class ChangeTemplateTest {
    @TempDir
    Path tmp;

    @Test
    void onlyWaitingJobsThatHaveNotBegunTakeTheNewTemplate() throws Exception {
        try (RunnerFixture f = new RunnerFixture(tmp, RunnerFixture.writing(Map.of()), RunnerFixture.settings())) {
            List<JobView> jobs = f.runner.add(f.sources("a.stl", "b.stl", "c.stl"), "old", null, null);
            String cancelled = jobs.get(2).id();
            f.runner.cancel(cancelled);

            List<String> changed = f.runner.changeTemplate(jobs.stream().map(JobView::id).toList(), "test");

            assertThat(changed).containsExactly(jobs.get(0).id(), jobs.get(1).id());
            assertThat(f.runner.job(jobs.get(0).id()).template()).isEqualTo("test");
            assertThat(f.runner.job(jobs.get(0).id()).state()).isEqualTo(JobState.PENDING);
            assertThat(f.runner.job(cancelled).template()).isEqualTo("old");
            assertThat(f.store.job(jobs.get(1).id()).template).as("on disk").isEqualTo("test");
            f.runner.drainEvents(java.time.Duration.ofSeconds(5));
            assertThat(f.events.stream().filter(e -> e instanceof RunnerEvent.JobStateChanged c
                    && "template changed".equals(c.reason())).count()).isEqualTo(2);
            // asked again, nothing is left to change
            assertThat(f.runner.changeTemplate(List.of(jobs.get(0).id()), "test")).isEmpty();
        }
    }
}
