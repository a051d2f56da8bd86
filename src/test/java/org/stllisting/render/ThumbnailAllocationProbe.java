package org.stllisting.render;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.gen.SampleModels;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.mesh.io.StlWriter;

/**
 * Bytes allocated per queue-window thumbnail, made as the window makes them (read the file, one render thread,
 * a 96 px PNG), split into reading, model, floor shadow, the rest of the render and the PNG. A program to run by
 * hand, not a test, after {@code mvn test-compile}: {@code java -cp target/classes:target/test-classes:<slf4j-api jar>
 * org.stllisting.render.ThumbnailAllocationProbe [thumbnails [size]]}.
 */
public final class ThumbnailAllocationProbe {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ThumbnailAllocationProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 96;
        Path dir = Files.createTempDirectory("thumbprobe");
        List<Path> files = new ArrayList<>();
        Map<String, Mesh> samples = SampleModels.all();
        for (Map.Entry<String, Mesh> e : samples.entrySet()) {
            Path f = dir.resolve(e.getKey() + ".stl");
            StlWriter.writeBinary(e.getValue(), f);
            files.add(f);
        }
        float s = 20;
        Mesh[] small = {MeshGenerators.box(s, s * 0.7f, s * 0.5f), MeshGenerators.cylinder(s / 2, s, 32),
            MeshGenerators.sphere(s / 2, 14, 20), MeshGenerators.torus(s / 2, s / 6, 30, 12)};
        for (int i = 0; i < small.length; i++) {
            Path f = dir.resolve("small" + i + ".stl");
            StlWriter.writeBinary(small[i], f);
            files.add(f);
        }
        long[] phase = new long[5];
        String[] names = {"read", "model", "shadow", "render", "png"};
        RenderOptions o = RenderOptions.defaults().withSize(size, size).withQuality("high");
        try (RenderService rs = new RenderService(1)) {
            Parallel par = rs.parallel();
            // warm up (class loading, JIT), then measure
            for (int round = 0; round < 2; round++) {
                java.util.Arrays.fill(phase, 0);
                long all0 = allThreads();
                long t = mine();
                for (int i = 0; i < n; i++) {
                    Path f = files.get(i % files.size());
                    Mesh mesh = StlReader.read(f);
                    phase[0] += -t + (t = mine());
                    Model m = Model.of(mesh, false, par);
                    phase[1] += -t + (t = mine());
                    m.shadow(par, size, size);
                    phase[2] += -t + (t = mine());
                    Frame fr = RenderService.renderModel(m, o, null, par);
                    phase[3] += -t + (t = mine());
                    PngWriter.write(fr, dir.resolve("t" + (i % files.size()) + ".png"), par);
                    phase[4] += -t + (t = mine());
                }
                long all = allThreads() - all0;
                // as the window does it: read, then the service's thumbnail call
                long w0 = allThreads();
                for (int i = 0; i < n; i++) {
                    Path f = files.get(i % files.size());
                    rs.thumbnail(StlReader.read(f), size, dir.resolve("w" + (i % files.size()) + ".png"));
                }
                long window = allThreads() - w0;
                if (round == 1) {
                    System.out.printf("window path: %.1f KB per thumbnail over all threads%n", window / 1024.0 / n);
                    long sum = 0;
                    for (int k = 0; k < phase.length; k++) {
                        System.out.printf("%-7s %10.1f KB per thumbnail%n", names[k], phase[k] / 1024.0 / n);
                        sum += phase[k];
                    }
                    System.out.printf("%-7s %10.1f KB per thumbnail (this thread); %.1f KB over all threads%n",
                            "total", sum / 1024.0 / n, all / 1024.0 / n);
                }
            }
        }
    }

    private static long mine() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static long allThreads() {
        long sum = 0;
        for (long b : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }
}
