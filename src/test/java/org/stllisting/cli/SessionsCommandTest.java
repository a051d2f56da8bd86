package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * {@code stl-listing sessions} with real processes and files: runs that keep the earlier session, a run
 * killed with SIGKILL that is discarded, listed, restored and resumed without redoing a completed step, and a
 * restore refused while another process holds the home or the queue has work left.
 */
class SessionsCommandTest {
    @TempDir
    Path tmp;

    private JsonNode listJson(Path home) throws IOException {
        TinyRuns.Outcome o = TinyRuns.cli("--home", home.toString(), "sessions", "list", "--json");
        assertThat(o.exit()).as(o.err()).isZero();
        return Json.mapper().readTree(o.out()).path("sessions");
    }

    private Process child(Path home, String... args) throws IOException {
        return TinyRuns.child(home, tmp.resolve("child-" + System.nanoTime() + ".log"), args);
    }

    private static String log(Process p) {
        return "exit " + (p.isAlive() ? "running" : p.exitValue());
    }

    /** A command of the real command line, in this process, that must succeed. */
    private static void runToEnd(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        TinyRuns.Outcome o = TinyRuns.cli(all.toArray(String[]::new));
        assertThat(o.exit()).as(o.out() + o.err()).isZero();
    }

    @Test
    void runsKeepEarlierSessionsAndADiscardedKilledRunIsRestoredAndResumedWithEveryCompletedStepKept()
            throws Exception {
        Path home = TinyRuns.tinyHome(tmp);
        // the steps' records are read from the checkpoints after the resumed run finished
        org.stllisting.app.settings.HomeSettings.put(new org.stllisting.store.ConfigStore(
                org.stllisting.store.Home.at(home).configFile()), "keep_job_caches", true);
        Path first = TinyRuns.models(tmp.resolve("first"), 1).get(0).getParent();
        Path second = TinyRuns.models(tmp.resolve("second"), 3).get(0).getParent();
        runToEnd(home, "run", first.toString(), "--out", tmp.resolve("out1").toString(), "--template", "tiny");
        runToEnd(home, "run", first.toString(), "--out", tmp.resolve("out2").toString(), "--template", "tiny");

        JsonNode two = listJson(home);
        assertThat(two).hasSize(2);
        assertThat(two.get(0).path("active").asBoolean()).isTrue();
        assertThat(two.get(0).path("status").asText()).isEqualTo("finished");
        assertThat(two.get(0).path("output_folders").get(0).asText()).isEqualTo(tmp.resolve("out2").toString());
        assertThat(two.get(1).path("active").asBoolean()).isFalse();
        assertThat(two.get(1).path("status").asText()).isEqualTo("finished");
        assertThat(two.get(1).path("reason").asText()).isEqualTo("finished");
        assertThat(two.get(1).path("output_folders").get(0).asText()).isEqualTo(tmp.resolve("out1").toString());
        assertThat(two.get(1).path("counts").path("completed").asInt()).isEqualTo(1);
        String firstId = two.get(1).path("id").asText();

        // a third run, killed with SIGKILL once some steps are checkpointed
        Process killed = child(home, "run", second.toString(), "--out", tmp.resolve("out3").toString(), "--template",
                "tiny");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (killed.isAlive() && stepsDone(home, second) < 10 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(killed.isAlive()).as("the run was still going when killed; " + log(killed)).isTrue();
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        JsonNode three = listJson(home);
        assertThat(three).hasSize(3);
        assertThat(three.get(0).path("status").asText()).isEqualTo("interrupted");
        String thirdId = three.get(0).path("id").asText();
        Path out3 = tmp.resolve("out3");
        Map<String, String> before = steps(home, second, out3);
        assertThat(before.values()).noneMatch(v -> v.contains("missing"));
        assertThat(before).isNotEmpty();

        // an archived session cannot replace a queue with work left
        TinyRuns.Outcome refused = TinyRuns.cli("--home", home.toString(), "sessions", "restore", firstId);
        assertThat(refused.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains("has work left").contains("discard it (stl-listing sessions discard) first");

        TinyRuns.Outcome discarded = TinyRuns.cli("--home", home.toString(), "sessions", "discard");
        assertThat(discarded.exit()).as(discarded.err()).isZero();
        assertThat(discarded.out()).contains("Discarded session " + thirdId.substring(0, 8))
                .contains("stl-listing sessions restore " + thirdId.substring(0, 8));
        JsonNode listed = listJson(home);
        assertThat(listed).extracting(n -> n.path("id").asText()).containsExactly(thirdId,
                two.get(0).path("id").asText(), firstId);
        assertThat(listed.get(0).path("status").asText()).isEqualTo("discarded");
        assertThat(listed.get(0).path("expires_at").asText()).isNotEmpty();
        TinyRuns.Outcome text = TinyRuns.cli("--home", home.toString(), "sessions", "list");
        assertThat(text.out()).contains("discarded").contains(thirdId.substring(0, 8));
        TinyRuns.Outcome show = TinyRuns.cli("--home", home.toString(), "sessions", "show", thirdId.substring(0, 8));
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("Status:    discarded\n").contains(tmp.resolve("out3")
                .toString()).contains("model_00.stl");

        TinyRuns.Outcome restored = TinyRuns.cli("--home", home.toString(), "sessions", "restore",
                thirdId.substring(0, 8), "--json");
        assertThat(restored.exit()).as(restored.err()).isZero();
        assertThat(Json.mapper().readTree(restored.out()).path("restored").path("id").asText()).isEqualTo(thirdId);
        assertThat(steps(home, second, out3)).isEqualTo(before);

        runToEnd(home, "resume");

        QueueStateDto q = QueueStateStore.read(Home.at(home)).state();
        assertThat(q.queueSessionId).isEqualTo(thirdId);
        assertThat(q.jobs).hasSize(3).allMatch(j -> j.state == JobState.COMPLETED);
        Map<String, String> after = steps(home, second, out3);
        // every step completed before the discard is still the same record, files untouched, not run again
        before.forEach((step, was) -> assertThat(after.get(step)).as(step).isEqualTo(was));
        for (JobDto j : q.jobs) {
            ProcessingState st = Checkpoints.read(Home.at(home).jobCacheDir(j.id));
            assertThat(st.completedSteps).hasSize(8);
            st.completedSteps.forEach((step, rec) -> assertThat(rec.runCount).as(j.stlPath + " " + step).isEqualTo(1));
        }
        JsonNode last = listJson(home);
        assertThat(last).extracting(n -> n.path("id").asText() + " " + n.path("status").asText()).containsExactly(
                thirdId + " finished", two.get(0).path("id").asText() + " finished", firstId + " finished");
    }

    @Test
    void restoreAndDiscardAreRefusedWhileAnotherProcessHoldsTheHomeWhichListShowsAsRunning() throws Exception {
        Path home = TinyRuns.tinyHome(tmp);
        Path models = TinyRuns.models(tmp.resolve("m"), 1).get(0).getParent();
        runToEnd(home, "run", models.toString(), "--out", tmp.resolve("out1").toString(), "--template", "tiny");
        runToEnd(home, "run", models.toString(), "--out", tmp.resolve("out2").toString(), "--template", "tiny");
        String archived = listJson(home).get(1).path("id").asText();

        Process holder = holdLock(home);
        try {
            JsonNode list = listJson(home);
            assertThat(list.get(0).path("status").asText()).isEqualTo("running");
            TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "sessions", "restore", archived);
            assertThat(r.exit()).isEqualTo(ExitCodes.LOCKED);
            assertThat(r.err()).contains("another instance (pid " + holder.pid() + ")");
            TinyRuns.Outcome d = TinyRuns.cli("--home", home.toString(), "sessions", "discard");
            assertThat(d.exit()).isEqualTo(ExitCodes.LOCKED);
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(listJson(home)).extracting(n -> n.path("id").asText()).endsWith(archived);
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "sessions", "restore", archived);
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void showOfAnUnknownSessionIsAUsageErrorNamingTheHome() throws Exception {
        Path home = TinyRuns.tinyHome(tmp);
        TinyRuns.Outcome o = TinyRuns.cli("--home", home.toString(), "sessions", "show", "abcd1234");
        assertThat(o.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(o.err()).contains("no session abcd1234 in " + home);
        TinyRuns.Outcome empty = TinyRuns.cli("--home", home.toString(), "sessions", "list");
        assertThat(empty.out()).contains("No sessions in " + home);
    }

    /** A real process holding the home's lock, once it says so. */
    private Process holdLock(Path home) throws Exception {
        Path io = Files.createDirectories(tmp.resolve("holder"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LockContenderMain.class.getName(), "--home", home.toString(), "hold-lock",
                tmp.resolve("release").toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(io.resolve("out").toFile())
                .redirectError(io.resolve("err").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline && !Files.readString(io.resolve("out")).contains("HOLDING")) {
            Thread.sleep(20);
        }
        assertThat(Files.readString(io.resolve("out"))).contains("HOLDING " + p.pid());
        return p;
    }

    /** Completed steps of the jobs whose sources are in {@code models}, from their checkpoints. */
    private static int stepsDone(Path home, Path models) {
        return steps(home, models, null).size();
    }

    /**
     * Each completed step of the jobs of {@code models} ({@code source step} → its completion time, run count and
     * its output files' modification times in {@code output}), from the checkpoints in the job caches.
     */
    private static Map<String, String> steps(Path home, Path models, Path output) {
        Map<String, String> out = new TreeMap<>();
        Path caches = home.resolve("cache/job_cache");
        if (!Files.isDirectory(caches)) {
            return out;
        }
        try (Stream<Path> s = Files.list(caches)) {
            for (Path dir : s.toList()) {
                ProcessingState st = Checkpoints.read(dir);
                if (st == null || st.source == null || !st.source.startsWith(models.toString())) {
                    continue;
                }
                st.completedSteps.forEach((step, rec) -> {
                    StringBuilder sb = new StringBuilder(rec.completedAt + " x" + rec.runCount);
                    for (String f : rec.outputs) {
                        sb.append(' ').append(f).append('@').append(output == null ? "" : mtime(output.resolve(f)));
                    }
                    out.put(Path.of(st.source).getFileName() + " " + step, sb.toString());
                });
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static String mtime(Path file) {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            return t.toString();
        } catch (IOException e) {
            return "missing";
        }
    }
}
