package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.AppContext;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.app.settings.Setting;
import org.stllisting.jobs.runner.QueueSettings;
import org.stllisting.output.OutputMode;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateStore;

/** {@code stl-listing settings}: every key set, read back and reaching the engine, on a real home. */
class SettingsCommandTest {
    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private TinyRuns.Outcome cli(String... args) {
        List<String> a = new ArrayList<>(List.of("--home", home().toString(), "settings"));
        a.addAll(List.of(args));
        return TinyRuns.cli(a.toArray(String[]::new));
    }

    private JsonNode getJson(String key) throws Exception {
        TinyRuns.Outcome r = cli("get", key, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out());
    }

    @Test
    void listShowsEveryKeyWithItsDefaultAndChangesNothingOnAFreshHome() throws Exception {
        TinyRuns.Outcome text = cli("list");
        assertThat(text.exit()).as(text.err()).isZero();
        for (String key : Setting.keys()) {
            assertThat(text.out()).contains(key);
        }
        assertThat(text.out()).contains("1800 seconds").contains("500 MB").contains("3 backups")
                .contains("models processed at the same time");
        TinyRuns.Outcome json = cli("list", "--json");
        assertThat(json.exit()).isZero();
        JsonNode doc = Json.mapper().readTree(json.out());
        assertThat(doc.path("settings")).hasSize(Setting.values().length);
        JsonNode timeout = doc.path("settings").get(4);
        assertThat(timeout.path("key").asText()).isEqualTo("job_timeout");
        assertThat(timeout.path("scope").asText()).isEqualTo("queue");
        assertThat(timeout.path("type").asText()).isEqualTo("long");
        assertThat(timeout.path("unit").asText()).isEqualTo("seconds");
        assertThat(timeout.path("value").asLong()).isEqualTo(1800);
        assertThat(timeout.path("default").asLong()).isEqualTo(1800);
        assertThat(timeout.path("set").asBoolean()).isFalse();
        assertThat(timeout.path("max").asLong()).isEqualTo(604_800);
        assertThat(home().resolve("queue_state.json")).doesNotExist();
        assertThat(home().resolve("config.json")).doesNotExist();
    }

    @Test
    void everyQueueSettingRoundTripsAndIsWhatTheRunnerReads() throws Exception {
        Map<String, String> typed = Map.of("max_concurrent_jobs", "4", "auto_retry_failed", "false",
                "max_retry_attempts", "5", "retry_backoff_seconds", "1.5min", "job_timeout", "30min",
                "min_free_disk_mb", "2GB");
        for (Map.Entry<String, String> e : typed.entrySet()) {
            TinyRuns.Outcome r = cli("set", e.getKey(), e.getValue());
            assertThat(r.exit()).as(e.getKey() + ": " + r.err()).isZero();
            assertThat(r.out()).startsWith(e.getKey() + " = ");
        }
        assertThat(getJson("max_concurrent_jobs").path("value").asInt()).isEqualTo(4);
        assertThat(getJson("auto_retry_failed").path("value").asBoolean(true)).isFalse();
        assertThat(getJson("max_retry_attempts").path("value").asInt()).isEqualTo(5);
        assertThat(getJson("retry_backoff_seconds").path("value").asDouble()).isEqualTo(90.0);
        assertThat(getJson("job_timeout").path("value").asLong()).isEqualTo(1800);
        assertThat(getJson("job_timeout").path("set").asBoolean()).isFalse();
        assertThat(getJson("min_free_disk_mb").path("value").asLong()).isEqualTo(2048);
        assertThat(getJson("min_free_disk_mb").path("set").asBoolean()).isTrue();

        // in queue_state.json as the next process finds it, and what its runner works with
        QueueSettingsDto onDisk = QueueStateStore.read(Home.at(home())).state().queueSettings;
        assertThat(onDisk.maxConcurrentJobs).isEqualTo(4);
        assertThat(onDisk.minFreeDiskMb).isEqualTo(2048);
        try (AppContext ctx = AppContext.exclusive(Home.at(home()))) {
            QueueSettings s = ctx.runner("cli").settings();
            assertThat(s.maxConcurrentJobs()).isEqualTo(4);
            assertThat(s.autoRetryFailed()).isFalse();
            assertThat(s.maxRetryAttempts()).isEqualTo(5);
            assertThat(s.retryBackoffSeconds()).isEqualTo(90.0);
            assertThat(s.jobTimeoutSeconds()).isEqualTo(1800);
            assertThat(s.minFreeDiskMb()).isEqualTo(2048);
        }

        assertThat(cli("reset", "max_concurrent_jobs").out()).isEqualTo("max_concurrent_jobs = 2 jobs (default)\n");
        assertThat(QueueStateStore.read(Home.at(home())).state().queueSettings.maxConcurrentJobs).isEqualTo(2);
    }

    @Test
    void everyHomeSettingRoundTripsIntoConfigJsonKeepingWhatItDoesNotKnow() throws Exception {
        Files.createDirectories(home());
        Files.writeString(home().resolve("config.json"), "{\"last_template\": \"tiny\", \"from_a_newer_build\": [1, 2],"
                + " \"settings\": {\"future_setting\": \"kept\"}}");
        Path out = tmp.resolve("listings");
        for (String[] kv : List.of(new String[] {"backup_keep_count", "5"}, new String[] {"cache_cap_mb", "2GB"},
                new String[] {"archive_retention_days", "2w"}, new String[] {"history_keep_days", "30"},
                new String[] {"default_output_folder", out.toString()},
                new String[] {"default_output_mode", "grouped"})) {
            TinyRuns.Outcome r = cli("set", kv[0], kv[1]);
            assertThat(r.exit()).as(kv[0] + ": " + r.err()).isZero();
        }
        HomeSettings h = HomeSettings.load(new ConfigStore(home().resolve("config.json")));
        assertThat(h).isEqualTo(new HomeSettings(5, 2048, 14, 30, out, OutputMode.GROUPED));
        assertThat(getJson("cache_cap_mb").path("value").asLong()).isEqualTo(2048);
        assertThat(getJson("default_output_folder").path("value").asText()).isEqualTo(out.toString());
        assertThat(getJson("default_output_mode").path("set").asBoolean()).isTrue();

        JsonNode config = Json.mapper().readTree(home().resolve("config.json").toFile());
        assertThat(config.path("last_template").asText()).isEqualTo("tiny");
        assertThat(config.path("from_a_newer_build")).hasSize(2);
        assertThat(config.path("settings").path("future_setting").asText()).isEqualTo("kept");
        assertThat(config.path("settings").path("history_keep_days").asInt()).isEqualTo(30);

        TinyRuns.Outcome reset = cli("reset", "default_output_mode");
        assertThat(reset.out()).isEqualTo("default_output_mode = - (default)\n");
        config = Json.mapper().readTree(home().resolve("config.json").toFile());
        assertThat(config.path("settings").has("default_output_mode")).isFalse();
        assertThat(config.path("settings").path("future_setting").asText()).isEqualTo("kept");
        // setting a home value takes no lock and makes no queue
        assertThat(home().resolve("queue_state.json")).doesNotExist();
    }

    @Test
    void aBadValueIsRefusedWithOneLineAndChangesNothing() throws Exception {
        assertThat(cli("set", "history_keep_days", "45").exit()).isZero();
        assertThat(cli("set", "job_timeout", "1h").exit()).isZero();
        byte[] config = Files.readAllBytes(home().resolve("config.json"));
        String queue = Json.mapper().writeValueAsString(QueueStateStore.read(Home.at(home())).state().queueSettings);

        TinyRuns.Outcome r = cli("set", "max_concurrent_jobs", "65");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("stl-listing: max_concurrent_jobs: 65 is out of range; allowed 1 to 64 jobs\n");
        r = cli("set", "job_timeout", "8d");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("stl-listing: job_timeout: 8d (691200 seconds) is out of range; allowed 0 to "
                + "604800 seconds\n");
        r = cli("set", "history_keep_days", "soon");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("stl-listing: history_keep_days: \"soon\" is not a number of days; allowed 1 to "
                + "36500 days").hasLineCount(1);
        r = cli("set", "default_output_mode", "sideways");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("per-model, flat or grouped").hasLineCount(1);
        r = cli("set", "default_output_folder", home().resolve("out").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("stl-listing: default_output_folder: " + home().resolve("out")
                + " is inside the application home " + home() + "; choose a folder outside it\n");
        // also through a symbolic link to the home
        Path link = Files.createSymbolicLink(tmp.resolve("link-to-home"), home());
        r = cli("set", "default_output_folder", link.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is inside the application home");

        assertThat(Files.readAllBytes(home().resolve("config.json"))).isEqualTo(config);
        assertThat(Json.mapper().writeValueAsString(QueueStateStore.read(Home.at(home())).state().queueSettings))
                .isEqualTo(queue);
    }

    @Test
    void anUnreadableConfigJsonIsNotOverwrittenByAHomeSetting() throws Exception {
        Files.createDirectories(home());
        String broken = "{\"last_template\": \"tiny\", \"window\": {\"x\": 10, ";
        Files.writeString(home().resolve("config.json"), broken);

        TinyRuns.Outcome r = cli("set", "cache_cap_mb", "2GB");

        assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).startsWith("stl-listing: " + home().resolve("config.json") + " cannot be read (")
                .endsWith("); nothing was changed: repair or move it, then try again\n").hasLineCount(1);
        assertThat(Files.readString(home().resolve("config.json"))).isEqualTo(broken);
        // reading still works, with the defaults
        assertThat(cli("get", "cache_cap_mb").exit()).isZero();
    }

    @Test
    void anUnknownKeyListsTheKnownOnes() {
        for (String[] args : List.of(new String[] {"get", "max_jobs"}, new String[] {"set", "max_jobs", "3"},
                new String[] {"reset", "max_jobs"})) {
            TinyRuns.Outcome r = cli(args);
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).isEqualTo("stl-listing: no setting \"max_jobs\"; known: "
                    + String.join(", ", Setting.keys()) + "\n");
        }
    }
}
