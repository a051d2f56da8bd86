package org.stllisting.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.runner.RunnerEvent;
import org.stllisting.jobs.runner.RunnerListener;
import org.stllisting.store.queue.JobState;

/**
 * Shows a run's progress: a progress bar on a terminal, plain lines (one per finished job, pauses, warnings)
 * when the output is a file or a pipe, nothing on stdout with {@code --json}. Receives events on the
 * runner's dispatcher thread only; the bar is drawn by the progress bar library's own thread from the last
 * {@link Shown} state.
 *
 * <p>The bar shows the queue's percentage, the models finished out of the queue's and the runner's one
 * estimate of the time left ({@code Processing  40% [=====     ] 2/5 models, ~2 min 30 s left}).
 */
final class ConsoleProgress implements RunnerListener, AutoCloseable {
    private static final int BAR_WIDTH = 100;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final ProgressBar bar;
    /** Jobs finished: those finished before the run, then one more for each final state seen. */
    private int finished;
    private int total;
    private volatile Shown shown;

    /** What the bar shows. */
    record Shown(double percent, int finished, int total, Double etaSeconds) {
    }

    ConsoleProgress(PrintWriter out, PrintWriter err, boolean json, boolean terminal, int total) {
        this(out, err, json, terminal, total, 0);
    }

    /** @param finishedBefore jobs of the queue already finished when the run starts */
    ConsoleProgress(PrintWriter out, PrintWriter err, boolean json, boolean terminal, int total, int finishedBefore) {
        this(out, err, json, terminal ? null : NO_BAR, total, finishedBefore);
    }

    /** With the bar drawn into {@code consumer} (null: the terminal; {@link #NO_BAR}: no bar). */
    ConsoleProgress(PrintWriter out, PrintWriter err, boolean json, ProgressBarConsumer consumer, int total,
            int finishedBefore) {
        this.out = out;
        this.err = err;
        this.quiet = json;
        this.total = total;
        this.finished = finishedBefore;
        this.shown = new Shown(0, finishedBefore, total, null);
        if (json || consumer == NO_BAR) {
            this.bar = null;
        } else {
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("Processing").setInitialMax(Math.max(1, total))
                    .setUpdateIntervalMillis(250).setMaxRenderedLength(BAR_WIDTH).continuousUpdate()
                    .setRenderer((state, width) -> render(shown, width));
            if (consumer != null) {
                b.setConsumer(consumer);
            }
            this.bar = b.build();
        }
    }

    /** Says "no bar" to the constructor. */
    static final ProgressBarConsumer NO_BAR = new ProgressBarConsumer() {
        @Override
        public int getMaxRenderedLength() {
            return 0;
        }

        @Override
        public void accept(String s) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * One frame of the bar, one character shorter than {@code width} (0 or less: {@link #BAR_WIDTH}) so that
     * the terminal never wraps it.
     */
    static String render(Shown s, int width) {
        int w = width > 0 ? Math.min(width, BAR_WIDTH) : BAR_WIDTH;
        String head = String.format(Locale.ROOT, "Processing %3d%% [", (int) Math.floor(s.percent()));
        String tail = String.format(Locale.ROOT, "] %d/%d models%s", s.finished(), s.total(),
                s.etaSeconds() != null && s.finished() < s.total() ? ", ~" + Durations.format(s.etaSeconds()) + " left"
                        : "");
        int cells = Math.max(10, w - head.length() - tail.length() - 1);
        int filled = (int) Math.round(cells * Math.max(0, Math.min(100, s.percent())) / 100.0);
        return head + "=".repeat(filled) + " ".repeat(cells - filled) + tail;
    }

    @Override
    public void onEvent(RunnerEvent e) {
        if (e instanceof RunnerEvent.QueueProgress p) {
            total = p.total();
            shown = new Shown(p.percent(), p.finished(), p.total(), p.etaSeconds());
            if (bar != null) {
                bar.maxHint(Math.max(1, p.total()));
                bar.stepTo(p.finished());
            }
        } else if (e instanceof RunnerEvent.JobStateChanged c && c.to().isFinal()) {
            JobView j = c.job();
            // taken once per finish: two jobs ending before the next progress event are numbered 1 and 2
            finished++;
            if (!quiet && bar == null) {
                String what = switch (c.to()) {
                    case COMPLETED -> "done" + (j.durationSeconds() != null ? " in " + Durations.format(j.durationSeconds()) : "")
                            + (j.completedWithProblems() ? ", still has problems: " + String.join("; ", j.problems()) : "");
                    case FAILED -> "FAILED: " + RunSupport.plainError(j);
                    case CANCELLED -> "cancelled";
                    case SKIPPED -> "skipped: " + RunSupport.plainError(j);
                    default -> c.to().json();
                };
                out.println(String.format(Locale.ROOT, "[%d/%d] %s: %s", Math.min(total, finished), total,
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
