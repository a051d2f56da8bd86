package org.stllisting.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.stllisting.jobs.recovery.Recovery;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.steps.Verdict;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.Json;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.LoadResult;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;
import org.stllisting.store.queue.SessionState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stl-listing status}: the queue, each job's state, progress and step, and who holds the home.
 * Read-only: it takes no lock and writes nothing, so it works while a run is going on.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the queue, its jobs and the lock holder.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    /** {@code status --json}. */
    record Report(String home, Lock lock, boolean interrupted, String source, String file, boolean fellBack,
            String message, List<String> problems, List<String> lost, String sessionId, SessionState sessionState, String template,
            Instant createdAt, Instant lastUpdated, Map<String, Integer> counts, List<Job> jobs,
            RecoveryReport recovery, int withProblems) {
    }

    record Lock(boolean held, Long pid) {
    }

    record Job(int position, String id, String stlPath, JobState state, double progress, String currentStep,
            String lastCompletedStep, String progressMessage, Double etaSeconds, int attempts, String errorMessage,
            String verdict, List<String> problems) {

        /** Completed, with a model that still has problems. */
        boolean completedWithProblems() {
            return state == JobState.COMPLETED && Verdict.of(verdict) == Verdict.PROBLEMS;
        }
    }

    @Override
    public Integer call() throws Exception {
        Home home = HomeAccess.home(spec);
        OptionalLong holder = InstanceLock.holder(home);
        LoadResult r = QueueStateStore.read(home);
        QueueStateDto q = r.state();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JobState s : JobState.values()) {
            counts.put(s.json(), 0);
        }
        List<Job> jobs = new ArrayList<>();
        int pos = 0;
        for (JobDto j : q.jobs) {
            counts.merge(j.state.json(), 1, Integer::sum);
            jobs.add(new Job(++pos, j.id, j.stlPath, j.state, j.progress, j.currentStep, j.lastCompletedStep,
                    j.progressMessage, j.etaSeconds, j.attempts, j.errorMessage, j.results.verdict,
                    List.copyOf(j.results.problems)));
        }
        boolean unfinished = q.jobs.stream().anyMatch(j -> !j.state.isFinal());
        boolean interrupted = holder.isEmpty() && unfinished
                && (q.sessionState == SessionState.RUNNING || q.sessionState == SessionState.PAUSED
                        || q.jobs.stream().anyMatch(j -> j.state == JobState.RUNNING));
        Report report = new Report(home.root().toString(),
                new Lock(holder.isPresent(), holder.isPresent() && holder.getAsLong() > 0 ? holder.getAsLong() : null),
                interrupted, r.source().name().toLowerCase(Locale.ROOT), r.file() == null ? null : r.file().toString(),
                r.fellBack(), r.message(), r.problems(), r.lost(), q.queueSessionId, q.sessionState, q.template, q.createdAt,
                q.lastUpdated, counts, jobs, interrupted ? Recovery.assess(r, home) : null,
                (int) jobs.stream().filter(Job::completedWithProblems).count());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writeValueAsString(report));
            return r.lostSomething() ? ExitCodes.FAILED : ExitCodes.OK;
        }
        print(out, report, r);
        return RunSupport.reportLoss(r, spec.commandLine().getErr());
    }

    private static void print(PrintWriter out, Report rep, LoadResult r) {
        out.println("Home:  " + rep.home());
        if (rep.lock().held()) {
            out.println("Lock:  held by " + (rep.lock().pid() != null ? "pid " + rep.lock().pid() : "another process")
                    + " (an instance is working on this queue)");
        } else {
            out.println("Lock:  free (no instance is running)");
        }
        out.println((r.fellBack() ? "Warning: " : "State: ") + rep.message());
        for (String p : r.problems()) {
            if (!rep.message().contains(p)) {
                out.println("  problem: " + p);
            }
        }
        if (rep.jobs().isEmpty()) {
            out.println("Queue: empty");
            return;
        }
        out.println("Queue: session " + rep.sessionId() + ", " + rep.sessionState().json()
                + (rep.template() != null ? ", template " + rep.template() : "")
                + (rep.lastUpdated() != null ? ", updated " + rep.lastUpdated().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : ""));
        List<String> parts = new ArrayList<>();
        rep.counts().forEach((k, v) -> {
            if (v > 0) {
                parts.add(v + " " + k);
            }
        });
        if (rep.withProblems() > 0) {
            parts.add(rep.withProblems() + " with problems");
        }
        out.println("Jobs:  " + rep.jobs().size() + " (" + String.join(", ", parts) + ")");
        if (rep.interrupted()) {
            out.println("The session was interrupted; 'stl-listing resume' finishes it.");
            if (rep.recovery() != null) {
                rep.recovery().describe().lines()
                        .filter(l -> !l.startsWith("  Queue state:") && !l.startsWith("  Problem:"))
                        .skip(1)
                        .forEach(l -> out.println("  " + l.strip()));
            }
        }
        out.println();
        TextTable table = new TextTable("#", "ID", "STATE", "DONE", "STEP", "FILE / MESSAGE").right(0, 3);
        for (Job j : rep.jobs()) {
            String name = Path.of(j.stlPath()).getFileName() == null ? j.stlPath()
                    : Path.of(j.stlPath()).getFileName().toString();
            String msg = j.errorMessage() != null ? j.errorMessage()
                    : j.completedWithProblems() ? HistoryRecord.PROBLEM_PREFIX + String.join("; ", j.problems())
                    : j.progressMessage() != null ? j.progressMessage() : "";
            String eta = j.etaSeconds() != null && j.state() == JobState.RUNNING
                    ? String.format(Locale.ROOT, " (ETA %.0f s)", j.etaSeconds()) : "";
            table.row(j.position(), j.id(), j.state().json(), String.format(Locale.ROOT, "%.0f%%", j.progress()),
                    j.currentStep() != null ? j.currentStep()
                            : j.lastCompletedStep() != null ? "after " + j.lastCompletedStep() : "-",
                    name + (msg.isEmpty() ? "" : " — " + msg) + eta);
        }
        table.print(out);
    }
}
