package org.stllisting.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeAndConfigTest {
    @TempDir
    Path dir;

    @Test
    void optionBeatsEnvironmentBeatsDefault() {
        Path opt = dir.resolve("opt");
        Path env = dir.resolve("env");
        Map<String, String> environment = Map.of(Home.ENV, env.toString());
        assertThat(Home.resolve(opt, environment, "/home/u").root()).isEqualTo(opt);
        assertThat(Home.resolve(null, environment, "/home/u").root()).isEqualTo(env);
        assertThat(Home.resolve(null, Map.of(), "/home/u").root()).isEqualTo(Path.of("/home/u/.local/stl_listing_tool"));
    }

    @Test
    void homeLaysOutTheDesignedTree() throws Exception {
        Home h = Home.at(dir.resolve("h")).ensureCreated();
        assertThat(h.configFile().getFileName().toString()).isEqualTo("config.json");
        assertThat(h.queueStateFile().getFileName().toString()).isEqualTo("queue_state.json");
        assertThat(h.historyDb().getFileName().toString()).isEqualTo("job_history.db");
        assertThat(h.queueBackupFile(2)).isEqualTo(h.root().resolve("backups/queue_state_backup_2.json"));
        assertThat(h.jobCacheDir("job_1")).isEqualTo(h.root().resolve("cache/job_cache/job_1"));
        assertThat(h.thumbnailsDir()).isDirectory();
        assertThat(h.logsDir()).isDirectory();
        assertThatThrownBy(() -> h.jobCacheDir("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configKeepsKeysItDoesNotKnow() throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "{\"last_template\":\"quick_preview\",\"theme\":\"dark\",\"recent\":[1,2]}");
        ConfigStore store = new ConfigStore(f);
        store.update(c -> c.lastOutputFolder = "/out");
        String json = Files.readString(f);
        assertThat(json).contains("\"theme\" : \"dark\"").contains("\"last_output_folder\" : \"/out\"")
                .contains("\"last_template\" : \"quick_preview\"");
    }

    @Test
    void unreadableConfigMeansDefaults() throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "{ broken");
        assertThat(new ConfigStore(f).load().lastTemplate).isNull();
    }

    @Test
    void aConfigOverItsSizeLimitIsNotReadAndMeansDefaults() throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "{\"last_template\":\"quick_preview\"}" + " ".repeat(2 << 20));
        assertThat(new ConfigStore(f).load().lastTemplate).isNull();
        Files.writeString(f, "{\"last_template\":\"quick_preview\"}");
        assertThat(new ConfigStore(f).load().lastTemplate).isEqualTo("quick_preview");
    }

    @Test
    void atomicWriteReplacesWholeFilesAndLeavesNoTemporaries() throws Exception {
        Path f = dir.resolve("x.json");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertThat(Files.readString(f)).isEqualTo("second");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("x.json");
        }
    }

    @Test
    void safeNamesRefuseEverythingThatLeavesAFolder() {
        for (String bad : new String[] {"..", "../a", "a/b", "a\\b", "/abs", "C:x", "a\u0000b", "~root"}) {
            assertThat(SafeNames.problem(bad)).as(bad).isNotNull();
        }
        assertThat(SafeNames.problem("shop_2024")).isNull();
        assertThat(SafeNames.problem(null)).isNull();
    }
}
