package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.queue.QueueStateStore;

/**
 * While a real second process holds the home, it owns the queue: its settings are refused with that process's pid
 * (exit 3), while the home's settings can still be changed and every setting read.
 */
class SettingsLockProcessTest {
    @TempDir
    Path tmp;

    @Test
    void aHeldHomeRefusesQueueSettingsNamingTheHolderAndAllowsHomeSettingsAndReading() throws Exception {
        Path home = tmp.resolve("home");
        assertThat(TinyRuns.cli("--home", home.toString(), "settings", "set", "max_concurrent_jobs", "3").exit())
                .isZero();
        Path release = tmp.resolve("release");
        Process holder = InstanceLockProcessTest.contender(home, release, tmp.resolve("holder"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Path out = tmp.resolve("holder/out");
            while (!(Files.exists(out) && Files.readString(out).contains("HOLDING")) && holder.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.readString(out)).contains("HOLDING " + holder.pid());
            String queueBefore = Json.mapper().writeValueAsString(
                    QueueStateStore.read(Home.at(home)).state().queueSettings);

            for (String[] set : new String[][] {{"set", "max_concurrent_jobs", "4"}, {"set", "job_timeout", "1h"},
                {"reset", "min_free_disk_mb"}}) {
                String[] args = new String[3 + set.length];
                args[0] = "--home";
                args[1] = home.toString();
                args[2] = "settings";
                System.arraycopy(set, 0, args, 3, set.length);
                TinyRuns.Outcome r = TinyRuns.cli(args);
                assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.LOCKED);
                assertThat(r.err()).isEqualTo("stl-listing: " + set[1] + " is a setting of the queue, which another "
                        + "instance (pid " + holder.pid() + ") owns in " + home + "; change it when that instance "
                        + "has finished, or in it\n");
            }
            assertThat(Json.mapper().writeValueAsString(QueueStateStore.read(Home.at(home)).state().queueSettings))
                    .isEqualTo(queueBefore);

            TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "settings", "set", "cache_cap_mb", "2GB");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(HomeSettings.load(new ConfigStore(home.resolve("config.json"))).cacheCapMb()).isEqualTo(2048);
            r = TinyRuns.cli("--home", home.toString(), "settings", "list");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("3 jobs *").contains("2048 MB *");
            r = TinyRuns.cli("--home", home.toString(), "settings", "get", "max_concurrent_jobs", "--json");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(Json.mapper().readTree(r.out()).path("value").asInt()).isEqualTo(3);
        } finally {
            Files.writeString(release, "");
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        // once the holder is gone the queue setting can be changed
        assertThat(TinyRuns.cli("--home", home.toString(), "settings", "set", "max_concurrent_jobs", "4").exit())
                .isZero();
    }
}
