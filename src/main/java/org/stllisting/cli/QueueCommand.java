package org.stllisting.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stllisting.app.AppContext;
import org.stllisting.app.BackupRestore;
import org.stllisting.app.QueueTransfer;
import org.stllisting.app.SessionService;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.Json;
import org.stllisting.store.queue.QueueBackups;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stl-listing queue export FILE | import FILE} (docs/ARCHITECTURE.md, Recovery): a queue moves to another machine or home
 * as a {@code queue_state.json}-shaped file. Import never duplicates a job already queued (same id or same
 * source file) and keeps every per-job override; {@code resume} then processes the imported jobs.
 */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Export or import the queue.",
        subcommands = {QueueCommand.Export.class, QueueCommand.Import.class, QueueCommand.Retry.class,
            QueueCommand.Remove.class, QueueCommand.Backups.class, QueueCommand.RestoreBackup.class})
public final class QueueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: say 'queue export FILE', 'queue import FILE', "
                + "'queue retry ID...|--failed', 'queue remove ID...', 'queue backups' or 'queue restore-backup N'");
        return ExitCodes.USAGE;
    }

    /** {@code queue export FILE}: read-only, works while another instance runs. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the queue to FILE (JSON).")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            int jobs = QueueTransfer.write(QueueStateStore.read(HomeAccess.home(spec)).state(), file);
            spec.commandLine().getOut().println("Exported " + jobs + " job(s) to " + file);
            return ExitCodes.OK;
        }
    }

    /**
     * {@code queue import FILE [--out DIR]}: the jobs of a queue file, checked first (all or nothing). Their
     * output goes into the folder the importing user chose, never the one the file names: into {@code --out
     * DIR} (default {@code ./stl-listing-output}, as for {@code run}) when no unfinished queue is here, else
     * into the unfinished queue's output folder.
     */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add the jobs of an exported queue to this one (never twice); 'resume' processes them. "
                    + "Their output goes into --out DIR (or the unfinished queue's folder), never the folder "
                    + "the file names.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Output folder of the imported jobs (default: the default_output_folder setting, "
                        + "else ./stl-listing-output); only for a queue with no unfinished jobs.")
        Path outDir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            QueueStateDto imported;
            try {
                imported = QueueTransfer.read(file);
            } catch (QueueTransfer.UnreadableException e) {
                err.println("stl-listing: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            try (AppContext ctx = HomeAccess.exclusive(spec)) {
                SessionService.Imported r;
                try {
                    r = ctx.session("cli").importQueue(imported, outDir);
                } catch (SessionService.OtherOutputFolderException e) {
                    err.println("stl-listing: the unfinished queue here writes to "
                            + Path.of(e.queueFolder()).toAbsolutePath().normalize() + "; the imported "
                            + "jobs join it there. --out applies to a home without unfinished jobs "
                            + "(finish or clean this queue first)");
                    return ExitCodes.USAGE;
                }
                String theirs = r.filesOutput();
                out.println("Imported " + r.added().size() + " job(s)" + (r.alreadyQueued() > 0 ? "; "
                        + r.alreadyQueued() + " already queued (not duplicated)" : "") + ". Output: " + r.output()
                        + (theirs != null && !Path.of(theirs).equals(r.output()) ? " (the file's own output folder "
                                + theirs + " is not used)" : "")
                        + ". 'stl-listing resume' processes them.");
                return ExitCodes.OK;
            }
        }
    }

    /** {@code queue retry ID...|--failed}: failed, skipped or cancelled jobs go back into the queue. */
    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Queue failed, skipped or cancelled jobs again; 'resume' processes them.")
    static final class Retry implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Option(names = "--failed", description = "Every failed job.")
        boolean allFailed;

        @Parameters(arity = "0..*", paramLabel = "ID")
        List<String> ids = new java.util.ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (!allFailed && ids.isEmpty()) {
                spec.commandLine().getErr().println("stl-listing: name job IDs (see 'stl-listing status') or --failed");
                return ExitCodes.USAGE;
            }
            try (AppContext ctx = HomeAccess.exclusive(spec)) {
                QueueRunner runner = ctx.runner("cli");
                int n = allFailed ? runner.retryAllFailed() : 0;
                for (String id : ids) {
                    if (runner.job(id) == null) {
                        spec.commandLine().getErr().println("stl-listing: no job " + id + " in the queue");
                        return ExitCodes.USAGE;
                    }
                    if (runner.retry(id)) {
                        n++;
                    }
                }
                spec.commandLine().getOut().println("Queued " + n + " job(s) again; 'stl-listing resume' processes them.");
                return ExitCodes.OK;
            }
        }
    }

    /** {@code queue remove ID...}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Take jobs off the queue.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "ID")
        List<String> ids;

        @Override
        public Integer call() throws Exception {
            try (AppContext ctx = HomeAccess.exclusive(spec)) {
                QueueRunner runner = ctx.runner("cli");
                // a mistyped id removes nothing, so the command can be run again with the list put right
                List<String> unknown = ids.stream().distinct().filter(id -> runner.job(id) == null).toList();
                if (!unknown.isEmpty()) {
                    spec.commandLine().getErr().println("stl-listing: no job" + (unknown.size() == 1 ? " " : "s ")
                            + String.join(", ", unknown) + " in the queue (see 'stl-listing status'); nothing was "
                            + "removed");
                    return ExitCodes.USAGE;
                }
                int n = runner.remove(ids);
                spec.commandLine().getOut().println("Removed " + n + " job(s).");
                return ExitCodes.OK;
            }
        }
    }

    /** {@code queue backups}: read-only, works while another instance runs. */
    @Command(name = "backups", mixinStandardHelpOptions = true,
            description = "The queue state backups: number (1 the newest), time, jobs, and whether it can be restored.")
    static final class Backups implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        /** One backup in {@code --json}. */
        record Row(int number, String file, java.time.Instant saved, int jobs, boolean valid, String problem) {
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<QueueBackups.Backup> all = QueueBackups.list(HomeAccess.home(spec));
            if (json) {
                out.println(Json.mapper().writeValueAsString(all.stream().map(b -> new Row(b.number(),
                        b.file().toString(), b.saved(), b.jobs(), b.valid(), b.problem())).toList()));
                return ExitCodes.OK;
            }
            if (all.isEmpty()) {
                out.println("No queue backups yet in " + HomeAccess.home(spec).backupsDir() + ".");
                return ExitCodes.OK;
            }
            java.time.format.DateTimeFormatter when = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT).withZone(java.time.ZoneId.systemDefault());
            TextTable table = new TextTable("N", "SAVED", "JOBS", "STATE").right(0, 2);
            for (QueueBackups.Backup b : all) {
                table.row(b.number(), b.saved() == null ? "-" : when.format(b.saved()), b.jobs() < 0 ? "-" : b.jobs(),
                        b.valid() ? "valid" : "unusable: " + b.problem());
            }
            table.print(out);
            out.println("'stl-listing queue restore-backup N' makes one the queue again (the current one is kept).");
            return ExitCodes.OK;
        }
    }

    /** {@code queue restore-backup N}: needs the home. */
    @Command(name = "restore-backup", mixinStandardHelpOptions = true,
            description = "Make backup N the queue again; the current queue files are copied into "
                    + "backups/replaced/<time>/ first. 'resume' then finishes it.")
    static final class RestoreBackup implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "N")
        int number;

        @Override
        public Integer call() throws Exception {
            BackupRestore.Restored r;
            try {
                r = BackupRestore.restore(HomeAccess.home(spec), number);
            } catch (QueueBackups.UnusableBackupException e) {
                spec.commandLine().getErr().println("stl-listing: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            spec.commandLine().getOut().println("Restored backup " + r.number() + " (" + r.jobs() + " job(s), saved "
                    + r.saved() + ") as the queue; the replaced queue files are in " + r.keptIn()
                    + ". 'stl-listing resume' finishes it.");
            return ExitCodes.OK;
        }
    }
}
