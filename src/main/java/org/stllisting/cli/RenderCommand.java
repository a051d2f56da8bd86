package org.stllisting.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.analyze.UnitScale;
import org.stllisting.mesh.io.MeshReadException;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.render.RenderException;
import org.stllisting.render.RenderOptions;
import org.stllisting.render.RenderService;
import org.stllisting.render.TurntableOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stl-listing render} (README, Command line): one product render, size chart or turntable video of one STL file. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render one image, size chart or turntable video (an .mp4 output means turntable).")
public final class RenderCommand implements Callable<Integer> {
    /** Only on failures: starting the logging system costs more than a small render. */
    private static Logger log() {
        return LoggerFactory.getLogger(RenderCommand.class);
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The STL file (binary or ASCII).")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "OUT.png or OUT.mp4.")
    Path out;

    @Option(names = "--kind", paramLabel = "KIND", description = "render, size-chart or turntable (default: from OUT).")
    String kind;

    @Option(names = "--width", paramLabel = "W", description = "Width in pixels (default 1920; 1080 for video).")
    Integer width;

    @Option(names = "--height", paramLabel = "H", description = "Height in pixels (default 1080; 1080 for video).")
    Integer height;

    @Option(names = "--material", paramLabel = "M", completionCandidates = ChoiceWords.Materials.class,
            description = "${COMPLETION-CANDIDATES}.")
    String material;

    @Option(names = "--color", paramLabel = "C", description = "Model color as #RRGGBB.")
    String color;

    @Option(names = "--lighting", paramLabel = "L", completionCandidates = ChoiceWords.Lightings.class,
            description = "${COMPLETION-CANDIDATES}.")
    String lighting;

    @Option(names = "--background", paramLabel = "B",
            description = "color:#RRGGBB, gradient:#top,#bottom, transparent or image:/path.")
    String background;

    @Option(names = "--azimuth", paramLabel = "A", description = "Degrees around the up axis (default 35).")
    Double azimuth;

    @Option(names = "--elevation", paramLabel = "E", description = "Degrees above the floor (default 24).")
    Double elevation;

    @Option(names = "--preset", paramLabel = "P", completionCandidates = ChoiceWords.Presets.class,
            description = "${COMPLETION-CANDIDATES} (2000x2000, 2000x1500).")
    String preset;

    @Option(names = "--quality", paramLabel = "Q", completionCandidates = ChoiceWords.Qualities.class,
            description = "${COMPLETION-CANDIDATES} (anti-aliasing).")
    String quality;

    @Option(names = "--up", paramLabel = "AXIS", completionCandidates = ChoiceWords.UpAxes.class,
            description = "${COMPLETION-CANDIDATES} (default z).")
    String up;

    @Option(names = "--projection", paramLabel = "P", completionCandidates = ChoiceWords.Projections.class,
            description = "${COMPLETION-CANDIDATES} (default perspective).")
    String projection;

    @Option(names = "--name", paramLabel = "NAME", description = "Title of the size chart (default: file name).")
    String name;

    @Option(names = "--seconds", paramLabel = "S", description = "Turntable length (default 8).")
    Double seconds;

    @Option(names = "--fps", paramLabel = "N", description = "Turntable frames per second (default 30).")
    Integer fps;

    @Option(names = "--threads", paramLabel = "N", description = "Render threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        String outName = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        String k = kind != null ? kind.toLowerCase(Locale.ROOT) : outName.endsWith(".mp4") ? "turntable" : "render";
        if (!k.equals("render") && !k.equals("size-chart") && !k.equals("turntable")) {
            err.println("stl-listing: unknown --kind '" + kind + "' (use render, size-chart or turntable)");
            return ExitCodes.USAGE;
        }
        boolean video = k.equals("turntable");
        if (video != outName.endsWith(".mp4") || (!video && !outName.endsWith(".png"))) {
            err.println("stl-listing: " + out + ": " + (video ? "a turntable is written as .mp4" : "a "
                    + k + " is written as .png"));
            return ExitCodes.USAGE;
        }
        RenderOptions o = options();
        TurntableOptions t = TurntableOptions.defaults();
        if (video) {
            t = t.withSize(width != null ? width : t.width(), height != null ? height : t.height())
                    .withLength(seconds != null ? seconds : t.seconds(), fps != null ? fps : t.fps());
            if (quality != null) {
                t = t.withQuality(quality);
            }
        }
        try {
            o.validate();
        } catch (RenderException e) {
            err.println("stl-listing: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Mesh mesh;
        try {
            mesh = StlReader.read(file);
        } catch (MeshReadException e) {
            log().info("cannot read {}", file, e);
            err.println("stl-listing: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        int n = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        List<String> warnings = new ArrayList<>(UnitScale.warning(mesh).stream().toList());
        try (RenderService rs = new RenderService(n)) {
            switch (k) {
                case "turntable" -> rs.turntable(mesh, o, t, out, null);
                case "size-chart" -> warnings.addAll(rs.sizeChart(mesh, o, name != null ? name : stem(file), out));
                default -> rs.renderImage(mesh, o, out);
            }
        } catch (InterruptedIOException e) {
            err.println("stl-listing: " + file + ": render cancelled");
            return ExitCodes.FAILED;
        } catch (RenderException | IOException e) {
            log().error("render of {} failed", file, e);
            err.println("stl-listing: " + file + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        for (String w : warnings) {
            err.println("stl-listing: warning: " + file + ": " + w);
        }
        err.flush();
        stdout.printf(Locale.ROOT, "%s: wrote %s (%.2f s)%n", file.getFileName(), out,
                (System.nanoTime() - t0) / 1e9);
        stdout.flush();
        return ExitCodes.OK;
    }

    private RenderOptions options() {
        RenderOptions o = RenderOptions.defaults();
        o = o.withSize(width != null ? width : o.width(), height != null ? height : o.height());
        if (material != null) {
            o = o.withMaterial(material);
        }
        if (color != null) {
            o = o.withColor(color);
        }
        if (lighting != null) {
            o = o.withLighting(lighting);
        }
        if (background != null) {
            o = o.withBackground(background);
        }
        if (azimuth != null) {
            o = o.withAzimuth(azimuth);
        }
        if (elevation != null) {
            o = o.withElevation(elevation);
        }
        if (preset != null) {
            o = o.withPreset(preset);
        }
        if (quality != null) {
            o = o.withQuality(quality);
        }
        if (up != null) {
            o = o.withUpAxis(up.toLowerCase(Locale.ROOT));
        }
        if (projection != null) {
            o = o.withProjection(projection);
        }
        return o;
    }

    private static String stem(Path p) {
        String s = p.getFileName() == null ? "model" : p.getFileName().toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
