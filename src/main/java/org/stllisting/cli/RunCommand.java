package org.stllisting.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.queue.SourceScanner;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.output.OutputMode;
import org.stllisting.store.Json;
import org.stllisting.store.queue.LoadResult;
import org.stllisting.store.queue.NamingOptionsDto;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stl-listing run PATH...}: queues STL files and folders (searched recursively) and processes them
 * headless with a progress bar. An interrupted queue found in the home is recovered first and the new
 * files are added to it; otherwise a new session starts with the chosen template and output folder.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Queue STL files and folders (searched recursively) and process them headless.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "STL files or folders.")
    List<Path> paths;

    @Option(names = "--template", paramLabel = "NAME",
            description = "Template by file stem or display name (default: the last used, else Complete Processing).")
    String template;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ./stl-listing-output).")
    Path outDir;

    @Option(names = "--mode", paramLabel = "MODE", description = "per-model (default), flat or grouped.")
    String mode;

    @Option(names = "--jobs", paramLabel = "N", description = "Models processed at the same time (default 2).")
    Integer jobs;

    @Option(names = "--json", description = "Print one JSON document with the outcome on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OutputMode outputMode = null;
        if (mode != null) {
            try {
                outputMode = OutputMode.parse(mode);
            } catch (IllegalArgumentException e) {
                err.println("stl-listing: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        if (jobs != null && (jobs < 1 || jobs > 64)) {
            err.println("stl-listing: --jobs must be between 1 and 64");
            return ExitCodes.USAGE;
        }
        SourceScanner.Result scan = SourceScanner.scan(paths);
        for (Path p : scan.missing()) {
            err.println("stl-listing: " + p + ": no such file or folder");
        }
        if (!scan.missing().isEmpty()) {
            return ExitCodes.USAGE;
        }
        if (scan.stl().isEmpty()) {
            err.println("stl-listing: no .stl files in " + paths + (scan.ignored().isEmpty() ? ""
                    : " (" + scan.ignored().size() + " other files ignored)"));
            return ExitCodes.USAGE;
        }
        try (AppContext ctx = HomeAccess.exclusive(spec)) {
            Template t;
            try {
                t = template != null ? ctx.templates().require(template) : ctx.templates().defaultTemplate();
            } catch (TemplateException e) {
                err.println("stl-listing: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            QueueStateStore store = ctx.queue();
            LoadResult loaded = store.load();
            int loss = RunSupport.reportLoss(loaded, err);
            QueueStateDto current = store.snapshot();
            // a queue with jobs to finish, or finished jobs still to be written to the history, is continued
            boolean unfinished = current.jobs.stream().anyMatch(j -> !j.state.isFinal() || QueueRunner.awaitsHistory(j));
            Path output = (outDir != null ? outDir : Path.of("stl-listing-output")).toAbsolutePath().normalize();
            if (!unfinished) {
                QueueStateDto fresh = QueueStateDto.empty();
                fresh.template = t.name;
                fresh.globalRenderOptions = new LinkedHashMap<>(t.renderOptions);
                fresh.globalValidationOptions = new LinkedHashMap<>(t.validationOptions);
                QueueSettingsDto s = Json.mapper().convertValue(current.queueSettings, QueueSettingsDto.class);
                s.outputBaseFolder = output.toString();
                s.outputMode = (outputMode != null ? outputMode
                        : OutputMode.parse(t.outputOptions == null ? "per-model" : t.outputOptions.mode)).label();
                s.naming = t.outputOptions != null && t.outputOptions.naming != null ? t.outputOptions.naming
                        : new NamingOptionsDto();
                if (jobs != null) {
                    s.maxConcurrentJobs = jobs;
                }
                fresh.queueSettings = s;
                QueueRunner.layout(s, t); // refuses an unsafe prefix or subfolder before anything is queued
                store.replaceState(fresh);
            } else {
                QueueSettingsDto s = current.queueSettings;
                if (outDir != null && (s.outputBaseFolder == null
                        || !Path.of(s.outputBaseFolder).toAbsolutePath().normalize().equals(output))) {
                    // the new files would join the unfinished queue and go to its folder, not the one asked for
                    err.println("stl-listing: the unfinished queue here writes to " + s.outputBaseFolder
                            + ", not " + output + "; finish it first ('stl-listing resume'), or run without --out "
                            + "to add these files to it");
                    return ExitCodes.USAGE;
                }
                if (!json) {
                    out.println("Adding to the unfinished queue of session " + current.queueSessionId.substring(0, 8)
                            + " (template " + current.template + ", output " + s.outputBaseFolder + ").");
                }
                if (jobs != null && jobs != s.maxConcurrentJobs) {
                    s.maxConcurrentJobs = jobs;
                    store.updateSettings(s);
                }
            }
            try {
                ctx.templates().rememberLastUsed(t.name);
            } catch (java.io.IOException e) {
                // only a preference
            }
            QueueRunner runner = RunSupport.runner(ctx, err);
            if (runner == null) {
                return ExitCodes.USAGE;
            }
            RecoveryReport recovery = runner.recover(loaded.message(), loaded.problems());
            if (recovery.interrupted() && !json) {
                out.println(recovery.describe());
            }
            if (!RunSupport.preflight(runner, scan.stl(), err)) {
                return ExitCodes.USAGE;
            }
            runner.add(scan.stl(), null, null, null);
            if (!json) {
                for (Path p : scan.ignored()) {
                    out.println("ignored (not an STL file): " + p);
                }
                out.println("Processing " + scan.stl().size() + " model(s) with " + t.displayName + " into "
                        + runner.settings().outputFolder());
            }
            return Math.max(loss, RunSupport.process(ctx, runner, out, err, json, scan.ignored(),
                    recovery.interrupted() ? recovery : null));
        }
    }
}
