package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateStore;

/**
 * The first session of a home is killed with kill -9 once its models are queued (its snapshot still holds
 * no job: every addition is in the journal), then the queue files are damaged. One damaged file loses
 * nothing: status lists every job and resume finishes them. Two can lose jobs: then status and resume say
 * what was lost and where the damaged files are, and never exit 0.
 */
class DamagedQueueCliTest {
    private static final int MODELS = 4;

    @TempDir
    Path tmp;

    private Path src;
    private Path image;

    @BeforeEach
    void killedFirstSession() throws Exception {
        src = tmp.resolve("models");
        TinyRuns.models(src, MODELS);
        Path home = tmp.resolve("home");
        TinyRuns.installTinyTemplate(home, false);
        Process p = TinyRuns.child(home, tmp.resolve("child.log"), "run", src.toString(), "--out",
                tmp.resolve("out").toString(), "--template", "tiny");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < end
                && QueueStateStore.read(Home.at(home)).state().jobs.size() < MODELS) {
            Thread.sleep(5);
        }
        p.destroyForcibly();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(QueueStateStore.read(Home.at(home)).state().jobs).hasSize(MODELS);
        image = tmp.resolve("image");
        PathUtils.copyDirectory(home, image);
    }

    private String home() {
        return image.toString();
    }

    @Test
    void aTruncatedSnapshotLosesNoJobAndResumeFinishesThem() throws Exception {
        byte[] b = Files.readAllBytes(image.resolve("queue_state.json"));
        Files.write(image.resolve("queue_state.json"), java.util.Arrays.copyOf(b, b.length / 2));
        TinyRuns.Outcome status = TinyRuns.cli("--home", home(), "status");
        assertThat(status.exit()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("queue_state.json is truncated").contains("Jobs:  " + MODELS);

        TinyRuns.Outcome resume = TinyRuns.cli("--home", home(), "resume");
        assertThat(resume.exit()).as(resume.out() + resume.err()).isZero();
        assertThat(QueueStateStore.read(Home.at(image)).state().jobs).hasSize(MODELS)
                .allMatch(j -> j.state == JobState.COMPLETED);
        assertThat(keptAside()).anyMatch(f -> f.endsWith("queue_state.json"));
    }

    @Test
    void aFutureVersionSnapshotWithDamagedBackupsLosesNoJob() throws Exception {
        Path snap = image.resolve("queue_state.json");
        Files.writeString(snap, Files.readString(snap).replace("\"version\" : \"2.0\"", "\"version\" : \"9.9\""));
        Files.writeString(image.resolve("backups/queue_state_backup_1.json"), "{\"version\":");
        TinyRuns.Outcome resume = TinyRuns.cli("--home", home(), "resume");
        assertThat(resume.exit()).as(resume.out() + resume.err()).isZero();
        assertThat(QueueStateStore.read(Home.at(image)).state().jobs).hasSize(MODELS)
                .allMatch(j -> j.state == JobState.COMPLETED);
        // the newer version's file is kept, unchanged, for that version to read
        Path kept = keptAside().stream().filter(f -> f.endsWith("queue_state.json")).findFirst().orElseThrow();
        assertThat(Files.readString(kept)).contains("\"version\" : \"9.9\"");
    }

    @Test
    void twoDamagedFilesThatLoseJobsAreNamedAndNeverExitZero() throws Exception {
        Files.writeString(image.resolve("queue_state.json"), "garbage");
        Files.delete(image.resolve("backups/queue_state_backup_1.journal"));
        TinyRuns.Outcome status = TinyRuns.cli("--home", home(), "status");
        assertThat(status.exit()).as(status.out() + status.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(status.err()).contains("could not be fully recovered").contains("model_00.stl");

        TinyRuns.Outcome resume = TinyRuns.cli("--home", home(), "resume");
        assertThat(resume.exit()).as(resume.out() + resume.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(resume.err()).contains("Not recovered").contains("model_00.stl")
                .contains("The damaged files are kept in " + image.resolve("backups/damaged"));
        List<Path> kept = keptAside();
        assertThat(kept).anyMatch(f -> f.endsWith("README.txt"));
        Path snap = kept.stream().filter(f -> f.endsWith("queue_state.json")).findFirst().orElseThrow();
        assertThat(Files.readString(snap)).isEqualTo("garbage");
    }

    private List<Path> keptAside() throws Exception {
        try (Stream<Path> s = Files.walk(image.resolve("backups/damaged"))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
