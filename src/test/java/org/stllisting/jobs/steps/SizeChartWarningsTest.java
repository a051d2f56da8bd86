package org.stllisting.jobs.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.template.JobSettings;
import org.stllisting.jobs.template.SettingsResolver;
import org.stllisting.jobs.template.Template;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.output.ModelOutputs;
import org.stllisting.output.NamingOptions;
import org.stllisting.output.OutputLayout;
import org.stllisting.output.OutputMode;
import org.stllisting.store.queue.JobDto;

/** What the size chart step warns about reaches the job's warnings. */
class SizeChartWarningsTest {
    @TempDir
    Path tmp;

    /**
     * A model named in Chinese: where no installed font can draw its name, the chart is still made and the job
     * says why its title shows boxes; where one can, there is nothing to say.
     */
    @Test
    void aTitleNoFontCanDrawReachesTheJobsWarnings() throws Exception {
        String name = "齿轮支架";
        Path source = tmp.resolve(name + ".stl");
        StlWriter.writeBinary(MeshGenerators.box(30, 20, 10), source);
        Template t = new Template();
        t.name = "chart";
        t.renderOptions = new LinkedHashMap<>(Map.of("width", 320, "height", 180, "quality", "draft"));
        JobSettings settings = SettingsResolver.resolve(t, null, null, null, null);
        OutputLayout layout = new OutputLayout(tmp.resolve("out"), OutputMode.PER_MODEL, NamingOptions.defaults());
        ModelOutputs outputs = layout.model(name, Instant.EPOCH);
        StepContext ctx = new StepContext(JobDto.pending("job", source.toString()), t, settings, source, outputs,
                Files.createDirectories(tmp.resolve("cache")), new ProcessingState(), 1, (s, f, m) -> { }, l -> { });
        ListingSteps steps = new ListingSteps();
        try {
            ctx.begin(StepKind.LOAD);
            steps.step(StepKind.LOAD).run(ctx);
            ctx.begin(StepKind.SIZE_CHART);
            steps.step(StepKind.SIZE_CHART).run(ctx);
            assertThat(ctx.staged()).as("the chart is made").isNotEmpty();
            boolean drawable = false;
            for (var f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()) {
                drawable |= f.canDisplayUpTo(name) == -1;
            }
            if (drawable) {
                assertThat(ctx.warnings()).isEmpty();
            } else {
                assertThat(ctx.warnings()).singleElement().asString().contains(name).contains("boxes");
            }
        } finally {
            steps.release(ctx);
        }
    }
}
