package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/** {@code queue import} of a queue file from someone else: output only where the importing user chose. */
class QueueImportTest {
    @TempDir
    Path tmp;

    /** A queue file as another machine exports it: output into {@code theirOut}, one job per model. */
    private Path queueFile(Path theirOut, List<Path> models) throws Exception {
        QueueStateDto q = QueueStateDto.empty();
        q.template = "tiny";
        q.queueSettings.outputBaseFolder = theirOut.toString();
        for (int i = 0; i < models.size(); i++) {
            JobDto j = JobDto.pending("job_" + i, models.get(i).toString());
            j.outputFolder = theirOut.resolve(String.format("model_%02d", i)).toString();
            q.jobs.add(j);
        }
        Path file = tmp.resolve("their_queue.json");
        Files.write(file, Json.mapper().writeValueAsBytes(q));
        return file;
    }

    private Path home() throws Exception {
        Path home = tmp.resolve("home");
        TinyRuns.installTinyTemplate(home, false);
        return home;
    }

    private static long entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.count() - 1;
        }
    }

    /** The CLI in its own process, started in {@code cwd}. */
    private String cliIn(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.stllisting.Main"));
        cmd.addAll(List.of(args));
        File log = tmp.resolve("child.log").toFile();
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log.toPath());
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void anImportedQueueNamingAnOutputFolderElsewhereWritesNothingThereWhenResumed() throws Exception {
        Path home = home();
        List<Path> models = TinyRuns.models(tmp.resolve("src"), 2);
        Path theirs = Files.createDirectories(tmp.resolve("xyz-outside"));
        Path file = queueFile(theirs, models);
        Path cwd = Files.createDirectories(tmp.resolve("work"));

        String said = cliIn(cwd, "--home", home.toString(), "queue", "import", file.toString());
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "resume");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(entries(theirs)).as("files written into the folder the queue file names").isZero();
        Path chosen = cwd.resolve("stl-listing-output");
        assertThat(said).contains("Imported 2 job(s)").contains("Output: " + chosen)
                .contains("output folder " + theirs + " is not used");
        assertThat(chosen.resolve("model_00/renders/model_00_render.png")).isRegularFile();
        assertThat(chosen.resolve("model_01/renders/model_01_render.png")).isRegularFile();
    }

    @Test
    void outChoosesTheFolderOfTheImportedJobs() throws Exception {
        Path home = home();
        List<Path> models = TinyRuns.models(tmp.resolve("src"), 1);
        Path theirs = Files.createDirectories(tmp.resolve("xyz-outside"));
        Path mine = tmp.resolve("mine");

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "queue", "import",
                queueFile(theirs, models).toString(), "--out", mine.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        r = TinyRuns.cli("--home", home.toString(), "resume");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(entries(theirs)).isZero();
        assertThat(mine.resolve("model_00/renders/model_00_render.png")).isRegularFile();
        QueueStateDto q = QueueStateStore.read(Home.at(home)).state();
        assertThat(q.queueSettings.outputBaseFolder).isEqualTo(mine.toString());
        assertThat(q.jobs.get(0).outputFolder).isEqualTo(mine.resolve("model_00").toString());
    }

    @Test
    void jobsJoiningAnUnfinishedQueueWriteIntoItsFolderAndAnotherOutIsRefused() throws Exception {
        Path home = home();
        List<Path> models = TinyRuns.models(tmp.resolve("src"), 2);
        Path mine = tmp.resolve("mine");
        Path theirs = tmp.resolve("xyz-outside");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "queue", "import",
                queueFile(theirs, models.subList(0, 1)).toString(), "--out", mine.toString());
        assertThat(r.exit()).as(r.err()).isZero();

        r = TinyRuns.cli("--home", home.toString(), "queue", "import", queueFile(theirs, models).toString(),
                "--out", tmp.resolve("elsewhere").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("writes to " + mine).hasLineCount(1);

        r = TinyRuns.cli("--home", home.toString(), "queue", "import", queueFile(theirs, models).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Imported 1 job(s); 1 already queued").contains("Output: " + mine);
        QueueStateDto q = QueueStateStore.read(Home.at(home)).state();
        assertThat(q.jobs).extracting(j -> j.outputFolder)
                .containsExactly(mine.resolve("model_00").toString(), mine.resolve("model_01").toString());
    }

    @Test
    void aJobWhoseOutputFolderLeavesTheFilesOwnFolderIsRefusedNamingItAndNothingIsImported() throws Exception {
        Path home = home();
        List<Path> models = TinyRuns.models(tmp.resolve("src"), 2);
        Path theirs = tmp.resolve("their-out");
        Path file = queueFile(theirs, models);
        QueueStateDto q = Json.mapper().readValue(file.toFile(), QueueStateDto.class);
        Path stray = tmp.resolve("xyz-outside/cron.d");
        q.jobs.get(1).outputFolder = stray.toString();
        Files.write(file, Json.mapper().writeValueAsBytes(q));

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "queue", "import", file.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(file.toString()).contains("job_1 (model_01.stl)").contains(stray.toString())
                .contains("outside").hasLineCount(1);
        assertThat(QueueStateStore.read(Home.at(home)).state().jobs).isEmpty();
    }

    @Test
    void aPrefixARunWouldRefuseIsRefusedAtImport() throws Exception {
        Path home = home();
        Path file = queueFile(tmp.resolve("their-out"), TinyRuns.models(tmp.resolve("src"), 1));
        QueueStateDto q = Json.mapper().readValue(file.toFile(), QueueStateDto.class);
        q.queueSettings.naming.customPrefix = "p".repeat(300);
        Files.write(file, Json.mapper().writeValueAsBytes(q));

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "queue", "import", file.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("queue_settings.naming.custom_prefix").contains("longer than 64 characters")
                .hasLineCount(1);
        assertThat(QueueStateStore.read(Home.at(home)).state().jobs).isEmpty();
    }

    @Test
    void aJsonFileThatIsNotAQueueIsRefusedWithTheReason() throws Exception {
        Path home = home();
        Path template = tmp.resolve("template.json");
        assertThat(TinyRuns.cli("--home", home.toString(), "templates", "export", "tiny", template.toString())
                .exit()).isZero();
        Path object = tmp.resolve("object.json");
        Files.writeString(object, "{\"version\": \"2.0\", \"name\": \"x\"}");
        Path array = tmp.resolve("array.json");
        Files.writeString(array, "[1, 2]");

        for (Path f : List.of(template, object, array)) {
            TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "queue", "import", f.toString());
            assertThat(r.exit()).as(f + ": " + r.out()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains(f.toString()).contains("not a queue file").hasLineCount(1);
            assertThat(r.out()).doesNotContain("Imported");
        }
        assertThat(TinyRuns.cli("--home", home.toString(), "queue", "import", template.toString()).err())
                .contains("templates import");
        Path empty = tmp.resolve("empty.json");
        Files.writeString(empty, "{\"version\": \"2.0\", \"jobs\": []}");
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "queue", "import", empty.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(empty.toString()).contains("holds no jobs").hasLineCount(1);
    }

    @Test
    void aSeedVersionQueueFileIsMovedForwardBeforeItIsChecked() throws Exception {
        Path home = home();
        Path model = TinyRuns.models(tmp.resolve("src"), 1).get(0);
        Path file = tmp.resolve("old_queue.json");
        Files.writeString(file, """
                {"version": "1.0", "queue_settings": {"output_base_folder": "/somewhere/else"},
                 "global_render_options": {"background_image": "/pictures/wood.png"},
                 "jobs": [{"id": "job_old", "stl_path": "%s", "state": "pending",
                           "render_options": {"background_image": "/pictures/marble.png"}}]}
                """.formatted(model.toString().replace("\\", "\\\\")));

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "queue", "import", file.toString(), "--out",
                tmp.resolve("mine").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        QueueStateDto q = QueueStateStore.read(Home.at(home)).state();
        assertThat(q.globalRenderOptions).containsEntry("background", "image:/pictures/wood.png")
                .doesNotContainKey("background_image");
        assertThat(q.jobs.get(0).renderOptions).containsEntry("background", "image:/pictures/marble.png");
        assertThat(q.queueSettings.outputBaseFolder).isEqualTo(tmp.resolve("mine").toString());
    }
}
