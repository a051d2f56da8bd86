package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.stllisting.jobs.runner.RunnerEvent;

class ConsoleProgressTest {
    @Test
    void warningsAndRetriesNameTheModelNotTheJobId() {
        StringWriter out = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(out, true), new PrintWriter(new StringWriter()),
                false, false, 1);
        p.onEvent(new RunnerEvent.Warning(Instant.now(), "job_0123456789ab", "lamp_base.stl", "3 zero normals"));
        p.onEvent(new RunnerEvent.RetryScheduled(Instant.now(), "job_0123456789ab", "lamp_base.stl", 2,
                Instant.now(), "render (lamp_base.stl): out of memory"));
        assertThat(out.toString()).contains("warning (lamp_base.stl): 3 zero normals")
                .contains("retrying lamp_base.stl (attempt 2)").doesNotContain("job_0123456789ab");
    }
}
