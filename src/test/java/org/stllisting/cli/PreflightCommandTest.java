package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.queue.SourceIdentity;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * {@code run} and {@code resume} refuse, before any job starts, what no retry can heal: an output folder,
 * home or history that cannot be written. Exit code 2 and one line naming the path and the operating
 * system's reason.
 */
class PreflightCommandTest {
    @TempDir
    Path tmp;

    /** A home with the tiny template, and {@code n} models in {@code tmp/src}; returns the home. */
    private Path homeWithModels(int n) throws Exception {
        Path home = tmp.resolve("home");
        TinyRuns.installTinyTemplate(home, false);
        TinyRuns.models(tmp.resolve("src"), n);
        return home;
    }

    @Test
    void runRefusesAnOutputFolderThatCannotBeWrittenWithTheReasonAndStartsNoJob() throws Exception {
        Path home = homeWithModels(2);
        Path src = tmp.resolve("src");
        // the output folder's place is taken by a file: "Not a directory", also for root
        Path blocker = Files.writeString(tmp.resolve("blocker"), "a file");
        Path out = blocker.resolve("out");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", src.toString(), "--out", out.toString(),
                "--template", "tiny");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("cannot start: the output folder cannot be written: " + out + ": Not a directory");
        assertThat(QueueStateStore.read(Home.at(home)).state().jobs).as("nothing queued").isEmpty();
    }

    @Test
    void resumeRefusesWhenTheOutputFolderCanNoLongerBeWritten() throws Exception {
        Path home = homeWithModels(1);
        Path src = tmp.resolve("src");
        Path out = tmp.resolve("out");
        // a queue with one job to do, whose output folder was replaced by a file since
        Path model = src.resolve("model_00.stl");
        try (QueueStateStore store = QueueStateStore.open(Home.at(home).ensureCreated())) {
            QueueStateDto q = QueueStateDto.empty();
            q.template = "tiny";
            q.queueSettings.outputBaseFolder = out.toString();
            store.replaceState(q);
            JobDto j = JobDto.pending("job_000000000001", model.toString());
            SourceIdentity.record(j, model);
            store.addJobs(List.of(j));
        }
        Files.writeString(out, "not a folder");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "resume");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("cannot start: the output folder cannot be written: " + out);
        assertThat(QueueStateStore.read(Home.at(home)).state().jobs.get(0).attempts).as("not started").isZero();
    }

    @Test
    void runRefusesAHistoryDatabaseThatCannotBeOpenedWithExitTwo() throws Exception {
        Path home = homeWithModels(1);
        // a folder where the database file should be: SQLite cannot open it, also for root
        Path db = Files.createDirectories(Home.at(home).ensureCreated().historyDb());
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", tmp.resolve("src").toString(), "--out",
                tmp.resolve("out").toString(), "--template", "tiny");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("cannot start: ").contains(db.toString());
        assertThat(tmp.resolve("out/model_00")).doesNotExist();
    }

    @Test
    void runRefusesAReadOnlyHistoryDatabaseNamingItAndTheReason() throws Exception {
        Path home = homeWithModels(1);
        Path db = Home.at(home).ensureCreated().historyDb();
        HistoryStore.open(db).count();
        assumeThat(Chattr.set("+i", db)).as("chattr +i works here (ext4 and CAP_LINUX_IMMUTABLE)").isTrue();
        try {
            TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", tmp.resolve("src").toString(), "--out",
                    tmp.resolve("out").toString(), "--template", "tiny");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("cannot start: ").contains(db.toString()).containsIgnoringCase("readonly");
            assertThat(tmp.resolve("out/model_00")).doesNotExist();
        } finally {
            Chattr.set("-i", db);
        }
    }
}
