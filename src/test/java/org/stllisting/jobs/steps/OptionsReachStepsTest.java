package org.stllisting.jobs.steps;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.template.JobSettings;
import org.stllisting.jobs.template.OptionKey;
import org.stllisting.jobs.template.SettingsResolver;
import org.stllisting.jobs.template.Template;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.output.ModelOutputs;
import org.stllisting.output.NamingOptions;
import org.stllisting.output.OutputFiles;
import org.stllisting.output.OutputLayout;
import org.stllisting.output.OutputMode;
import org.stllisting.store.Json;
import org.stllisting.store.queue.JobDto;

/**
 * Walks the vocabulary of options: for every key a template accepts, a job of every step run with that key
 * changed (and nothing else) produces different files or results than the same job without the change. So no
 * accepted option is silently ignored by the steps.
 */
class OptionsReachStepsTest {
    /** Small, fast settings every run starts from. */
    private static final Map<String, Object> BASE_RENDER = Map.of("width", 48, "height", 36, "quality", "draft",
            "colors", List.of("#D32F2F"), "video_size", 32, "video_seconds", 0.25, "video_fps", 8);

    /** A valid value other than the base's, for every key (kept small: these are rendered). */
    private static final Map<OptionKey, Object> OTHER = Map.ofEntries(
            entry(OptionKey.WIDTH, 64), entry(OptionKey.HEIGHT, 40), entry(OptionKey.MATERIAL, "metal"),
            entry(OptionKey.COLOR, "#112233"), entry(OptionKey.LIGHTING, "dramatic"),
            entry(OptionKey.BACKGROUND, "transparent"), entry(OptionKey.AZIMUTH, 120.0),
            entry(OptionKey.ELEVATION, 60.0), entry(OptionKey.UP_AXIS, "y"), entry(OptionKey.PROJECTION, "orthographic"),
            entry(OptionKey.QUALITY, "standard"), entry(OptionKey.PRESET, "4:3"),
            entry(OptionKey.GENERATE_IMAGE, false), entry(OptionKey.GENERATE_SIZE_CHART, false),
            entry(OptionKey.GENERATE_VIDEO, false), entry(OptionKey.GENERATE_COLOR_VARIATIONS, false),
            entry(OptionKey.COLORS, List.of("#1976D2")), entry(OptionKey.VIDEO_SECONDS, 0.5),
            entry(OptionKey.VIDEO_FPS, 12), entry(OptionKey.VIDEO_SIZE, 48), entry(OptionKey.LEVEL, "strict"),
            entry(OptionKey.AUTO_REPAIR, false), entry(OptionKey.REMOVE_SMALL_FRAGMENTS, true),
            entry(OptionKey.DENSITY, 7.85));

    @TempDir
    Path tmp;

    @Test
    void everyAcceptedKeyChangesWhatTheStepsProduce() throws Exception {
        assertThat(OTHER.keySet()).as("a value for every key of the vocabulary")
                .containsExactlyInAnyOrder(OptionKey.values());
        // a part with a loose fragment, so that the repair has something that remove_small_fragments removes
        Path source = tmp.resolve("part.stl");
        StlWriter.writeBinary(MeshDamage.combine(MeshGenerators.cylinder(10, 20, 24),
                MeshDamage.translate(MeshGenerators.box(1, 1, 1), 30, 0, 0)), source);
        Map<String, String> base = run(source, Map.of());
        assertThat(run(source, Map.of())).as("the same settings make the same files").isEqualTo(base);
        List<String> ignored = new ArrayList<>();
        for (OptionKey k : OptionKey.values()) {
            if (run(source, Map.of(k, OTHER.get(k))).equals(base)) {
                ignored.add(k.section().field() + "." + k.key());
            }
        }
        assertThat(ignored).as("options accepted but changing nothing the steps produce").isEmpty();
    }

    /** Runs every step of one job with the base settings and {@code change}; its files and results by name. */
    private Map<String, String> run(Path source, Map<OptionKey, Object> change) throws Exception {
        Template t = new Template();
        t.name = "walk";
        t.renderOptions = new LinkedHashMap<>(BASE_RENDER);
        change.forEach((k, v) -> (k.section() == OptionKey.Section.RENDER ? t.renderOptions : t.validationOptions)
                .put(k.key(), v));
        JobSettings settings = SettingsResolver.resolve(t, null, null, null, null);
        Path dir = tmp.resolve("run");
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        OutputLayout layout = new OutputLayout(dir.resolve("out"), OutputMode.PER_MODEL, NamingOptions.defaults());
        ModelOutputs outputs = layout.model("part", Instant.EPOCH);
        ProcessingState state = new ProcessingState();
        StepContext ctx = new StepContext(JobDto.pending("job", source.toString()), t, settings, source, outputs,
                Files.createDirectories(dir.resolve("cache")), state, 1, (step, fraction, message) -> { }, line -> { });
        StepSet steps = new ListingSteps();
        Map<String, String> made = new TreeMap<>();
        try {
            for (StepKind k : StepKind.values()) {
                ctx.begin(k);
                steps.step(k).run(ctx);
                for (Path[] pair : ctx.staged()) {
                    OutputFiles.commit(pair[0], pair[1]);
                    made.put(k.id() + ": " + layout.root().relativize(pair[1]), sha256(pair[1]));
                }
                ProcessingState.StepRecord rec = new ProcessingState.StepRecord();
                rec.results = new LinkedHashMap<>(ctx.results());
                state.completedSteps.put(k.id(), rec);
                made.put(k.id() + ": results", Json.mapper().writeValueAsString(rec.results));
            }
        } finally {
            steps.release(ctx);
        }
        return made;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
