package org.stllisting.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.stllisting.app.AppContext;
import org.stllisting.app.SessionService;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stl-listing resume}: recovers the queue (docs/ARCHITECTURE.md, Recovery: checks the state and the sources, removes
 * partial files, resumes each job from its next step), prints what it found, and finishes the queue.
 */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Recover and finish an interrupted queue.")
public final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document with the outcome on stdout.")
    boolean json;

    @Option(names = "--accept-invalid", description = "Exit with code 0 even when a model still has problems after"
            + " validation and repair (they are still reported).")
    boolean acceptInvalid;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (AppContext ctx = HomeAccess.exclusive(spec)) {
            SessionService session = ctx.session("cli");
            int loss = RunSupport.reportLoss(session.loaded(), err);
            QueueRunner runner = RunSupport.runner(ctx, err);
            if (runner == null) {
                return ExitCodes.USAGE;
            }
            RecoveryReport report = session.recover().report();
            if (report.unfinished() == 0 && runner.historyBacklog() == 0) {
                if (json) {
                    out.println(Json.mapper().writeValueAsString(report));
                } else {
                    out.println(report.isEmpty() ? "Nothing to resume: the queue is empty."
                            : "Nothing to resume: every job of session " + report.sessionId() + " has finished.");
                    if (!report.missing().isEmpty() || !report.changed().isEmpty()) {
                        out.println(report.describe());
                    }
                }
                return Math.max(loss, report.missing().isEmpty() && report.changed().isEmpty() ? ExitCodes.OK
                        : ExitCodes.FAILED);
            }
            if (!json) {
                out.println(report.describe());
            }
            return Math.max(loss, RunSupport.process(ctx, runner, out, err, json, List.of(), report, acceptInvalid));
        }
    }
}
