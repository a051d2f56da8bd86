package org.stllisting.jobs.steps;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.analyze.MeshAnalysis;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.analyze.UnitScale;
import org.stllisting.mesh.io.MeshReadException;
import org.stllisting.mesh.io.StlFile;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.mesh.repair.MeshRepairer;
import org.stllisting.mesh.repair.RepairOptions;
import org.stllisting.mesh.repair.RepairResult;
import org.stllisting.mesh.validate.MeshValidator;
import org.stllisting.mesh.validate.ValidationLevel;
import org.stllisting.mesh.validate.ValidationReport;
import org.stllisting.jobs.queue.SourceIdentity;
import org.stllisting.jobs.template.MediaSettings;
import org.stllisting.jobs.template.OptionKey;
import org.stllisting.jobs.template.ValidationSettings;
import org.stllisting.output.ModelOutputs;
import org.stllisting.output.OutputFiles;
import org.stllisting.output.OutputOrganizer;
import org.stllisting.output.RenderTags;
import org.stllisting.output.SourceFileInfo;
import org.stllisting.render.RenderException;
import org.stllisting.render.Quality;
import org.stllisting.render.RenderOptions;
import org.stllisting.render.RenderService;
import org.stllisting.render.TurntableOptions;
import org.stllisting.store.Json;

/**
 * The product's steps: read, validate, repair, measure, render, size chart, color variations, turntable,
 * finalize. Every later step reads the mesh from a file a completed step left behind (the source, or the
 * repaired mesh once repair has run), never from memory carried over from before a crash, so a resumed
 * job computes exactly what an uninterrupted one does. Render steps retry once with fallback settings
 * (half the size, draft anti-aliasing) before failing. Stateless; per-job state lives in the
 * {@link StepContext}.
 */
public final class ListingSteps implements StepSet {
    private static final String MESH = "mesh";

    @Override
    public JobStep step(StepKind kind) {
        return switch (kind) {
            case LOAD -> ListingSteps::load;
            case VALIDATE -> ListingSteps::validate;
            case REPAIR -> ListingSteps::repair;
            case ANALYZE -> ListingSteps::analyze;
            case RENDER -> ListingSteps::render;
            case SIZE_CHART -> ListingSteps::sizeChart;
            case COLOR_VARIATIONS -> ListingSteps::colorVariations;
            case VIDEO -> ListingSteps::video;
            case FINALIZE -> ListingSteps::finalizeJob;
        };
    }

    // ------------------------------------------------------------------------------------------ steps

    static void load(StepContext ctx) throws Exception {
        Path src = ctx.source();
        if (!Files.isRegularFile(src)) {
            throw new StepFailedException(src + ": the source file no longer exists", true);
        }
        String sha = SourceIdentity.sha256(src);
        String expected = ctx.job().sourceSha256;
        if (expected != null && !expected.equals(sha)) {
            throw new StepFailedException(src + ": the file changed since this job started; retry it to process"
                    + " the new version", true);
        }
        StlFile f;
        try {
            f = StlReader.readFile(src);
        } catch (MeshReadException e) {
            throw new StepFailedException(e.getMessage(), true, e);
        }
        ctx.memo(MESH, f::mesh);
        LoadResult r = new LoadResult(sha, Files.size(src), Files.getLastModifiedTime(src).toInstant(),
                f.format().name().toLowerCase(Locale.ROOT), f.solids(), f.mesh().facetCount(),
                f.mesh().vertexCount());
        ctx.result(r);
        for (String w : f.warnings()) {
            ctx.warn(w);
        }
        ctx.log("read " + f.mesh().facetCount() + " facets (" + r.format() + ")");
    }

    static void validate(StepContext ctx) throws Exception {
        Mesh mesh = mesh(ctx);
        ValidationLevel level = ctx.settings().validation().level();
        ValidationReport report = MeshValidator.validate(mesh, level);
        OutputFiles.writeNew(ctx.stage(ctx.outputs().validation()), Json.mapper().writeValueAsBytes(report));
        ctx.result(new ValidateResult(report.passed(), level.id(), report.openEdges(),
                report.holes(), report.nonManifoldEdges(), report.reversedFacets(), report.shells(),
                StepWarnings.problems(report)));
        StepWarnings.validation(report).forEach(ctx::warn);
        ctx.log("validation " + (report.passed() ? "passed" : "failed") + " (" + level + ")"
                + (report.warnings().isEmpty() ? "" : ": " + String.join("; ", report.warnings())));
    }

    static void repair(StepContext ctx) throws Exception {
        Map<String, Object> r = ctx.results();
        ValidationSettings settings = ctx.settings().validation();
        if (!settings.autoRepair()) {
            r.put("skipped", true);
            ctx.log("repair skipped (auto_repair is off)");
            return;
        }
        Mesh mesh = mesh(ctx);
        // the mesh comes from StlReader, which merges exactly-equal vertices as it reads
        RepairOptions options = RepairOptions.defaults().withVerticesMerged(true);
        if (settings.removeSmallFragments()) {
            options = options.withMinShellFacets(OptionKey.SMALL_FRAGMENT_FACETS);
        }
        RepairResult result = MeshRepairer.repair(mesh, options);
        ModelOutputs out = ctx.outputs();
        StlWriter.writeBinary(result.mesh(), ctx.stage(out.repairedMesh()),
                "repaired by STL Listing Tool: " + out.name());
        OutputFiles.writeNew(ctx.stage(out.repairReport()), Json.mapper().writeValueAsBytes(result.report()));
        r.put("mesh_file", out.layout().root().relativize(out.repairedMesh()).toString().replace('\\', '/'));
        r.put("changed", result.report().changed());
        r.put("watertight", result.report().watertight());
        r.put("facets_removed", result.report().facetsRemoved());
        r.put("facets_added", result.report().facetsAdded());
        r.put("facets_reversed", result.report().facetsReversed());
        r.put("holes_filled", result.report().holesFilled());
        // the job's verdict: does the repaired mesh pass the template's level? (unchanged: as validation found it)
        ValidateResult before = ctx.resultOf(StepKind.VALIDATE, ValidateResult.class);
        List<String> problems;
        if (!result.report().changed() && before != null && before.passed() != null) {
            problems = before.problemsSaid();
        } else {
            problems = StepWarnings.problems(MeshValidator.validate(result.mesh(), settings.level()));
        }
        r.put("passed_after", problems.isEmpty());
        r.put("problems", problems);
        StepWarnings.repair(result.report()).forEach(ctx::warn);
        // later steps read the repaired file, as they would after a resume
        ctx.forget(MESH);
        ctx.log("repair " + (result.report().changed() ? "changed the mesh" : "found nothing to change") + "; "
                + (problems.isEmpty() ? "the mesh passes " + settings.level().id() + " validation"
                        : "still fails " + settings.level().id() + " validation: " + String.join("; ", problems)));
    }

    static void analyze(StepContext ctx) throws Exception {
        Mesh mesh = mesh(ctx);
        double density = ctx.settings().analysis().densityGPerCm3();
        MeshAnalysis a = MeshAnalyzer.analyze(mesh, density);
        ModelOutputs out = ctx.outputs();
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("model", out.name());
        analysis.put("source", ctx.source().toString());
        analysis.put("analysis", a);
        double largest = Math.max(a.sizeMm()[0], Math.max(a.sizeMm()[1], a.sizeMm()[2]));
        List<String> notes = UnitScale.warning(largest).stream().toList();
        analysis.put("unit_warnings", notes);
        for (String n : notes) {
            ctx.warn(n);
        }
        OutputFiles.writeNew(ctx.stage(out.analysis()), Json.mapper().writeValueAsBytes(analysis));
        Map<String, Object> dims = new LinkedHashMap<>();
        dims.put("model", out.name());
        dims.put("size_mm", a.sizeMm());
        dims.put("size_in", a.sizeIn());
        dims.put("bbox_min", a.bboxMin());
        dims.put("bbox_max", a.bboxMax());
        dims.put("volume_mm3", a.volumeMm3());
        dims.put("area_mm2", a.areaMm2());
        dims.put("material_grams", a.materialGrams());
        dims.put("density_g_per_cm3", density);
        OutputFiles.writeNew(ctx.stage(out.dimensions()), Json.mapper().writeValueAsBytes(dims));
        Map<String, Object> r = ctx.results();
        r.put("size_mm", a.sizeMm());
        r.put("volume_mm3", a.volumeMm3());
        r.put("material_grams", a.materialGrams());
        r.put("watertight", a.watertight());
        ctx.log(String.format(Locale.ROOT, "size %.1f x %.1f x %.1f mm, %.0f mm3, %.1f g", a.sizeMm()[0],
                a.sizeMm()[1], a.sizeMm()[2], a.volumeMm3(), a.materialGrams()));
    }

    static void render(StepContext ctx) throws Exception {
        if (!ctx.settings().media().image()) {
            ctx.results().put("skipped", true);
            return;
        }
        Mesh mesh = mesh(ctx);
        RenderOptions o = ctx.settings().render().toRenderOptions();
        withFallback(ctx, o, (service, opts) -> {
            Path target = ctx.outputs().render(tags(opts));
            service.renderImage(mesh, opts, ctx.stage(target));
        });
    }

    static void sizeChart(StepContext ctx) throws Exception {
        if (!ctx.settings().media().sizeChart()) {
            ctx.results().put("skipped", true);
            return;
        }
        Mesh mesh = mesh(ctx);
        RenderOptions o = ctx.settings().render().toRenderOptions();
        List<String> warnings = new ArrayList<>();
        withFallback(ctx, o, (service, opts) -> {
            Path target = ctx.outputs().sizeChart(tags(opts));
            warnings.clear();
            warnings.addAll(service.sizeChart(mesh, opts, ctx.outputs().name(), ctx.stage(target)));
        });
        warnings.forEach(ctx::warn);
    }

    static void colorVariations(StepContext ctx) throws Exception {
        if (!ctx.settings().media().colorVariations()) {
            ctx.results().put("skipped", true);
            return;
        }
        Mesh mesh = mesh(ctx);
        RenderOptions o = ctx.settings().render().toRenderOptions();
        List<String> colors = ctx.settings().media().colors();
        // two colors with the same everyday name (two reds) keep their hex code in the file name
        Map<String, Integer> names = new LinkedHashMap<>();
        for (String c : colors) {
            names.merge(org.stllisting.output.FileNames.colorPart(c), 1, Integer::sum);
        }
        withFallback(ctx, o, (service, opts) -> {
            for (int i = 0; i < colors.size(); i++) {
                String color = colors.get(i);
                ctx.progress((double) i / colors.size(), "Rendering color " + color);
                String label = names.get(org.stllisting.output.FileNames.colorPart(color)) > 1
                        ? color.replace("#", "") : color;
                Path target = ctx.outputs().colorVariation(label, tags(opts));
                service.colorVariation(mesh, opts, color, ctx.stage(target));
            }
        });
        ctx.results().put("colors", colors);
    }

    static void video(StepContext ctx) throws Exception {
        MediaSettings media = ctx.settings().media();
        if (!media.video()) {
            ctx.results().put("skipped", true);
            return;
        }
        Mesh mesh = mesh(ctx);
        RenderOptions o = ctx.settings().render().toRenderOptions();
        int size = media.videoSize();
        TurntableOptions video = TurntableOptions.defaults().withSize(size, size)
                .withLength(media.videoSeconds(), media.videoFps())
                .withQuality(ctx.settings().render().quality() == Quality.DRAFT ? Quality.DRAFT.id() : Quality.STANDARD.id()); // hundreds of frames: never more than 4 samples
        Map<String, Object> r = ctx.results();
        try (RenderService service = new RenderService(ctx.renderThreads())) {
            Path target = ctx.outputs().video(tags(o.withSize(video.evenWidth(), video.evenHeight())));
            try {
                service.turntable(mesh, o, video, ctx.stage(target), f -> ctx.progress(f, "Encoding the turntable"));
            } catch (RenderException | IOException | OutOfMemoryError e) {
                if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                TurntableOptions small = video.withSize(Math.max(160, size / 2), Math.max(160, size / 2))
                        .withQuality(Quality.DRAFT.id());
                ctx.warn("the turntable failed (" + message(e) + "); made it again at " + small.evenWidth() + "x"
                        + small.evenHeight() + " draft");
                Files.deleteIfExists(ctx.stage(target));
                ctx.staged().remove(ctx.staged().size() - 1);
                target = ctx.outputs().video(tags(o.withSize(small.evenWidth(), small.evenHeight()).withQuality(Quality.DRAFT.id())));
                service.turntable(mesh, o.withQuality(Quality.DRAFT.id()), small, ctx.stage(target),
                        f -> ctx.progress(f, "Encoding the turntable (fallback)"));
                r.put("fallback", true);
            }
        }
        r.put("seconds", video.seconds());
        r.put("fps", video.fps());
    }

    static void finalizeJob(StepContext ctx) throws Exception {
        ModelOutputs out = ctx.outputs();
        LoadResult load = ctx.resultOf(StepKind.LOAD, LoadResult.class);
        ValidateResult validation = ctx.resultOf(StepKind.VALIDATE, ValidateResult.class);
        Path src = ctx.source();
        SourceFileInfo info = new SourceFileInfo(out.name(), src.toString(), src.getFileName().toString(),
                load == null || load.sizeBytes() == null ? 0L : load.sizeBytes(),
                Files.getLastModifiedTime(src).toInstant(), load == null ? null : load.sha256(),
                load == null ? null : load.format(), load == null ? null : load.facets(),
                validation == null ? null : validation.passed(), null, null);
        SourceFileInfo written = OutputOrganizer.linkSource(out, src, info);
        ctx.results().put("link", written.link());
        if (written.linkError() != null) {
            ctx.warn("no link to the source: " + written.linkError() + "; file_info.json records its path");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    @FunctionalInterface
    interface RenderWork {
        void run(RenderService service, RenderOptions options) throws IOException, RenderException;
    }

    /** Runs the work; when it fails (not cancelled) runs it once more at half size with draft quality. */
    static void withFallback(StepContext ctx, RenderOptions o, RenderWork work) throws Exception {
        try (RenderService service = new RenderService(ctx.renderThreads())) {
            try {
                work.run(service, o);
                ctx.results().put("width", o.effectiveWidth());
                ctx.results().put("height", o.effectiveHeight());
                ctx.results().put("quality", o.quality());
            } catch (RenderException | IOException | OutOfMemoryError e) {
                if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                for (Path[] pair : ctx.staged()) {
                    Files.deleteIfExists(pair[0]);
                }
                ctx.staged().clear();
                RenderOptions fb = fallback(o);
                ctx.warn(ctx.step().id() + " failed (" + message(e) + "); made again with fallback settings "
                        + fb.width() + "x" + fb.height() + " draft");
                work.run(service, fb);
                ctx.results().put("width", fb.width());
                ctx.results().put("height", fb.height());
                ctx.results().put("quality", fb.quality());
                ctx.results().put("fallback", true);
            }
        }
    }

    static RenderOptions fallback(RenderOptions o) {
        int w = Math.max(320, o.effectiveWidth() / 2);
        int h = Math.max(240, o.effectiveHeight() / 2);
        return o.withPreset(null).withSize(w, h).withQuality(Quality.DRAFT.id());
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The mesh later steps work on: the repaired file once repair ran, else the source. */
    static Mesh mesh(StepContext ctx) throws Exception {
        return ctx.memo(MESH, () -> {
            Map<String, Object> repair = ctx.resultsOf(StepKind.REPAIR);
            Path file = repair.get("mesh_file") != null ? ctx.outputs().repairedMesh() : ctx.source();
            try {
                return StlReader.read(file);
            } catch (MeshReadException e) {
                throw new StepFailedException(e.getMessage(), true, e);
            }
        });
    }

    static RenderTags tags(RenderOptions o) {
        return new RenderTags(o.quality(), o.material(), o.effectiveWidth(), o.effectiveHeight());
    }
}
