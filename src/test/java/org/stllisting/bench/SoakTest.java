package org.stllisting.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * The short soak of the normal test run (the full one is {@code stl-listing soak}): five kill -9s over four
 * models with real child processes, then the comparison with the uninterrupted run; and the comparison itself
 * shown to catch a changed file, a short file list, a duplicate history row and a lost log line.
 */
class SoakTest {
    @TempDir
    Path tmp;

    @Test
    void afterFiveKillNinesAndResumesTheOutputHistoryAndFileListsEqualAnUninterruptedRun() throws Exception {
        long seed = Long.getLong("stl.soak.seed", System.nanoTime()); // -Dstl.soak.seed=N replays a failure
        StringWriter progress = new StringWriter();
        Path work = tmp.resolve("work");
        SoakReport report = new Soak(new Soak.Config(5, 4, "Quick Preview", false, seed, work,
                Soak.productCommand()), new PrintWriter(progress, true)).run();
        String why = "seed " + seed + "\n" + progress + String.join("\n", report.findingLines()) + "\n"
                + report.table().toMarkdown();

        assertThat(report.kills()).as(why).isEqualTo(5);
        assertThat(report.killList()).as("every kill was a SIGKILL").allMatch(k -> k.exit() == 137);
        assertThat(report.mismatches()).as(why).isZero();
        assertThat(report.shortFileLists()).as(why).isZero();
        assertThat(report.duplicateRows()).as(why).isZero();
        assertThat(report.missingRows()).as(why).isZero();
        assertThat(report.findings()).as(why).filteredOn(f -> !f.kind().equals("log")).isEmpty();
        // the reference made every kind of file the template writes, so the comparison covered them
        Path refOut = work.resolve("ref-out");
        assertThat(refOut.resolve("m000_twisted_vase/renders/m000_twisted_vase_render.png")).isRegularFile();
        assertThat(refOut.resolve("m000_twisted_vase/analysis/m000_twisted_vase_analysis.json")).isRegularFile();
        assertThat(refOut.resolve("queue_summary.json")).isRegularFile();

        // the comparison catches each kind of damage, counted where it belongs
        Path out = work.resolve("out");
        Path png = out.resolve("m001_chess_pawn/renders/m001_chess_pawn_render.png");
        byte[] b = Files.readAllBytes(png);
        b[b.length / 2] ^= 1;
        Files.write(png, b);
        ObjectNode summary = (ObjectNode) Json.mapper().readTree(out.resolve("queue_summary.json").toFile());
        ArrayNode files = (ArrayNode) summary.get("jobs").get(0).get("files");
        files.remove(files.size() - 1);
        Json.mapper().writeValue(out.resolve("queue_summary.json").toFile(), summary);
        Home home = Home.at(work.resolve("home"));
        HistoryStore history = HistoryStore.open(home.historyDb());
        HistoryRecord r = history.list(10).get(0);
        history.record(new HistoryRecord("job_copy", r.stlPath(), r.stlFilename(), r.stlSize(), r.stlChecksum(),
                r.outputFolder(), r.queueSessionId(), r.renderOptions(), r.validationOptions(), r.state(),
                r.createdAt(), r.startedAt(), r.completedAt(), r.estimatedDuration(), r.actualDuration(),
                r.validationPassed(), r.filesGenerated(), r.errorMessage(), r.warnings(), r.appVersion(),
                r.createdBy(), r.template(), r.attempts()));
        Path log = out.resolve("m002_spur_gear/logs/m002_spur_gear_processing.log");
        Files.writeString(log, Files.readString(log).replace("validation passed", "validation failed"));

        List<Path> models;
        try (Stream<Path> s = Files.list(work.resolve("models"))) {
            models = s.sorted().toList();
        }
        SoakCheck check = new SoakCheck(Home.at(work.resolve("ref-home")), refOut, home, out, models,
                report.killList());
        check.run();
        assertThat(check.mismatches).as(check.findings().toString()).isEqualTo(report.mismatches() + 1);
        assertThat(check.shortSummaryLists).as(check.findings().toString()).isEqualTo(1);
        assertThat(check.duplicateRows).as(check.findings().toString()).isEqualTo(1);
        assertThat(check.findings()).anyMatch(f -> f.kind().equals("log")
                && f.file().equals("m002_spur_gear/logs/m002_spur_gear_processing.log")
                && f.detail().contains("validation failed"));
        assertThat(check.findings()).anyMatch(f -> f.file().equals("m001_chess_pawn/renders/m001_chess_pawn_render.png")
                && f.detail().contains("first difference at byte " + (b.length / 2)));
    }

    @Test
    void theHomeWatchSeesEachFoldOfTheQueueStateAndEachCompletedStep() throws Exception {
        Home home = Home.at(tmp.resolve("home")).ensureCreated();
        Soak.HomeWatch watch = new Soak.HomeWatch(home);
        try (QueueStateStore store = QueueStateStore.open(home)) {
            store.addJobs(List.of(JobDto.pending("j1", "/m/a.stl")));
            String before = watch.foldSignature();
            store.updateJob("j1", j -> {
                j.progress = 10;
                return j;
            });
            assertThat(watch.foldSignature()).as("a journal append is no fold").isEqualTo(before);
            store.checkpoint();
            String once = watch.foldSignature();
            assertThat(once).isNotEqualTo(before);
            store.checkpoint();
            assertThat(watch.foldSignature()).isNotEqualTo(once);
        }
        assertThat(watch.steps()).isZero();
        ProcessingState st = new ProcessingState();
        st.completedSteps.put("load", new ProcessingState.StepRecord());
        Checkpoints.write(home.jobCacheDir("j1"), st);
        assertThat(watch.steps()).isEqualTo(1);
        st.completedSteps.put("validate", new ProcessingState.StepRecord());
        Checkpoints.write(home.jobCacheDir("j1"), st);
        assertThat(watch.steps()).isEqualTo(2);
    }

    @Test
    void logsAreComparedWithoutTimesDurationsAndAttemptLinesButNotOtherwise() {
        String ref = """
                2026-12-05T07:43:53.441685719Z  attempt 1 started
                2026-12-05T07:43:54.002397208Z  load done in 0.26 s
                2026-12-05T07:43:54.457685586Z  validate done in 0.26 s: m/analysis/m_validation.json
                2026-12-05T07:43:57.522935438Z  completed
                """;
        String resumed = """
                2026-12-05T08:00:00.000000001Z  attempt 1 started
                2026-12-05T08:00:00.100000000Z  load done in 1.50 s
                2026-12-05T08:00:09.000000000Z  attempt 2 started
                2026-12-05T08:00:09.100000000Z  load done in 0.90 s
                2026-12-05T08:00:09.200000000Z  validate done in 0.31 s: m/analysis/m_validation.json
                2026-12-05T08:00:09.300000000Z  completed
                """;
        assertThat(SoakCheck.jobLogDifference(ref, resumed)).isNull();
        assertThat(SoakCheck.jobLogDifference(ref, resumed.replace("validate done in 0.31 s: m/analysis/m_validation"
                + ".json\n", ""))).contains("validate done: m/analysis/m_validation.json");
        assertThat(SoakCheck.jobLogDifference(ref, resumed.replace("completed", "failed"))).contains("failed");

        String queueRef = "2026-12-05T07:37:29.719618902Z  m0  started\n2026-12-05T07:37:30.271626803Z  m0  completed\n";
        String queueResumed = "2026-12-05T08:00:00.1Z  m0  started\n2026-12-05T08:00:02.1Z  m0  started (attempt 2)\n"
                + "2026-12-05T08:00:03.1Z  m0  completed\n";
        assertThat(SoakCheck.queueLogDifference(queueRef, queueResumed)).isNull();
        assertThat(SoakCheck.queueLogDifference(queueRef, "2026-12-05T08:00:00.1Z  m0  started\n"))
                .contains("m0: missing [completed]");
    }

    @Test
    void theSummaryIsComparedWithoutSessionTimesIdsAndAttempts() {
        String ref = """
                {"session_id":"a","started_at":"t1","updated_at":"t2","finished":true,"jobs":[{"id":"job_1",
                "model":"m","state":"completed","duration_seconds":0.6,"attempts":1,"files":["m/a.json"]}]}""";
        String soak = """
                {"session_id":"b","started_at":"t3","updated_at":"t4","finished":true,"jobs":[{"id":"job_2",
                "model":"m","state":"completed","duration_seconds":2.5,"attempts":3,"files":[]}]}""";
        assertThat(SoakCheck.summaryDifference(ref.getBytes(), soak.getBytes())).isNull();
        assertThat(SoakCheck.summaryDifference(ref.getBytes(), soak.replace("\"completed\"", "\"failed\"")
                .getBytes())).isEqualTo("differs at .jobs[0].state: \"failed\", the reference \"completed\"");
    }
}
