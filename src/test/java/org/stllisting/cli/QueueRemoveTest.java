package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateStore;

/** {@code queue remove} names an id it does not know and then removes nothing. */
class QueueRemoveTest {
    @TempDir
    Path dir;

    private Path homeWithTwoJobs() throws Exception {
        Home home = Home.at(dir.resolve("home"));
        try (QueueStateStore s = QueueStateStore.open(home)) {
            Path a = Files.writeString(dir.resolve("a.stl"), "solid a\nendsolid a\n");
            Path b = Files.writeString(dir.resolve("b.stl"), "solid b\nendsolid b\n");
            s.addJobs(List.of(JobDto.pending("job_a", a.toString()), JobDto.pending("job_b", b.toString())));
        }
        return home.root();
    }

    private static List<String> ids(Path home) throws Exception {
        try (QueueStateStore s = QueueStateStore.open(Home.at(home))) {
            return s.snapshot().jobs.stream().map(j -> j.id).toList();
        }
    }

    @Test
    void anUnknownIdIsNamedWithTheReasonAndNothingIsRemoved() throws Exception {
        Path home = homeWithTwoJobs();
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "queue", "remove", "job_a", "job_typo");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("stl-listing: no job job_typo in the queue (see 'stl-listing status'); "
                + "nothing was removed" + System.lineSeparator());
        assertThat(ids(home)).containsExactly("job_a", "job_b");
    }

    @Test
    void knownIdsAreRemovedEvenWhenOneIsNamedTwice() throws Exception {
        Path home = homeWithTwoJobs();
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "queue", "remove", "job_a", "job_a");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Removed 1 job(s).");
        assertThat(ids(home)).containsExactly("job_b");
    }
}
