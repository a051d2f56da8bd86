package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.store.queue.JobState;

/** What the console shows while a run goes on: the bar counts models, one time left, one number per finish. */
class ConsoleCountsTest {
    /** A time as a bar could show one: 0:00:02, 2 min 30 s, 4.0 s, 1 h 05 min. */
    static final Pattern CLOCK = Pattern.compile("\\d+:\\d\\d(:\\d\\d)?|\\d+ (h|min) \\d+ (min|s)|\\d+(\\.\\d)? s");

    private static RunnerEvent.JobStateChanged finished(String model) {
        JobView j = new JobView("job_" + model, "/m/" + model + ".stl", model, JobState.COMPLETED, 100, null, null, 1,
                null, "finalize", "/out/" + model, "tiny", null, Instant.now(), Instant.now(), Instant.now(), 1.0,
                null, null, java.util.List.of(), null, null);
        return new RunnerEvent.JobStateChanged(Instant.now(), j, JobState.RUNNING, JobState.COMPLETED, null);
    }

    @Test
    void twoJobsFinishingBeforeTheNextProgressEventGetTheirOwnNumbers() {
        StringWriter out = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(out, true), new PrintWriter(new StringWriter()),
                false, false, 3);
        p.onEvent(new RunnerEvent.QueueProgress(Instant.now(), 0, 0, 3, 2, null));
        p.onEvent(finished("gear"));
        p.onEvent(finished("hook"));
        p.onEvent(new RunnerEvent.QueueProgress(Instant.now(), 66.7, 2, 3, 1, 4.0));
        p.onEvent(finished("vase"));
        p.close();
        assertThat(out.toString().lines().map(l -> l.substring(0, 5)).toList())
                .containsExactly("[1/3]", "[2/3]", "[3/3]");
    }

    @Test
    void theBarCountsModelsAndShowsOneTimeLeft() {
        List<String> frames = new CopyOnWriteArrayList<>();
        ProgressBarConsumer screen = new ProgressBarConsumer() {
            @Override
            public int getMaxRenderedLength() {
                return 80;
            }

            @Override
            public void accept(String frame) {
                frames.add(frame);
            }

            @Override
            public void close() {
            }
        };
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                false, screen, 5, 0);
        p.onEvent(new RunnerEvent.QueueProgress(Instant.now(), 40, 2, 5, 2, 150.0));
        p.close();
        String last = frames.get(frames.size() - 1);
        assertThat(last).startsWith("Processing  40% [").endsWith("] 2/5 models, ~2 min 30 s left").hasSize(79)
                .doesNotContain("1000");
        assertThat(CLOCK.matcher(last).results().count()).as(last).isEqualTo(1);
    }

    @Test
    void aFinishedQueueShowsNoTimeLeft() {
        assertThat(ConsoleProgress.render(new ConsoleProgress.Shown(100, 3, 3, 0.0), 60))
                .isEqualTo("Processing 100% [" + "=".repeat(30) + "] 3/3 models");
    }
}
