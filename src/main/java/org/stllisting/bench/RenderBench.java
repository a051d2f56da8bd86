package org.stllisting.bench;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.render.VideoFiles;

/**
 * Rendering and video: a 1920×1080 render of generated 100k / 1M / 5M-facet meshes as a whole process
 * ({@code app/stl-listing render}) next to f3d on the same file (under xvfb-run), a 100k-facet turntable
 * (240 frames at 1080×1080), and encoding those same frames with the product's encoder next to Debian's ffmpeg.
 */
public final class RenderBench implements BenchSuite {
    @Override
    public String name() {
        return "render";
    }

    @Override
    public String title() {
        return "Rendering and video";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        if (BenchContext.productCommand().isEmpty()) {
            ctx.note("The product jar (target/stl-listing.jar) was not found; build it with `mvn -DskipTests package`.");
            return;
        }
        // once, untimed: the launcher's one-time work after a build (its class-data-sharing archive) is no row's
        ctx.time(BenchContext.productCommand("--version").orElseThrow(), 300);
        Optional<Path> f3d = BenchContext.which("f3d");
        Optional<Path> xvfb = BenchContext.which("xvfb-run");
        Optional<Path> ffmpeg = BenchContext.which("ffmpeg");
        int[] sizes = ctx.quick() ? new int[] {20_000, 100_000} : new int[] {100_000, 1_000_000, 5_000_000};

        BenchTable render = new BenchTable("1920×1080 PNG render, whole process (start, read, render, write; "
                + "median of 3, the two tools alternated)",
                "facets", "stl-listing s", "peak RSS MB", "f3d s", "f3d peak RSS MB", "ratio (≤ 0.4 wanted)");
        Path t100k = null;
        for (int facets : sizes) {
            Path stl = ctx.workDir().resolve("torus_" + facets + ".stl");
            StlWriter.writeBinary(torus(facets), stl);
            if (facets == 100_000) {
                t100k = stl;
            }
            Path png = ctx.workDir().resolve("render_" + facets + ".png");
            Path fpng = ctx.workDir().resolve("f3d_" + facets + ".png");
            boolean withF3d = f3d.isPresent() && xvfb.isPresent();
            // on a shared machine one run says little: three rounds, product and f3d alternated, medians compared
            List<Double> ours = new ArrayList<>();
            List<Double> oursRss = new ArrayList<>();
            List<Double> ref = new ArrayList<>();
            List<Double> refRss = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                BenchContext.ToolRun o = ctx.time(BenchContext.productCommand("render", stl.toString(),
                        "--out", png.toString(), "--width", "1920", "--height", "1080").orElseThrow(), 600);
                check(o, "stl-listing render");
                ours.add(o.seconds());
                oursRss.add((double) o.peakRssKb());
                if (withF3d) {
                    BenchContext.ToolRun r = ctx.time(List.of(xvfb.get().toString(), "-a", f3d.get().toString(),
                            "--output=" + fpng, "--resolution=1920,1080", stl.toString()), 600);
                    if (r.exitCode() == 0) {
                        ref.add(r.seconds());
                        refRss.add((double) r.peakRssKb());
                    }
                }
            }
            double refSeconds = ref.isEmpty() ? Double.NaN : median(ref);
            render.row(facets, BenchContext.fmt(median(ours)), mb((long) median(oursRss)),
                    BenchContext.fmt(refSeconds), mb(ref.isEmpty() ? -1 : (long) median(refRss)),
                    BenchContext.fmt(median(ours) / refSeconds));
            if (stl != t100k) {
                Files.deleteIfExists(stl);
            }
        }
        ctx.table(render);
        if (f3d.isEmpty() || xvfb.isEmpty()) {
            ctx.note("f3d or xvfb-run is not installed: no reference figures for the render.");
        }

        if (t100k == null) {
            t100k = ctx.workDir().resolve("torus_100000.stl");
            StlWriter.writeBinary(torus(100_000), t100k);
        }
        int frames = ctx.quick() ? 60 : 240;
        double seconds = frames / 30.0;
        Path mp4 = ctx.workDir().resolve("turntable.mp4");
        // three runs, as for the stills: one run on a shared machine says little
        List<Double> spins = new ArrayList<>();
        List<Double> spinRss = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            BenchContext.ToolRun spin = ctx.time(BenchContext.productCommand("render", t100k.toString(),
                    "--out", mp4.toString(), "--seconds", String.valueOf(seconds)).orElseThrow(), 900);
            check(spin, "stl-listing turntable");
            spins.add(spin.seconds());
            spinRss.add((double) spin.peakRssKb());
        }
        double spin = median(spins);
        BenchTable video = new BenchTable("Turntable of a 100k-facet mesh, whole process (median of 3)",
                "frames", "size", "stl-listing s", "slowest of 3 s", "frames/s", "peak RSS MB", "target");
        video.row(frames, "1080×1080", BenchContext.fmt(spin), BenchContext.fmt(spins.stream()
                        .mapToDouble(Double::doubleValue).max().orElse(spin)), BenchContext.fmt(frames / spin),
                mb((long) median(spinRss)), frames == 240 ? "≤ 10 s" : "—");
        ctx.table(video);

        if (ffmpeg.isPresent()) {
            // the same frames for both encoders: decode the turntable once to raw RGB
            Path raw = ctx.workDir().resolve("frames.rgb");
            BenchContext.ToolRun dec = ctx.time(List.of(ffmpeg.get().toString(), "-v", "error", "-i", mp4.toString(),
                    "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", raw.toString()), 600);
            check(dec, "ffmpeg decode");
            List<String> cmd = new ArrayList<>(List.of(ffmpeg.get().toString(), "-v", "error", "-f", "rawvideo",
                    "-pix_fmt", "rgb24", "-s", "1080x1080", "-framerate", "30", "-i", raw.toString(),
                    "-c:v", "libx264", "-preset", VideoFiles.preset(), "-crf", "20", "-pix_fmt", "yuv420p",
                    "-movflags", "+faststart", "-y", ctx.workDir().resolve("debian.mp4").toString()));
            // three alternating rounds on a shared machine; the medians are compared
            String product = VideoFiles.encoder();
            boolean sameBinary = product.equals(ffmpeg.get().toString());
            List<Double> ours = new ArrayList<>();
            List<Double> oursDebian = new ArrayList<>();
            List<Double> debian = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                ours.add(encodeWith(product, raw, ctx.workDir().resolve("ours.mp4")));
                if (!sameBinary) {
                    oursDebian.add(encodeWith(ffmpeg.get().toString(), raw, ctx.workDir().resolve("ours_debian.mp4")));
                }
                BenchContext.ToolRun deb = ctx.time(cmd, 600);
                check(deb, "ffmpeg encode");
                debian.add(deb.seconds());
            }
            double ref = median(debian);
            BenchTable enc = new BenchTable("Encoding the same " + frames + " frames (1080×1080 RGB → H.264 yuv420p, x264 "
                    + VideoFiles.preset() + ", crf 20; median of 3)", "encoder", "s", "ratio (≤ 1.5 wanted)");
            enc.row("stl-listing (" + describe(product) + "; frames converted to yuv420p on all cores in Java, piped)",
                    BenchContext.fmt(median(ours)), BenchContext.fmt(median(ours) / ref));
            if (!oursDebian.isEmpty()) {
                enc.row("stl-listing's pipeline with Debian's ffmpeg", BenchContext.fmt(median(oursDebian)),
                        BenchContext.fmt(median(oursDebian) / ref));
            }
            enc.row("Debian ffmpeg reading the raw RGB file (its own conversion)", BenchContext.fmt(ref), "1");
            ctx.table(enc);
            Files.deleteIfExists(raw);
        } else {
            ctx.note("ffmpeg is not installed: no reference figure for encoding.");
        }
    }

    /** Seconds to encode a raw RGB file with the product's encoder pipeline and the given ffmpeg. */
    private static double encodeWith(String exe, Path raw, Path out) throws Exception {
        long t0 = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(raw), 1 << 20)) {
            VideoFiles.encodeRgb(exe, in, 1080, 1080, 30, 20, out);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static String describe(String exe) {
        return exe.contains("javacpp") || exe.contains("bytedeco") ? "packaged ffmpeg" : exe;
    }

    private static void check(BenchContext.ToolRun r, String what) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(what + " failed (exit " + r.exitCode() + "): " + r.output());
        }
    }

    private static String mb(long kb) {
        return kb < 0 ? "—" : String.format(Locale.ROOT, "%.0f", kb / 1024.0);
    }

    /** A smooth torus with about {@code facets} facets (2 × major × minor segments). */
    static Mesh torus(int facets) {
        int minor = (int) Math.max(8, Math.round(Math.sqrt(facets / 2.0 / 2.5)));
        int major = (int) Math.max(8, Math.round(facets / 2.0 / minor));
        return MeshGenerators.torus(40, 14, major, minor);
    }
}
