package org.stllisting.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshChecks;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.MeshReadException;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.mesh.io.StlWriter;

/**
 * Mesh benchmarks (README, Benchmarks): read + analyze + full validation of generated spheres of 100k, 1M and 5M
 * facets in binary and 1M in ASCII, and full repair of 1M-facet spheres broken four ways. Each product figure is a
 * whole process ({@code stl-listing inspect} in a fresh JVM, start-up included), timed with its peak resident
 * memory next to {@code admesh} on the same file in the same run.
 */
public final class MeshBench implements BenchSuite {
    @Override
    public String name() {
        return "mesh";
    }

    @Override
    public String title() {
        return "Mesh: read, analyze, validate, repair";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        boolean quick = ctx.quick();
        String loadBefore = loadAverage();
        Optional<Path> admesh = BenchContext.which("admesh");
        if (admesh.isEmpty()) {
            ctx.note("admesh is not installed: product figures only (Debian: apt-get install admesh).");
        }
        int[] sizes = quick ? new int[] {20_000, 100_000, 250_000} : new int[] {100_000, 1_000_000, 5_000_000};
        int asciiSize = quick ? 50_000 : 1_000_000;
        int brokenSize = quick ? 100_000 : 1_000_000;

        BenchTable read = new BenchTable("Read + analyze + full validation (whole process, `inspect --level "
                + "standard`: every check admesh makes and more; one strict row adds self-intersections) vs "
                + "`admesh FILE` (reads, checks and repairs in memory)",
                "input", "facets", "MB", "product s", "product CPU s", "product MB RSS", "admesh s", "admesh CPU s",
                "admesh MB RSS", "time ratio", "CPU ratio", "RSS ratio", "product Mfacets/s");
        for (int n : sizes) {
            Path f = ctx.workDir().resolve("sphere-" + n + ".stl");
            int facets = writeSphere(f, n, false);
            row(ctx, read, "binary sphere", f, facets, admesh, List.of("--level", "standard"), null);
            if (n == sizes[1]) {
                row(ctx, read, "binary sphere, strict", f, facets, admesh, List.of("--level", "strict"), null);
            }
            Files.delete(f);
        }
        Path af = ctx.workDir().resolve("sphere-ascii-" + asciiSize + ".stl");
        int asciiFacets = writeSphere(af, asciiSize, true);
        row(ctx, read, "ASCII sphere", af, asciiFacets, admesh, List.of("--level", "standard"), null);
        Files.delete(af);
        ctx.table(read);

        BenchTable rep = new BenchTable("Full repair of a broken " + brokenSize / 1000 + "k-facet sphere (whole "
                + "process, `inspect --repair OUT`: validate, repair, validate the result, write) vs `admesh FILE -b OUT`",
                "damage", "facets", "product s", "product CPU s", "product MB RSS", "admesh s", "admesh CPU s",
                "admesh MB RSS", "time ratio", "CPU ratio", "RSS ratio", "product result", "admesh result");
        Mesh sphere = sphere(brokenSize);
        double exact = MeshAnalyzer.volume(sphere);
        int k = brokenSize / 100;
        String[][] damages = {
            {"holes (" + k / 10 + " facets removed)"},
            {"flipped (" + k + " facets)"},
            {"duplicated (" + k + " facets)"},
            {"degenerate (" + k + " facets added)"},
        };
        Mesh[] broken = {
            null, null, null, null,
        };
        for (int i = 0; i < damages.length; i++) {
            broken[i] = switch (i) {
                case 0 -> MeshDamage.punchHoles(sphere, k / 10);
                case 1 -> MeshDamage.flipFacets(sphere, k);
                case 2 -> MeshDamage.duplicateFacets(sphere, k);
                default -> MeshDamage.degenerateFacets(sphere, k);
            };
            Path f = ctx.workDir().resolve("broken-" + i + ".stl");
            StlWriter.writeBinary(broken[i], f);
            broken[i] = null;
            row(ctx, rep, damages[i][0], f, -1, admesh, List.of("--level", "standard"), exact);
            Files.delete(f);
        }
        ctx.table(rep);
        ctx.note("Product: `app/stl-listing inspect FILE --json …`, started by its launcher as a user starts it "
                + "(the launcher's JVM options for one-file commands and its class-data-sharing archive); "
                + "time and peak RSS from GNU time. Ratios are product / admesh: below 1 the product is faster or "
                + "smaller. \"result\": open edges, facets reversed against neighbours, and volume error against the "
                + "intact sphere's exact volume, measured by reading each tool's output back. Load average "
                + "(1/5/15 min) before the suite: " + loadBefore + ", after: " + loadAverage() + "; on a shared "
                + "machine both tools slow down, the product more since it runs two threads.");
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Mesh sphere(int facets) {
        int s = Math.max(8, (int) Math.round(Math.sqrt(facets)));
        int r = Math.max(2, facets / (2 * s) + 1);
        return MeshGenerators.sphere(50, r, s);
    }

    private static int writeSphere(Path f, int facets, boolean ascii) throws IOException {
        Mesh m = sphere(facets);
        if (ascii) {
            StlWriter.writeAscii(m, f, "sphere");
        } else {
            StlWriter.writeBinary(m, f);
        }
        return m.facetCount();
    }

    private static void row(BenchContext ctx, BenchTable table, String label, Path f, int facets,
            Optional<Path> admesh, List<String> extra, Double exactVolume) throws Exception {
        long bytes = Files.size(f);
        List<String> cmd = new ArrayList<>(BenchContext.productCommand("inspect").orElseThrow(
                () -> new IOException("the product jar (target/stl-listing.jar) was not found; build it first")));
        cmd.add(f.toString());
        cmd.add("--json");
        cmd.addAll(extra);
        boolean repair = exactVolume != null;
        Path ours = ctx.workDir().resolve("ours-" + f.getFileName());
        Path theirs = ctx.workDir().resolve("admesh-" + f.getFileName());
        if (repair) {
            cmd.add("--repair");
            cmd.add(ours.toString());
        }
        ctx.say("  running product on " + f.getFileName() + " …");
        double[] pc = new double[1];
        BenchContext.ToolRun p = timeWithCpu(ctx, cmd, pc);
        if (p.exitCode() > 1) {
            ctx.note("product failed on " + f.getFileName() + " (exit " + p.exitCode() + "): "
                    + p.output().lines().findFirst().orElse(""));
        }
        BenchContext.ToolRun a = null;
        double[] ac2 = {Double.NaN};
        if (admesh.isPresent()) {
            List<String> ac = new ArrayList<>(List.of(admesh.get().toString(), f.toString()));
            if (repair) {
                ac.add("-b");
                ac.add(theirs.toString());
            }
            ctx.say("  running admesh on " + f.getFileName() + " …");
            a = timeWithCpu(ctx, ac, ac2);
        }
        int n = facets;
        if (n < 0) {
            n = (int) ((bytes - 84) / 50);
        }
        String timeRatio = a == null ? "—" : BenchContext.fmt(p.seconds() / a.seconds());
        String rssRatio = a == null || a.peakRssKb() <= 0 || p.peakRssKb() <= 0 ? "—"
                : BenchContext.fmt((double) p.peakRssKb() / a.peakRssKb());
        if (repair) {
            table.row(label, n, BenchContext.fmt(p.seconds()), BenchContext.fmt(pc[0]), mb(p.peakRssKb()),
                    a == null ? "—" : BenchContext.fmt(a.seconds()), BenchContext.fmt(ac2[0]),
                    a == null ? "—" : mb(a.peakRssKb()), timeRatio, BenchContext.fmt(pc[0] / ac2[0]), rssRatio,
                    outcome(ours, exactVolume), a == null ? "—" : outcome(theirs, exactVolume));
            Files.deleteIfExists(ours);
            Files.deleteIfExists(theirs);
        } else {
            table.row(label, n, BenchContext.fmt(bytes / 1048576.0), BenchContext.fmt(p.seconds()),
                    BenchContext.fmt(pc[0]), mb(p.peakRssKb()), a == null ? "—" : BenchContext.fmt(a.seconds()),
                    BenchContext.fmt(ac2[0]), a == null ? "—" : mb(a.peakRssKb()), timeRatio,
                    BenchContext.fmt(pc[0] / ac2[0]), rssRatio, BenchContext.fmt(n / 1e6 / p.seconds()));
        }
    }

    /**
     * {@link BenchContext#time} plus the CPU seconds (user + system) of the command, from an inner GNU time: on a
     * shared machine CPU time says more about the work than wall time does.
     */
    private static BenchContext.ToolRun timeWithCpu(BenchContext ctx, List<String> cmd, double[] cpu)
            throws IOException, InterruptedException {
        cpu[0] = Double.NaN;
        if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
            return ctx.time(cmd, 1800);
        }
        Path cpuFile = Files.createTempFile(ctx.workDir(), "cpu", ".txt");
        List<String> wrapped = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", cpuFile.toString()));
        wrapped.addAll(cmd);
        BenchContext.ToolRun r = ctx.time(wrapped, 1800);
        try {
            String[] f = Files.readString(cpuFile).trim().lines().reduce((x, y) -> y).orElse("").split(" ");
            cpu[0] = Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
        } catch (IOException | RuntimeException e) {
            cpu[0] = Double.NaN;
        }
        Files.deleteIfExists(cpuFile);
        return r;
    }

    private static String outcome(Path out, double exactVolume) {
        if (!Files.exists(out)) {
            return "no output";
        }
        try {
            Mesh m = StlReader.read(out);
            MeshTopology t = MeshTopology.of(m);
            double v = MeshAnalyzer.volume(m);
            return String.format(Locale.ROOT, "%d open, %d reversed, vol err %.1e", t.openEdges(),
                    MeshChecks.orientation(t).reversed(), Math.abs(v - exactVolume) / exactVolume);
        } catch (MeshReadException e) {
            return "unreadable output";
        }
    }

    private static String mb(long kb) {
        return kb <= 0 ? "—" : BenchContext.fmt(kb / 1024.0);
    }
}
