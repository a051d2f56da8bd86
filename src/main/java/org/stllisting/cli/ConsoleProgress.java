package org.stllisting.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.jobs.runner.RunnerListener;
import org.stllisting.store.queue.JobState;

/**
 * Shows a run's progress: a progress bar on a terminal, plain lines (one per finished job, pauses, warnings)
 * when the output is a file or a pipe, nothing on stdout with {@code --json}. Receives events on the
 * runner's dispatcher thread only.
 */
final class ConsoleProgress implements RunnerListener, AutoCloseable {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final ProgressBar bar;
    private int finished;
    private int total;

    ConsoleProgress(PrintWriter out, PrintWriter err, boolean json, boolean terminal, int total) {
        this.out = out;
        this.err = err;
        this.quiet = json;
        this.total = total;
        this.bar = !json && terminal
                ? new ProgressBarBuilder().setTaskName("Processing").setInitialMax(1000).setUpdateIntervalMillis(250)
                        .setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(100).continuousUpdate().build()
                : null;
    }

    @Override
    public void onEvent(RunnerEvent e) {
        if (e instanceof RunnerEvent.QueueProgress p) {
            total = p.total();
            finished = p.finished();
            if (bar != null) {
                bar.stepTo(Math.round(p.percent() * 10));
                bar.setExtraMessage(String.format(Locale.ROOT, "%d/%d models%s", p.finished(), p.total(),
                        p.etaSeconds() != null ? ", ~" + Durations.format(p.etaSeconds()) + " left" : ""));
            }
        } else if (e instanceof RunnerEvent.JobStateChanged c && c.to().isFinal()) {
            JobView j = c.job();
            if (!quiet && bar == null) {
                String what = switch (c.to()) {
                    case COMPLETED -> "done" + (j.durationSeconds() != null ? " in " + Durations.format(j.durationSeconds()) : "")
                            + (j.completedWithProblems() ? ", still has problems: " + String.join("; ", j.problems()) : "");
                    case FAILED -> "FAILED: " + j.error();
                    case CANCELLED -> "cancelled";
                    case SKIPPED -> "skipped: " + j.error();
                    default -> c.to().json();
                };
                out.println(String.format(Locale.ROOT, "[%d/%d] %s: %s", Math.min(total, finished + 1), total,
                        j.modelName(), what));
                out.flush();
            }
        } else if (e instanceof RunnerEvent.RetryScheduled r && !quiet) {
            line("retrying " + (r.model() != null ? r.model() : r.jobId()) + " (attempt " + r.attempt() + "): "
                    + r.reason());
        } else if (e instanceof RunnerEvent.QueuePaused p) {
            err.println("stl-listing: " + p.message());
            err.flush();
        } else if (e instanceof RunnerEvent.QueueResumed r && r.reason() != null) {
            line("resumed" + switch (r.reason()) {
                case DISK_SPACE -> ": disk space is available again";
                case HISTORY -> ": the job history can be written again";
                default -> "";
            });
        } else if (e instanceof RunnerEvent.Warning w && !quiet && bar == null) {
            String who = w.model() != null ? w.model() : w.jobId();
            line("warning" + (who != null ? " (" + who + ")" : "") + ": " + w.message());
        }
    }

    private void line(String s) {
        if (quiet) {
            return;
        }
        if (bar == null) {
            out.println(s);
            out.flush();
        }
    }

    static boolean isTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    static String stateWord(JobState s) {
        return s.json();
    }
}
