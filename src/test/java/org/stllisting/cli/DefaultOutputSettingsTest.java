package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.stllisting.output.OutputMode;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.queue.QueueStateStore;

/**
 * The home's default output folder and mode: where and how a new session writes when the command names neither,
 * and the order in which the command, the template and the home decide.
 */
class DefaultOutputSettingsTest {
    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    /** A user template of quick steps (no renders) that names {@code mode}, or no mode when null. */
    private void template(String name, String mode) throws Exception {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("version", 2);
        t.put("name", name);
        t.put("display_name", name);
        t.put("steps", List.of("load", "validate", "analyze", "finalize"));
        t.put("render_options", Map.of());
        t.put("validation_options", Map.of("level", "basic"));
        if (mode != null) {
            t.put("output_options", Map.of("mode", mode));
        }
        Files.createDirectories(home().resolve("templates"));
        Files.write(home().resolve("templates/" + name + ".json"), Json.mapper().writeValueAsBytes(t));
    }

    private void set(String key, String value) {
        TinyRuns.Outcome r = TinyRuns.cli("--home", home().toString(), "settings", "set", key, value);
        assertThat(r.exit()).as(r.err()).isZero();
    }

    /** The output mode of a new session started with {@code template} and {@code mode} (null: none asked). */
    private OutputMode startedMode(String template, OutputMode mode) throws Exception {
        try (AppContext ctx = AppContext.exclusive(Home.at(home()))) {
            ctx.session("cli").start(new SessionService.Start(ctx.templates().require(template), tmp.resolve("o"), mode,
                    null));
            return OutputMode.parse(ctx.queue().snapshot().queueSettings.outputMode);
        }
    }

    @Test
    void theModeAskedForThenTheTemplatesThenTheHomesThenPerModel() throws Exception {
        template("unnamed", null);
        template("grouped", "grouped");
        assertThat(startedMode("unnamed", null)).isEqualTo(OutputMode.PER_MODEL);
        set("default_output_mode", "flat");
        assertThat(startedMode("unnamed", null)).isEqualTo(OutputMode.FLAT);
        assertThat(startedMode("grouped", null)).isEqualTo(OutputMode.GROUPED);
        assertThat(startedMode("unnamed", OutputMode.PER_MODEL)).isEqualTo(OutputMode.PER_MODEL);
        TinyRuns.Outcome show = TinyRuns.cli("--home", home().toString(), "templates", "show", "unnamed");
        assertThat(show.out()).contains("Output:     mode not named (the home's default_output_mode, else per-model)");
    }

    @Test
    void aRunWithoutOutWritesIntoTheDefaultOutputFolderInTheDefaultMode() throws Exception {
        template("checks", null);
        Path out = tmp.resolve("listings");
        set("default_output_folder", out.toString());
        set("default_output_mode", "flat");
        Path src = tmp.resolve("src");
        TinyRuns.models(src, 1);

        TinyRuns.Outcome r = TinyRuns.cli("--home", home().toString(), "run", src.toString(), "--template", "checks");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("into " + out);
        assertThat(out.resolve("model_00_analysis.json")).exists();
        assertThat(out.resolve("model_00")).doesNotExist();
        assertThat(QueueStateStore.read(Home.at(home())).state().queueSettings.outputBaseFolder)
                .isEqualTo(out.toString());

        // --out still wins over the setting
        Path asked = tmp.resolve("asked");
        Path more = tmp.resolve("more");
        Files.createDirectories(more);
        Files.copy(src.resolve("model_00.stl"), more.resolve("other.stl"));
        r = TinyRuns.cli("--home", home().toString(), "run", more.toString(), "--template", "checks", "--out",
                asked.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(asked.resolve("other_analysis.json")).exists();
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("other"));
        }
    }

    @Test
    void aDefaultFolderInsideTheHomeWrittenByHandIsRefusedByRun() throws Exception {
        template("checks", null);
        Path inside = home().resolve("cache/out");
        Files.writeString(home().resolve("config.json"), "{\"settings\": {\"default_output_folder\": \""
                + inside + "\"}}");
        Path src = tmp.resolve("src");
        TinyRuns.models(src, 1);

        TinyRuns.Outcome r = TinyRuns.cli("--home", home().toString(), "run", src.toString(), "--template", "checks");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("stl-listing: default_output_folder in " + home().resolve("config.json") + ": "
                + inside + " is inside the application home " + home() + "; choose a folder outside it\n");
        assertThat(inside).doesNotExist();
        assertThat(home().resolve("queue_state.json")).doesNotExist();
    }
}
