package org.stllisting.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.stllisting.app.AppContext;
import org.stllisting.app.SessionService;
import org.stllisting.app.sessions.JobCounts;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.sessions.SessionInfo;
import org.stllisting.app.sessions.Sessions;
import org.stllisting.store.Json;
import org.stllisting.store.queue.JobDto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stl-listing sessions list|show ID|restore ID|discard} (README, Sessions). {@code list} and {@code show}
 * are read-only and work while another instance runs; {@code restore} and {@code discard} take the home.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "Sessions: the active queue and the archived ones; list, show, restore, discard.",
        subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.Show.class, SessionsCommand.Restore.class,
            SessionsCommand.Discard.class})
public final class SessionsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    /** How many jobs {@code show} lists in text. */
    static final int SHOWN_JOBS = 20;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** Prints one JSON document of these keys and values, in order; returns {@link ExitCodes#OK}. */
    static int document(PrintWriter out, Object... keysAndValues) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            doc.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        out.println(Json.mapper().writeValueAsString(doc));
        return ExitCodes.OK;
    }

    static String when(Instant t) {
        return t == null ? "-" : WHEN.format(t);
    }

    /** {@code 512 B}, {@code 3.4 KB}, {@code 12.0 MB}, {@code 1.2 GB} (powers of 1024). */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code 3 min}, {@code 5 h}, {@code 2 d}: how long ago. */
    static String age(Instant since, Instant now) {
        long s = Math.max(0, Duration.between(since, now).getSeconds());
        if (s < 3600) {
            return Math.max(1, s / 60) + " min";
        }
        if (s < 86400) {
            return s / 3600 + " h";
        }
        return s / 86400 + " d";
    }

    /** Ended time, or the age of a session that has not ended. */
    static String endedOrAge(SessionInfo s, Instant now) {
        if (s.endedAt() != null) {
            return when(s.endedAt());
        }
        return s.createdAt() == null ? "-" : "(age " + age(s.createdAt(), now) + ")";
    }

    static String jobs(JobCounts c) {
        return c.completed() + "/" + c.failed() + "/" + c.total();
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The active queue, then the archived sessions, newest first.")
    static final class ListSessions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (AppContext ctx = HomeAccess.readOnly(spec)) {
                List<SessionInfo> all = new Sessions(ctx, "cli").list();
                if (json) {
                    return document(out, "home", ctx.home().root().toString(), "sessions", all);
                }
                if (all.isEmpty()) {
                    out.println("No sessions in " + ctx.home() + ".");
                    return ExitCodes.OK;
                }
                Instant now = Instant.now();
                TextTable t = new TextTable("ID", "STATUS", "STARTED", "ENDED", "TEMPLATE", "DONE/FAILED/TOTAL", "DISK",
                        "EXPIRES").right(5, 6);
                for (SessionInfo s : all) {
                    t.row(s.shortId(), s.status().json() + (s.active() ? " (active)" : ""), when(s.createdAt()),
                            endedOrAge(s, now), s.template() == null ? "-" : s.template(), jobs(s.counts()),
                            bytes(s.cacheBytes()), s.expiresAt() == null ? "-" : when(s.expiresAt()));
                }
                t.print(out);
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One session: its state, times, output folders, counts and jobs.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "A session id or a unique prefix of 4 or more.")
        String id;

        @Option(names = "--json", description = "Print one JSON document (with every job).")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (AppContext ctx = HomeAccess.readOnly(spec)) {
                Optional<Sessions.Shown> found;
                try {
                    found = new Sessions(ctx, "cli").show(id);
                } catch (SessionArchive.AmbiguousIdException e) {
                    err.println("stl-listing: " + e.getMessage());
                    return ExitCodes.USAGE;
                }
                if (found.isEmpty()) {
                    err.println("stl-listing: no session " + id + " in " + ctx.home()
                            + " (stl-listing sessions list shows them)");
                    return ExitCodes.USAGE;
                }
                SessionInfo s = found.get().info();
                List<JobDto> jobList = found.get().queue().jobs;
                if (json) {
                    List<Map<String, Object>> jobs = new ArrayList<>();
                    for (JobDto j : jobList) {
                        jobs.add(job(j));
                    }
                    return document(out, "session", s, "jobs", jobs);
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("Session", s.id());
                fields.put("Status", s.status().json() + (s.active() ? " (the active queue)"
                        : "discarded".equals(s.reason()) ? "" : ", archived when a new queue started"));
                fields.put("Template", s.template());
                fields.put("Started", when(s.createdAt()));
                fields.put("Ended", s.endedAt() == null ? "-" : when(s.endedAt()));
                if (!s.active()) {
                    fields.put("Archived", when(s.archivedAt()));
                    fields.put("Expires", s.expiresAt() == null ? "never" : when(s.expiresAt()));
                }
                JobCounts c = s.counts();
                fields.put("Jobs", String.format(Locale.ROOT, "%d: %d completed, %d failed, %d cancelled, %d skipped,"
                        + " %d unfinished", c.total(), c.completed(), c.failed(), c.cancelled(), c.skipped(),
                        c.unfinished()));
                fields.put("Cache", bytes(s.cacheBytes()));
                fields.forEach((k, v) -> out.printf("%-10s %s%n", k + ":", v));
                out.println("Output folders:");
                if (s.outputFolders().isEmpty()) {
                    out.println("  -");
                }
                s.outputFolders().forEach(f -> out.println("  " + f));
                TextTable t = new TextTable("JOB", "STATE", "LAST STEP", "SOURCE");
                for (JobDto j : jobList.subList(0, Math.min(SHOWN_JOBS, jobList.size()))) {
                    t.row(j.id, j.state.json(), j.lastCompletedStep == null ? "-" : j.lastCompletedStep, j.stlPath);
                }
                t.print(out);
                if (jobList.size() > SHOWN_JOBS) {
                    out.println("... and " + (jobList.size() - SHOWN_JOBS) + " more (--json lists every job)");
                }
                if (!s.active()) {
                    out.println("Restore it with: stl-listing sessions restore " + s.shortId());
                }
                return ExitCodes.OK;
            }
        }

        private static Map<String, Object> job(JobDto j) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", j.id);
            m.put("state", j.state);
            m.put("source", j.stlPath);
            m.put("output_folder", j.outputFolder);
            m.put("last_completed_step", j.lastCompletedStep);
            m.put("error", j.errorMessage);
            return m;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Bring an archived session back as the queue (then: stl-listing resume).")
    static final class Restore implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "An archived session's id or a unique prefix.")
        String id;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (AppContext ctx = HomeAccess.exclusive(spec)) {
                SessionService.Restored r;
                try {
                    r = new Sessions(ctx, "cli").restore(id);
                } catch (SessionService.RefusedException e) {
                    err.println("stl-listing: cannot restore " + id + ": " + e.getMessage());
                    return ExitCodes.FAILED;
                }
                if (json) {
                    return document(out, "restored", r.restored(), "archived_first", r.archivedFirst());
                }
                if (r.archivedFirst() != null) {
                    out.println("Archived the finished queue " + r.archivedFirst().shortId() + " first.");
                }
                SessionInfo s = r.restored();
                JobCounts c = s.counts();
                out.println("Restored session " + s.shortId() + " (" + (s.template() == null ? "-" : s.template())
                        + ", " + c.total() + " jobs: " + c.done() + " done, " + c.unfinished() + " to finish).");
                out.println(c.unfinished() > 0 ? "Finish it with: stl-listing resume"
                        : "Every job of it has finished.");
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true,
            description = "Put the active queue aside (archived, restorable until it expires) and start empty.")
    static final class Discard implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (AppContext ctx = HomeAccess.exclusive(spec)) {
                SessionService.Discarded d;
                try {
                    d = new Sessions(ctx, "cli").discard();
                } catch (SessionService.RefusedException e) {
                    err.println("stl-listing: " + e.getMessage());
                    return ExitCodes.FAILED;
                }
                if (json) {
                    return document(out, "archived", d.archived(), "session_id", d.sessionId());
                }
                SessionInfo s = d.archived();
                JobCounts c = s.counts();
                out.println((s.reason().equals("discarded") ? "Discarded" : "Archived the finished") + " session "
                        + s.shortId() + ": " + c.total() + " jobs (" + c.done() + " done, " + c.unfinished()
                        + " unfinished), kept until " + when(s.expiresAt()) + ".");
                out.println("Restore it with: stl-listing sessions restore " + s.shortId());
                return ExitCodes.OK;
            }
        }
    }
}
