package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.app.SessionService;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/** {@code queue backups} lists the real backups of a queue; {@code queue restore-backup N} brings one back. */
class QueueBackupsCommandTest {
    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    /**
     * A queue built in three sessions of the program, one model added in each (every close folds, so the backups
     * hold 2, 1 and 0 jobs), with a template of quick steps.
     */
    private List<Path> queueOfThree() throws Exception {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("version", 2);
        t.put("name", "checks");
        t.put("display_name", "Checks");
        t.put("steps", List.of("load", "validate", "analyze", "finalize"));
        t.put("validation_options", Map.of("level", "basic"));
        Files.createDirectories(home().resolve("templates"));
        Files.write(home().resolve("templates/checks.json"), Json.mapper().writeValueAsBytes(t));
        List<Path> models = TinyRuns.models(tmp.resolve("src"), 3);
        for (int i = 0; i < 3; i++) {
            try (AppContext ctx = AppContext.exclusive(Home.at(home()))) {
                if (i == 0) {
                    ctx.session("cli").start(new SessionService.Start(ctx.templates().require("checks"),
                            tmp.resolve("out"), null, null));
                }
                ctx.runner("cli").add(List.of(models.get(i)), null, null, null);
            }
        }
        return models;
    }

    private TinyRuns.Outcome cli(String... args) {
        String[] a = new String[args.length + 2];
        a[0] = "--home";
        a[1] = home().toString();
        System.arraycopy(args, 0, a, 2, args.length);
        return TinyRuns.cli(a);
    }

    @Test
    void backupsAreListedWithTheirJobsAndWhetherTheyCanBeRestored() throws Exception {
        queueOfThree();
        Files.writeString(Home.at(home()).queueBackupFile(3), "garbage");

        TinyRuns.Outcome r = cli("queue", "backups", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode rows = Json.mapper().readTree(r.out());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("number").asInt()).isEqualTo(1);
        assertThat(rows.get(0).path("jobs").asInt()).isEqualTo(2);
        assertThat(rows.get(0).path("valid").asBoolean()).isTrue();
        assertThat(rows.get(1).path("jobs").asInt()).isEqualTo(1);
        assertThat(rows.get(2).path("valid").asBoolean()).isFalse();
        assertThat(rows.get(2).path("problem").asText()).startsWith("is not valid JSON");

        r = cli("queue", "backups");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).hasSize(5);
        assertThat(r.out()).contains("valid").contains("unusable: is not valid JSON");
    }

    @Test
    void restoringABackupKeepsTheReplacedQueueAndResumeFinishesIt() throws Exception {
        List<Path> models = queueOfThree();
        byte[] current = Files.readAllBytes(home().resolve("queue_state.json"));

        TinyRuns.Outcome r = cli("queue", "restore-backup", "2");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Restored backup 2 (1 job(s), saved ");
        QueueStateDto q = QueueStateStore.read(Home.at(home())).state();
        assertThat(q.jobs).extracting(j -> j.stlPath).containsExactly(models.get(0).toString());
        assertThat(q.template).isEqualTo("checks");
        Path replaced;
        try (Stream<Path> s = Files.list(home().resolve("backups/replaced"))) {
            replaced = s.findFirst().orElseThrow();
        }
        assertThat(Files.readAllBytes(replaced.resolve("queue_state.json"))).isEqualTo(current);
        assertThat(replaced.resolve("queue_state.journal")).exists();
        assertThat(replaced.resolve("README.txt")).exists();
        assertThat(r.out()).contains(replaced.toString());

        r = cli("resume");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(QueueStateStore.read(Home.at(home())).state().jobs).extracting(j -> j.state)
                .containsExactly(JobState.COMPLETED);
        assertThat(tmp.resolve("out/model_00/analysis/model_00_analysis.json")).exists();
    }

    @Test
    void aDamagedOrMissingBackupOrAHeldHomeIsRefusedAndNothingChanges() throws Exception {
        queueOfThree();
        Files.writeString(Home.at(home()).queueBackupFile(3), "{\"version\": \"2.0\", \"jobs\": [");
        byte[] current = Files.readAllBytes(home().resolve("queue_state.json"));

        TinyRuns.Outcome r = cli("queue", "restore-backup", "3");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("stl-listing: backups/queue_state_backup_3.json is truncated; it cannot be "
                + "restored\n");
        r = cli("queue", "restore-backup", "9");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("stl-listing: backups/queue_state_backup_9.json does not exist (see "
                + "'stl-listing queue backups')\n");
        assertThat(Files.readAllBytes(home().resolve("queue_state.json"))).isEqualTo(current);
        try (AppContext held = AppContext.exclusive(Home.at(home()))) {
            byte[] whileHeld = Files.readAllBytes(home().resolve("queue_state.json"));
            r = cli("queue", "restore-backup", "1");
            assertThat(r.exit()).isEqualTo(ExitCodes.LOCKED);
            assertThat(r.err()).contains("(pid " + ProcessHandle.current().pid() + ")");
            assertThat(Files.readAllBytes(home().resolve("queue_state.json"))).isEqualTo(whileHeld);
        }
        assertThat(home().resolve("backups/replaced")).doesNotExist();
    }
}
