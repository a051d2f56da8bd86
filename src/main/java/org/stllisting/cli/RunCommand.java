package org.stllisting.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stllisting.app.AppContext;
import org.stllisting.app.SessionService;
import org.stllisting.jobs.queue.SourceScanner;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.output.OutputMode;
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
            description = "Template by file stem or display name. Without it a run uses the template of the last run "
                    + "(its first line of output says so), or Complete Processing the first time.")
    String template;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the default_output_folder "
            + "setting, else ./stl-listing-output).")
    Path outDir;

    @Option(names = "--mode", paramLabel = "MODE", description = "per-model, flat or grouped (default: the template's, "
            + "else the default_output_mode setting, else per-model).")
    String mode;

    @Option(names = "--jobs", paramLabel = "N", description = "Models processed at the same time (default: the "
            + "max_concurrent_jobs setting, 2 at first).")
    Integer jobs;

    @Option(names = "--json", description = "Print one JSON document with the outcome on stdout.")
    boolean json;

    @Option(names = "--accept-invalid", description = "Exit with code 0 even when a model still has problems after"
            + " validation and repair (they are still reported).")
    boolean acceptInvalid;

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
        Path outFolder;
        try {
            outFolder = outDir != null ? outDir : SessionService.defaultOutput(HomeAccess.home(spec));
        } catch (IllegalArgumentException e) {
            err.println("stl-listing: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        // the folder this run writes to is never searched (an earlier run's links and meshes are there)
        SourceScanner.Result scan = SourceScanner.scan(paths, outFolder);
        for (Path p : scan.missing()) {
            err.println("stl-listing: " + p + ": no such file or folder");
        }
        if (!scan.missing().isEmpty()) {
            return ExitCodes.USAGE;
        }
        if (scan.stl().isEmpty()) {
            err.println("stl-listing: no .stl files in " + paths + (scan.ignored().isEmpty() ? ""
                    : " (" + scan.ignored().size() + " other files ignored)")
                    + (scan.skippedLine() == null ? "" : "; " + scan.skippedLine()));
            return ExitCodes.USAGE;
        }
        try (AppContext ctx = HomeAccess.exclusive(spec)) {
            String lastUsed = ctx.config().load().lastTemplate;
            Template t;
            try {
                t = template != null ? ctx.templates().require(template) : ctx.templates().defaultTemplate();
            } catch (TemplateException e) {
                err.println("stl-listing: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            SessionService session = ctx.session("cli");
            int loss = RunSupport.reportLoss(session.loaded(), err);
            SessionService.Started started;
            try {
                started = session.start(new SessionService.Start(t, outDir, outputMode, jobs));
            } catch (SessionService.OtherOutputFolderException e) {
                // the new files would join the unfinished queue and go to its folder, not the one asked for
                err.println("stl-listing: the unfinished queue here writes to " + e.queueFolder() + ", not "
                        + e.asked() + "; finish it first ('stl-listing resume'), or run without --out "
                        + "to add these files to it");
                return ExitCodes.USAGE;
            }
            if (started.continued() && !json) {
                out.println("Adding to the unfinished queue of session " + started.sessionId().substring(0, 8)
                        + " (template " + started.template() + ", output " + started.outputFolder() + ").");
            } else if (template == null && !json) {
                // a plain run takes the last run's template: said first, before anything is processed with it
                out.println("Template: " + t.displayName + (t.name.equals(lastUsed) ? ", the one used last"
                        : ", the default") + " (--template chooses another).");
            }
            QueueRunner runner = RunSupport.runner(ctx, err);
            if (runner == null) {
                return ExitCodes.USAGE;
            }
            RecoveryReport recovery = session.recover().report();
            if (recovery.interrupted() && !json) {
                out.println(recovery.describe());
            }
            if (!RunSupport.preflight(runner, scan.stl(), err)) {
                return ExitCodes.USAGE;
            }
            runner.add(scan.stl(), null, null, null);
            if (scan.skippedLine() != null) {
                (json ? err : out).println(scan.skippedLine());
            }
            if (!json) {
                for (Path p : scan.ignored()) {
                    out.println("ignored (not an STL file): " + p);
                }
                out.println("Processing " + scan.stl().size() + " model(s) with " + t.displayName + " into "
                        + runner.settings().outputFolder());
            }
            return Math.max(loss, RunSupport.process(ctx, runner, out, err, json, scan.ignored(),
                    recovery.interrupted() ? recovery : null, acceptInvalid));
        }
    }
}
