package org.stllisting.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium run headless on a local page: its DOM after the scripts ran. */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /** What Chromium printed: the page ({@code --dump-dom}) and its log, console messages included. */
    record Result(int exit, String out, String log) {
        /** The lines where the page wrote to its console or threw ("Uncaught …"). */
        List<String> consoleLines() {
            return log.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
        }
    }

    /** The Chromium binary on this machine, or null. */
    static Path binary() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Loads {@code page} and returns its DOM; {@code work} holds the browser's profile and log. */
    static Result dumpDom(Path page, Path work) throws IOException, InterruptedException {
        return dumpDom(page.toUri().toString(), work);
    }

    /** The same for an address (a page with a {@code #fragment}). */
    static Result dumpDom(String url, Path work) throws IOException, InterruptedException {
        return run(work, "--dump-dom", url);
    }

    private static Result run(Path work, String... args) throws IOException, InterruptedException {
        Files.createDirectories(work);
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--enable-logging=stderr", "--v=0", "--no-first-run",
                "--user-data-dir=" + work.resolve("profile")));
        cmd.addAll(List.of(args));
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .directory(work.toFile());
        // whatever the browser keeps for itself stays in the test's folder
        pb.environment().put("HOME", work.toString());
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 90 s; its log: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
