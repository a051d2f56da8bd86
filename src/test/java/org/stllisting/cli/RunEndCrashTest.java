package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.store.queue.QueueStateStore;
import org.stllisting.store.queue.SessionState;

/**
 * A run killed after its last job's final state is on disk but before the run's last {@code report.html} and
 * {@code listing.csv} were written: every job is final, so {@code resume} has nothing to process, and the
 * reports on disk are those of an earlier moment (a model still pending, without its figures). Resume writes
 * them again from the jobs' checkpoints, which are kept until then.
 */
class RunEndCrashTest {
    /** The line of {@code report.html} with the output folder and the run's times. */
    private static final Pattern REPORT_HEADER = Pattern.compile("<p class=\"meta\">[^\n]*\n");

    @TempDir
    Path tmp;

    @Test
    void resumeAfterAKillBetweenTheLastFinalStateAndTheRunsLastReportWritesTheReportWithEveryModelsFigures()
            throws Exception {
        Path out = tmp.resolve("out");
        Home home = crashImage(true, out);

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.root().toString(), "resume");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(out.resolve("listing.csv"))).isEqualTo(referenceCsv);
        assertThat(withoutHeader(Files.readString(out.resolve("report.html")))).isEqualTo(referenceHtml);
        try (QueueStateStore store = QueueStateStore.open(home)) {
            assertThat(store.snapshot().sessionState).isEqualTo(SessionState.FINISHED);
        }
    }

    @Test
    void withoutKeepJobCachesTheCachesOfTheCompletedJobsGoOnlyAfterTheResumedReportIsWritten() throws Exception {
        Path out = tmp.resolve("out");
        Home home = crashImage(false, out);

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.root().toString(), "resume");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(out.resolve("listing.csv"))).isEqualTo(referenceCsv);
        for (String id : jobIds) {
            assertThat(home.jobCacheDir(id)).doesNotExist();
        }
        // the session is finished: a second resume has nothing to do and leaves the report alone
        Files.writeString(out.resolve("listing.csv"), "kept\n");
        TinyRuns.Outcome again = TinyRuns.cli("--home", home.root().toString(), "resume");
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("Nothing to resume");
        assertThat(Files.readString(out.resolve("listing.csv"))).isEqualTo("kept\n");
    }

    private String referenceCsv;
    private String referenceHtml;
    private List<String> jobIds;

    /**
     * Runs two models to the end with the job caches kept (recording the report it wrote), then puts the home
     * and the output folder back to where a kill after the last job's final state leaves them: the session
     * still running, the caches still there, and the reports of a moment when the second model was pending.
     * {@code keepCaches} is the home's {@code keep_job_caches} from then on.
     */
    private Home crashImage(boolean keepCaches, Path out) throws Exception {
        Path homeDir = TinyRuns.tinyHome(tmp);
        Home home = Home.at(homeDir);
        ConfigStore config = new ConfigStore(home.configFile());
        HomeSettings.put(config, "keep_job_caches", true);
        Path src = tmp.resolve("models");
        TinyRuns.models(src, 2);
        TinyRuns.Outcome run = TinyRuns.cli("--home", homeDir.toString(), "run", src.toString(), "--out",
                out.toString(), "--template", "tiny");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        referenceCsv = Files.readString(out.resolve("listing.csv"));
        referenceHtml = withoutHeader(Files.readString(out.resolve("report.html")));
        assertThat(referenceCsv).contains("model_00,passed,").contains("model_01,passed,");

        try (QueueStateStore store = QueueStateStore.open(home)) {
            jobIds = store.snapshot().jobs.stream().map(j -> j.id).toList();
            assertThat(store.snapshot().jobs).allMatch(j -> j.state.isFinal());
            store.setSessionState(SessionState.RUNNING);
        }
        for (String id : jobIds) {
            assertThat(home.jobCacheDir(id)).isDirectory();
        }
        HomeSettings.put(config, "keep_job_caches", keepCaches);
        // what an earlier write of the run left: the second model pending, not yet measured
        String[] lines = referenceCsv.split("\n");
        String pending = lines[2].replaceFirst("^model_01,passed,.*,([^,]*)$", "model_01,pending,,,,,,,,,,,,,,$1");
        assertThat(pending).startsWith("model_01,pending,");
        Files.writeString(out.resolve("listing.csv"), lines[0] + "\n" + lines[1] + "\n" + pending + "\n");
        Files.writeString(out.resolve("report.html"), referenceHtml.replace("Passed", "Not finished"));
        return home;
    }

    private static String withoutHeader(String html) {
        return REPORT_HEADER.matcher(html).replaceFirst("");
    }
}
