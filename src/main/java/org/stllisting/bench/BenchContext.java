package org.stllisting.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What a {@link BenchSuite} gets: a scratch folder, the output, and helpers to time reference tools. */
public final class BenchContext {
    private final Path workDir;
    private final PrintWriter out;
    private final boolean quick;
    private final StringBuilder markdown = new StringBuilder();

    public BenchContext(Path workDir, PrintWriter out, boolean quick) {
        this.workDir = workDir;
        this.out = out;
        this.quick = quick;
    }

    /** A scratch folder for generated inputs; removed after the run. */
    public Path workDir() {
        return workDir;
    }

    /** True for {@code bench --quick}: smaller sizes, for a smoke run. */
    public boolean quick() {
        return quick;
    }

    public void say(String line) {
        out.println(line);
        out.flush();
    }

    public void table(BenchTable table) {
        String md = table.toMarkdown();
        markdown.append(md).append('\n');
        out.println();
        out.print(md);
        out.flush();
    }

    public void note(String text) {
        markdown.append(text).append("\n\n");
        say(text);
    }

    public String markdown() {
        return markdown.toString();
    }

    /** The absolute path of an executable on PATH, if installed. */
    public static Optional<Path> which(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The command that starts the product the way a user starts it: the launcher {@code app/stl-listing} of the
     * checkout this jar was built in (with its JVM options and start-up archive), or {@code java -jar} on the
     * jar when there is no launcher beside it. Empty when neither the launcher nor the jar is found.
     */
    public static Optional<List<String>> productCommand(String... args) {
        Optional<Path> jar = productJar();
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        Path launcher = jar.get().toAbsolutePath().getParent().resolveSibling("app").resolve("stl-listing");
        if (Files.isExecutable(launcher)) {
            cmd.add(launcher.toString());
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-jar");
            cmd.add(jar.get().toString());
        }
        cmd.addAll(List.of(args));
        return Optional.of(cmd);
    }

    /** The product's jar: the one this code runs from, else {@code target/stl-listing.jar}. */
    static Optional<Path> productJar() {
        try {
            Path p = Path.of(BenchContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
                return Optional.of(p);
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through
        }
        Path t = Path.of("target", "stl-listing.jar").toAbsolutePath();
        return Files.isRegularFile(t) ? Optional.of(t) : Optional.empty();
    }

    /** Result of one timed external command. */
    public record ToolRun(int exitCode, double seconds, long peakRssKb, String output) {
    }

    /**
     * Runs a command, returning wall time and, when GNU time is available, peak resident memory.
     * Output is captured (and truncated) for diagnostics.
     */
    public ToolRun time(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        Path rssFile = Files.createTempFile(workDir, "rss", ".txt");
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        if (gnuTime) {
            cmd.add("/usr/bin/time");
            cmd.add("-f");
            cmd.add("%M");
            cmd.add("-o");
            cmd.add(rssFile.toString());
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Path log = Files.createTempFile(workDir, "tool", ".log");
        pb.redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long rss = -1;
        if (gnuTime) {
            try {
                List<String> lines = Files.readAllLines(rssFile);
                if (!lines.isEmpty()) {
                    rss = Long.parseLong(lines.get(lines.size() - 1).trim());
                }
            } catch (NumberFormatException | IOException ignored) {
                rss = -1;
            }
        }
        String output = Files.readString(log);
        if (output.length() > 4000) {
            output = output.substring(0, 4000);
        }
        return new ToolRun(p.exitValue(), secs, rss, output);
    }

    /** Formats a number the same way in every table. */
    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }
}
