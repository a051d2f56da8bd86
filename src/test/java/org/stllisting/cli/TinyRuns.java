package org.stllisting.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Json;

/** Small, fast queues for CLI tests: a tiny template in a home, generated models, output trees compared. */
final class TinyRuns {
    private TinyRuns() {
    }

    /** The CLI's outcome when run in this process. */
    record Outcome(int exit, String out, String err) {
    }

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StlListingCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** The CLI in a child JVM (as the crash tests kill it), its output going to {@code log}. */
    static Process child(Path home, Path log, String... args) throws IOException {
        return child("-Xmx384m", home, log, args);
    }

    /** The same with the child's heap limit ({@code -Xmx…}) given. */
    static Process child(String heap, Path home, Path log, String... args) throws IOException {
        return new ProcessBuilder(command(heap, home, args)).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
    }

    /** The command line of the CLI in a child JVM with this heap limit ({@code -Xmx…}) and home. */
    static List<String> command(String heap, Path home, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.stllisting.Main", "--home", home.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code tmp/home} with the {@link #installTinyTemplate tiny} template (no video). */
    static Path tinyHome(Path tmp) throws IOException {
        Path home = tmp.resolve("home");
        installTinyTemplate(home, false);
        return home;
    }

    /** A user template {@code tiny}: every step but the video, at a few dozen pixels. */
    static void installTinyTemplate(Path home, boolean video) throws IOException {
        List<String> steps = new ArrayList<>(List.of("load", "validate", "repair", "analyze", "render", "size_chart",
                "color_variations", "finalize"));
        if (video) {
            steps.add(7, "video");
        }
        Map<String, Object> render = new LinkedHashMap<>();
        render.put("width", 96);
        render.put("height", 72);
        render.put("quality", "draft");
        render.put("colors", List.of("#D32F2F", "#1976D2"));
        render.put("video_size", 64);
        render.put("video_seconds", 0.5);
        render.put("video_fps", 8);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("version", 2);
        t.put("name", "tiny");
        t.put("display_name", "Tiny");
        t.put("description", "Fast settings for tests");
        t.put("steps", steps);
        t.put("render_options", render);
        t.put("validation_options", Map.of("level", "standard", "auto_repair", true));
        t.put("output_options", Map.of("mode", "per-model"));
        Files.createDirectories(home.resolve("templates"));
        Files.write(home.resolve("templates/tiny.json"), Json.mapper().writeValueAsBytes(t));
    }

    /** {@code n} distinct closed models: boxes, cylinders, spheres and tori of growing size. */
    static List<Path> models(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float s = 10 + 3 * i;
            Mesh m = switch (i % 4) {
                case 0 -> MeshGenerators.box(s, s * 0.7f, s * 0.5f);
                case 1 -> MeshGenerators.cylinder(s / 2, s, 24 + i);
                case 2 -> MeshGenerators.sphere(s / 2, 10 + i, 16 + i);
                default -> MeshGenerators.torus(s / 2, s / 6, 24 + i, 12);
            };
            Path f = dir.resolve(String.format("model_%02d.stl", i));
            StlWriter.writeBinary(m, f);
            files.add(f);
        }
        return files;
    }

    /**
     * Every file below {@code root} (relative path → content; a symlink → "link:" + target), minus logs and
     * the run's reports.
     */
    static Map<String, String> tree(Path root, boolean withLogs) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || rel.isEmpty()) {
                    continue;
                }
                boolean log = rel.endsWith(".log") || rel.equals("processing_log.txt")
                        || rel.equals("queue_summary.json") || rel.equals("report.html")
                        || rel.equals("listing.csv");
                if (log && !withLogs) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    m.put(rel, "link:" + Files.readSymbolicLink(p));
                } else {
                    m.put(rel, java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }
}
