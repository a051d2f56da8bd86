package org.stllisting.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.io.file.PathUtils;
import org.stllisting.bench.BenchContext;
import org.stllisting.bench.BenchSuite;
import org.stllisting.bench.BenchSuites;
import org.stllisting.bench.MachineInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stl-listing bench}: runs the benchmarks and prints markdown tables (README, Benchmarks). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmarks (generates its own inputs; compares with admesh, f3d, ffmpeg when installed).")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--only", paramLabel = "NAME", split = ",", description = "Run only these suites.")
    List<String> only;

    @Option(names = "--quick", description = "Smaller inputs: a smoke run, not for the record.")
    boolean quick;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the results as markdown to FILE.")
    Path markdown;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder (default: a temporary one).")
    Path work;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<BenchSuite> suites = suites().stream()
                .filter(s -> only == null || only.contains(s.name()))
                .toList();
        if (suites.isEmpty()) {
            err.println("stl-listing: no benchmark suite matches " + only + "; known: "
                    + suites().stream().map(BenchSuite::name).toList());
            return ExitCodes.USAGE;
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("stl-bench");
        String machine = MachineInfo.describe();
        StringBuilder md = new StringBuilder("Run on " + LocalDate.now() + ": " + machine + "\n\n");
        out.println("Machine: " + machine);
        int failures = 0;
        try {
            for (BenchSuite suite : suites) {
                out.println();
                out.println("## " + suite.title());
                out.flush();
                BenchContext ctx = new BenchContext(Files.createDirectories(dir.resolve(suite.name())), out, quick);
                try {
                    suite.run(ctx);
                } catch (Exception e) {
                    failures++;
                    ctx.note("Suite failed: " + e);
                    org.slf4j.LoggerFactory.getLogger(BenchCommand.class).error("bench suite {} failed",
                            suite.name(), e);
                }
                md.append("## ").append(suite.title()).append("\n\n").append(ctx.markdown());
            }
        } finally {
            if (work == null) {
                PathUtils.deleteDirectory(dir);
            }
        }
        if (markdown != null) {
            Files.writeString(markdown, md.toString());
        }
        return failures == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The core packages' suites, then the window's (it needs a display and skips itself without one). */
    static List<BenchSuite> suites() {
        List<BenchSuite> all = new java.util.ArrayList<>(BenchSuites.all());
        all.add(new org.stllisting.ui.WindowBench());
        return all;
    }
}
