package org.stllisting.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.runner.JobErrors;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.PreflightException;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.runner.QueueView;
import org.stllisting.jobs.runner.StopMode;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.output.ErrorWords;
import org.stllisting.output.OutputPlacement;
import org.stllisting.store.Json;
import org.stllisting.store.queue.LoadResult;
import org.stllisting.store.queue.JobState;

/** What {@code run} and {@code resume} share: processing the queue with progress, then the summary. */
final class RunSupport {
    private RunSupport() {
    }

    /** {@code --json}: one document on stdout. */
    record Result(String sessionId, String template, String outputFolder, String mode, int completed, int failed,
            int cancelled, int skipped, int pending, double seconds, List<Job> jobs, List<String> ignored,
            RecoveryReport recovery, int withProblems) {
    }

    /** {@code verdict}: passed, repaired or problems (null before validation ran); {@code problems} in plain words. */
    record Job(String id, String source, String model, String state, String outputFolder, String error, int attempts,
            Double durationSeconds, String verdict, List<String> problems) {
    }

    /**
     * The context's runner, or null (with the reason on {@code err}) when the job history cannot even be
     * opened: then nothing is processed.
     */
    static QueueRunner runner(AppContext ctx, PrintWriter err) throws IOException {
        try {
            ctx.history();
        } catch (IOException e) {
            err.println("stl-listing: cannot start: " + JobErrors.message(e));
            return null;
        }
        return ctx.runner("cli");
    }

    /**
     * Checks before anything is queued or started that the output folder, the home and the history can be
     * written and the sources (the queue's and {@code more}) read; false after printing each problem.
     */
    static boolean preflight(QueueRunner runner, List<Path> more, PrintWriter err) {
        return reportProblems(runner.preflight(more), err);
    }

    /** Prints each problem; true when there is none. */
    private static boolean reportProblems(List<String> problems, PrintWriter err) {
        for (String p : problems) {
            err.println("stl-listing: cannot start: " + p);
        }
        err.flush();
        return problems.isEmpty();
    }

    /**
     * Processes the queue and prints the outcome. The exit code is 1 when a job failed, was skipped or is still
     * queued, or when a completed model still has problems unless {@code acceptInvalid}.
     */
    static int process(AppContext ctx, QueueRunner runner, PrintWriter out, PrintWriter err, boolean json,
            List<Path> ignored, RecoveryReport recovery, boolean acceptInvalid) throws Exception {
        long t0 = System.nanoTime();
        QueueView before = runner.view();
        ConsoleProgress progress = new ConsoleProgress(out, err, json, ConsoleProgress.isTerminal(), before.total(),
                before.finished());
        runner.addListener(progress);
        // Ctrl-C: stop the running steps; the jobs stay queued and 'resume' continues them
        Thread hook = new Thread(() -> {
            runner.stop(StopMode.NOW);
            try {
                runner.awaitFinished(Duration.ofSeconds(20));
                ctx.close();
            } catch (Exception e) {
                // the process is ending either way
            }
        }, "stl-listing-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try {
                runner.start();
            } catch (PreflightException e) {
                reportProblems(e.problems(), err);
                return ExitCodes.USAGE;
            }
            runner.awaitFinished(Duration.ofDays(365));
            runner.drainEvents(Duration.ofSeconds(5));
        } finally {
            progress.close();
            runner.removeListener(progress);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        QueueView v = runner.view();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
            List<Job> jobs = new ArrayList<>();
            for (JobView j : v.jobs()) {
                jobs.add(new Job(j.id(), j.source(), j.modelName(), j.state().json(),
                        OutputPlacement.reportedFolder(j.outputFolder(), j.state()), j.error(),
                        j.attempts(), j.durationSeconds(), j.verdict() == null ? null : j.verdict().id(),
                        j.problems()));
            }
            Result r = new Result(v.sessionId(), v.template(), folder(v), v.settings().outputMode().label(),
                    v.completed(), v.failed(), v.cancelled(), v.skipped(), v.pending() + v.running(), seconds, jobs,
                    ignored.stream().map(Path::toString).toList(), recovery, v.withProblems());
            out.println(Json.mapper().writeValueAsString(r));
        } else {
            summary(out, v, seconds);
        }
        out.flush();
        int unrecorded = runner.historyBacklog();
        if (unrecorded > 0) {
            err.println("stl-listing: " + unrecorded + " finished job(s) could not be written to the job history;"
                    + " 'stl-listing resume' records them once it can be written");
            err.flush();
        }
        if (v.withProblems() > 0 && !acceptInvalid) {
            err.println("stl-listing: " + v.withProblems() + " model(s) still have problems (exit code 1);"
                    + " --accept-invalid accepts them");
            err.flush();
        }
        int invalid = acceptInvalid ? 0 : v.withProblems();
        return v.failed() + v.skipped() + v.pending() + v.running() + unrecorded + invalid > 0 ? ExitCodes.FAILED
                : ExitCodes.OK;
    }

    /**
     * Says on {@code err} what a load of the queue could not recover, where the damaged files were kept and
     * what the user can do; returns {@link ExitCodes#FAILED} when something was lost, so that a run or resume
     * after such a load never ends with exit code 0.
     */
    static int reportLoss(LoadResult loaded, PrintWriter err) {
        if (!loaded.lostSomething()) {
            return ExitCodes.OK;
        }
        err.println("stl-listing: the queue could not be fully recovered. Not recovered:");
        loaded.lost().forEach(l -> err.println("  - " + l));
        if (loaded.keptIn() != null) {
            err.println("  The damaged files are kept in " + loaded.keptIn() + " (README.txt there says why).");
        }
        err.println("  Add the missing models again with 'stl-listing run', or import a queue you exported earlier"
                + " with 'stl-listing queue import'.");
        err.flush();
        return ExitCodes.FAILED;
    }

    /** The queue's output folder as the user sees it, or null. */
    static String folder(QueueView v) {
        return v.settings().outputFolder() == null ? null : v.settings().outputFolder().toString();
    }

    static void summary(PrintWriter out, QueueView v, double seconds) {
        Map<String, Integer> parts = new LinkedHashMap<>();
        parts.put("completed", v.completed() - v.withProblems());
        parts.put("completed with problems", v.withProblems());
        parts.put("failed", v.failed());
        parts.put("skipped", v.skipped());
        parts.put("cancelled", v.cancelled());
        parts.put("still queued", v.pending() + v.running());
        List<String> words = new ArrayList<>();
        parts.forEach((k, n) -> {
            if (n > 0 || k.equals("completed")) {
                words.add(n + " " + k);
            }
        });
        out.println();
        out.println("Finished in " + Durations.format(seconds) + ": " + String.join(", ", words) + ".");
        out.println("Output: " + folder(v));
        boolean header = false;
        for (JobView j : v.jobs()) {
            if (j.state() == JobState.FAILED || j.state() == JobState.SKIPPED) {
                if (!header) {
                    out.println("Not processed (details in failed/ and each model's logs/):");
                    header = true;
                }
                out.println("  " + j.modelName() + " (" + j.source() + "): " + plainError(j));
            }
        }
        header = false;
        for (JobView j : v.jobs()) {
            if (j.completedWithProblems()) {
                if (!header) {
                    out.println("Still has problems (the files were made; check the model before selling it):");
                    header = true;
                }
                out.println("  " + j.modelName() + " (" + j.source() + "): " + String.join("; ", j.problems()));
            }
        }
        if (v.pending() + v.running() > 0) {
            out.println("The queue was stopped; 'stl-listing resume' continues it.");
        }
    }

    /**
     * A job's error with its reason first, in plain words and with the step it happened in, as the window and
     * report.html give it; the path it names follows only when it is not the model's own file, which the line
     * names already.
     */
    static String plainError(JobView j) {
        if (j.error() == null) {
            return "";
        }
        ErrorWords.Split s = ErrorWords.split(j.error(), StepKind::doingOf);
        return s.path() != null && s.path().equals(j.source()) ? s.reason() : s.line(": ");
    }
}
