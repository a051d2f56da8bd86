package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.store.ConfigStore;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.output.OutputFiles;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * The recovery guarantee (docs/ARCHITECTURE.md, Recovery), with real processes: a {@code run} of a dozen models is killed with SIGKILL
 * at random moments, again and again, and resumed each time; at the end the output equals an
 * uninterrupted run's, no partial file is left, every job is in the history exactly once and no completed
 * step was done twice.
 */
class CrashRecoveryTest {
    private static final int MODELS = 12;
    private static final int KILLS = 5;

    @TempDir
    Path tmp;

    @Test
    void resumedAfterRepeatedKillNineTheOutputEqualsAnUninterruptedRun() throws Exception {
        long seed = Long.getLong("stl.crash.seed", System.nanoTime()); // -Dstl.crash.seed=N replays a failure
        Random random = new Random(seed);
        String why = "random seed " + seed;
        Path src = tmp.resolve("models");
        TinyRuns.models(src, MODELS);

        Path refHome = tmp.resolve("ref-home");
        Path refOut = tmp.resolve("ref-out");
        TinyRuns.installTinyTemplate(refHome, false);
        long t0 = System.nanoTime();
        Process ref = start(refHome, "run", src.toString(), "--out", refOut.toString(), "--template", "tiny");
        assertThat(ref.waitFor(80, TimeUnit.SECONDS)).as("reference run ends").isTrue();
        assertThat(ref.exitValue()).as(output(ref)).isZero();
        double refSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        Process version = start(refHome, "--version");
        version.waitFor(60, TimeUnit.SECONDS);
        double startup = (System.nanoTime() - t1) / 1e9;
        why += String.format(java.util.Locale.ROOT, ", reference run %.1f s, start-up %.1f s", refSeconds, startup);

        Path home = tmp.resolve("home");
        Path out = tmp.resolve("out");
        TinyRuns.installTinyTemplate(home, false);
        // the checkpoints are read after the run to count each step's runs
        HomeSettings.put(new ConfigStore(Home.at(home).configFile()), "keep_job_caches", true);
        int kills = 0;
        int launches = 0;
        boolean finished = false;
        while (!finished && launches < 40) {
            // a kill during the first run's start-up can come before the files were queued: then the user
            // runs the same command again; once they are queued, 'resume' finishes them
            Process p = queued(home) < MODELS
                    ? start(home, "run", src.toString(), "--out", out.toString(), "--template", "tiny")
                    : start(home, "resume");
            launches++;
            if (kills < KILLS) {
                // a random moment: during start-up and recovery, or a random number of completed steps later
                // (plus a random slice of the next step), so that five kills cannot finish the queue
                int k = random.nextInt(7);
                if (k == 0) {
                    p.waitFor((long) (random.nextDouble() * startup * 1000), TimeUnit.MILLISECONDS);
                } else {
                    int target = stepsDone(home) + k;
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (p.isAlive() && stepsDone(home) < target && System.nanoTime() < end) {
                        Thread.sleep(10);
                    }
                    Thread.sleep(random.nextInt(120));
                }
                if (p.isAlive()) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    kills++;
                    continue;
                }
            } else {
                assertThat(p.waitFor(80, TimeUnit.SECONDS)).as("final resume ends; " + why).isTrue();
            }
            assertThat(p.exitValue()).as(why + "\n" + output(p)).isZero();
            finished = true;
        }
        assertThat(kills).as(why).isGreaterThanOrEqualTo(KILLS);
        assertThat(finished).as(why).isTrue();

        Map<String, String> expected = TinyRuns.tree(refOut, false);
        Map<String, String> actual = TinyRuns.tree(out, false);
        assertThat(expected).as("the reference run made every kind of file")
                .containsKey("model_00/renders/model_00_render.png")
                .containsKey("model_00/renders/model_00_size_chart.png")
                .containsKey("model_00/renders/color_variations/model_00_red.png")
                .containsKey("model_00/source/model_00_repaired.stl")
                .containsKey("model_00/analysis/model_00_analysis.json");
        assertThat(actual).as(why).isEqualTo(expected);

        try (Stream<Path> s = Stream.concat(Files.walk(out), Files.walk(home))) {
            assertThat(s.filter(OutputFiles::isPartial).map(Path::toString)).as(why).isEmpty();
        }

        Home h = Home.at(home);
        QueueStateDto q = QueueStateStore.read(h).state();
        assertThat(q.jobs).hasSize(MODELS).allMatch(j -> j.state == JobState.COMPLETED);
        HistoryStore history = HistoryStore.open(h.historyDb());
        List<HistoryRecord> rows = history.list(1000);
        assertThat(rows).as(why).hasSize(MODELS);
        assertThat(rows.stream().map(HistoryRecord::id).toList())
                .containsExactlyInAnyOrderElementsOf(q.jobs.stream().map(j -> j.id).toList());
        List<String> redone = new ArrayList<>();
        for (JobDto j : q.jobs) {
            ProcessingState st = Checkpoints.read(h.jobCacheDir(j.id));
            assertThat(st).isNotNull();
            assertThat(st.completedSteps).hasSize(8);
            st.completedSteps.forEach((step, rec) -> {
                if (rec.runCount != 1) {
                    redone.add(j.stlPath + " " + step + " x" + rec.runCount);
                }
            });
        }
        assertThat(redone).as("completed steps done again; " + why).isEmpty();
    }

    /** Jobs in the queue state (read while no child runs). */
    private static int queued(Path home) {
        if (!Files.exists(home.resolve("queue_state.json")) && !Files.exists(home.resolve("queue_state.journal"))) {
            return 0;
        }
        QueueStateDto q = QueueStateStore.read(Home.at(home)).state();
        return q == null || q.jobs == null ? 0 : q.jobs.size();
    }

    /** Completed steps over all jobs, from their checkpoints (what the child has done so far). */
    private static int stepsDone(Path home) {
        Path caches = home.resolve("cache/job_cache");
        if (!Files.isDirectory(caches)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> s = Files.list(caches)) {
            for (Path dir : s.toList()) {
                ProcessingState st = Checkpoints.read(dir);
                n += st == null ? 0 : st.completedSteps.size();
            }
        } catch (IOException e) {
            return n;
        }
        return n;
    }

    private Process start(Path home, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.stllisting.Main", "--home", home.toString()));
        cmd.addAll(List.of(args));
        File log = tmp.resolve("child-" + System.nanoTime() + ".log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        logs.put(p, log.toPath());
        return p;
    }

    private final Map<Process, Path> logs = new java.util.HashMap<>();

    private String output(Process p) {
        try {
            return "exit " + (p.isAlive() ? "running" : p.exitValue()) + ":\n" + Files.readString(logs.get(p));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
