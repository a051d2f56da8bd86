package org.stllisting.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.commons.io.file.PathUtils;
import org.stllisting.bench.Soak;
import org.stllisting.bench.SoakReport;
import org.stllisting.store.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stl-listing soak}: processes a generated queue once without interruption, then again while killing the
 * process with {@code kill -9} at random moments and resuming it, and compares the two results.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Kill a run with kill -9 at random moments, resume it each time, and compare the result with"
                + " an uninterrupted run (output files, history rows, file lists). Exit 1 on any difference.")
public final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kills", paramLabel = "N", defaultValue = "20", description = "Kills (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--models", paramLabel = "M", defaultValue = "10",
            description = "Models in the queue (default ${DEFAULT-VALUE}).")
    int models;

    @Option(names = "--template", paramLabel = "NAME", defaultValue = "Quick Preview",
            description = "Template by file stem or display name (default ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--video", description = "Keep the template's video step (left out by default: it is slow).")
    boolean video;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the kill moments (default: random, printed).")
    Long seed;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Empty folder for the models, homes and outputs (default: a temporary one, removed"
                    + " after a run without findings).")
    Path work;

    @Option(names = "--json", description = "Print one JSON document with every count, finding and kill.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (kills < 0 || models < 1) {
            err.println("stl-listing: " + (kills < 0 ? "--kills must be 0 or more" : "--models must be 1 or more"));
            return ExitCodes.USAGE;
        }
        long s = seed != null ? seed : System.nanoTime();
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("stl-soak");
        PrintWriter progress = json ? err : out;
        progress.println("Soak: " + kills + " kills over " + models + " models, seed " + s + ", in " + dir);
        SoakReport report;
        try {
            report = new Soak(new Soak.Config(kills, models, template, video, s, dir, Soak.productCommand()),
                    progress).run();
        } catch (IllegalArgumentException e) {
            err.println("stl-listing: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (json) {
            out.println(Json.mapper().writeValueAsString(report.json()));
        } else {
            out.println();
            out.print(report.table().toMarkdown());
            if (!report.findings().isEmpty()) {
                out.println();
                out.println("Findings (kill numbers with where they were aimed; replay with --seed " + s + "):");
                report.findingLines().forEach(l -> out.println("  " + l));
            }
        }
        out.flush();
        if (report.passed() && work == null) {
            PathUtils.deleteDirectory(dir);
        } else if (!report.passed()) {
            progress.println("Kept for inspection: " + dir + " (reference in ref-home, ref-out; soak in home, out;"
                    + " each launch's output in logs/)");
        }
        return report.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
