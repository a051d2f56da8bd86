package org.stllisting.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.jobs.queue.QueueImport;
import org.stllisting.jobs.recovery.RecoveryReport;
import org.stllisting.jobs.runner.JobFields;
import org.stllisting.jobs.runner.JobView;
import org.stllisting.jobs.template.Template;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.output.OutputMode;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;
import org.stllisting.store.queue.SessionState;

/**
 * Starting a session, importing a queue and recovering the last one through the session service, on a real
 * home in a temporary folder (queue files, journal, SQLite history) and real STL files.
 */
class SessionServiceTest {
    @TempDir
    Path tmp;

    private Home home() {
        return Home.at(tmp.resolve("home"));
    }

    private List<Path> models(String folder, int n) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(folder));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = dir.resolve("part" + i + ".stl");
            StlWriter.writeBinary(MeshGenerators.box(10 + i, 8, 6), f);
            files.add(f);
        }
        return files;
    }

    /** The queue as the next process finds it on disk. */
    private QueueStateDto onDisk() {
        return QueueStateStore.read(home()).state();
    }

    /** A home whose queue has {@code n} unfinished jobs writing into {@code out}; returns its session id. */
    private String unfinishedQueue(Path out, int n) throws Exception {
        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService s = ctx.session("cli");
            SessionService.Started started = s.start(new SessionService.Start(ctx.templates().defaultTemplate(),
                    out, null, null));
            s.runner().add(models("queued", n), null, null, null);
            return started.sessionId();
        }
    }

    @Test
    void aNewSessionTakesTheTemplateTheFolderTheModeAndTheConcurrencyAsked() throws Exception {
        Path out = tmp.resolve("out");
        String template;
        try (AppContext ctx = AppContext.exclusive(home())) {
            Template t = ctx.templates().defaultTemplate();
            template = t.name;
            SessionService.Started s = ctx.session("cli").start(new SessionService.Start(t, out, OutputMode.FLAT, 5));

            assertThat(s.continued()).isFalse();
            assertThat(s.template()).isEqualTo(t.name);
            assertThat(s.outputFolder()).isEqualTo(out.toString());
            // the runner made afterwards works on the new session
            assertThat(ctx.session("cli").runner().settings().maxConcurrentJobs()).isEqualTo(5);
        }
        QueueStateDto q = onDisk();
        assertThat(q.template).isEqualTo(template);
        assertThat(q.queueSettings.outputBaseFolder).isEqualTo(out.toString());
        assertThat(q.queueSettings.outputMode).isEqualTo(OutputMode.FLAT.label());
        assertThat(q.queueSettings.maxConcurrentJobs).isEqualTo(5);
        assertThat(q.jobs).isEmpty();
    }

    @Test
    void startingOverAnUnfinishedQueueContinuesItAndOnlyChangesTheConcurrency() throws Exception {
        Path out = tmp.resolve("out");
        String session = unfinishedQueue(out, 2);
        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService.Started s = ctx.session("cli").start(new SessionService.Start(
                    ctx.templates().defaultTemplate(), null, OutputMode.GROUPED, 3));

            assertThat(s.continued()).isTrue();
            assertThat(s.sessionId()).isEqualTo(session);
            assertThat(s.outputFolder()).isEqualTo(out.toAbsolutePath().normalize().toString());
        }
        QueueStateDto q = onDisk();
        assertThat(q.queueSessionId).isEqualTo(session);
        assertThat(q.jobs).hasSize(2).allMatch(j -> j.state == JobState.PENDING);
        assertThat(q.queueSettings.maxConcurrentJobs).isEqualTo(3);
        // the continued queue keeps its own output mode and folder
        assertThat(q.queueSettings.outputMode).isEqualTo(OutputMode.PER_MODEL.label());
        assertThat(q.queueSettings.outputBaseFolder).isEqualTo(out.toAbsolutePath().normalize().toString());
    }

    @Test
    void continuingAQueueAfterTheRunnerWasMadeChangesTheConcurrencyTheRunnerUses() throws Exception {
        unfinishedQueue(tmp.resolve("out"), 1);
        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService s = ctx.session("gui");
            s.recover();
            SessionService.Started started = s.start(new SessionService.Start(ctx.templates().defaultTemplate(), null,
                    null, 4));
            assertThat(started.continued()).isTrue();
            assertThat(s.runner().settings().maxConcurrentJobs()).isEqualTo(4);
        }
        assertThat(onDisk().queueSettings.maxConcurrentJobs).isEqualTo(4);
    }

    @Test
    void anotherOutputFolderThanTheUnfinishedQueuesIsRefusedAndChangesNothing() throws Exception {
        Path out = tmp.resolve("out");
        unfinishedQueue(out, 1);
        QueueStateDto before = onDisk();
        Path asked = tmp.resolve("asked");
        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService s = ctx.session("cli");
            assertThatThrownBy(() -> s.start(new SessionService.Start(ctx.templates().defaultTemplate(), asked, null,
                    7)))
                    .isInstanceOfSatisfying(SessionService.OtherOutputFolderException.class, e -> {
                        assertThat(e.queueFolder()).isEqualTo(out.toAbsolutePath().normalize().toString());
                        assertThat(e.asked()).isEqualTo(asked.toAbsolutePath().normalize());
                    });
        }
        QueueStateDto after = onDisk();
        assertThat(Json.mapper().writeValueAsString(after.jobs)).isEqualTo(Json.mapper().writeValueAsString(before.jobs));
        assertThat(after.queueSettings.maxConcurrentJobs).isEqualTo(before.queueSettings.maxConcurrentJobs);
        assertThat(after.queueSessionId).isEqualTo(before.queueSessionId);
        assertThat(asked).doesNotExist();
    }

    @Test
    void aNewSessionAfterTheRunnerWasMadeIsRefusedRatherThanLeftUnseenByIt() throws Exception {
        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService s = ctx.session("gui");
            s.recover();
            String session = s.runner().view().sessionId();
            assertThatThrownBy(() -> s.start(new SessionService.Start(ctx.templates().defaultTemplate(),
                    tmp.resolve("out"), null, null))).isInstanceOf(IllegalStateException.class);
            assertThat(ctx.queue().snapshot().queueSessionId).isEqualTo(session);
        }
    }

    /** A file as {@code queue export} writes it: two jobs whose output was elsewhere. */
    private Path exportedQueue(List<Path> sources) throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("output_base_folder", tmp.resolve("their-out").toString());
        settings.put("output_mode", "flat");
        settings.put("max_concurrent_jobs", 1);
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", "job" + i);
            j.put("stl_path", sources.get(i).toString());
            j.put("state", "running");
            j.put("output_folder", tmp.resolve("their-out").resolve("part" + i).toString());
            jobs.add(j);
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("version", QueueStateDto.CURRENT_VERSION);
        q.put("queue_session_id", "0123456789abcdef");
        q.put("template", "complete_processing");
        q.put("queue_settings", settings);
        q.put("jobs", jobs);
        Path file = tmp.resolve("exported.json");
        Files.writeString(file, Json.mapper().writeValueAsString(q), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void importIntoAHomeWithoutUnfinishedWorkStartsASessionWritingToTheChosenFolderNeverTwice() throws Exception {
        Path file = exportedQueue(models("src", 2));
        QueueStateDto imported = QueueImport.parse(Files.readAllBytes(file), file.toString());
        Path mine = tmp.resolve("mine");
        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService.Imported r = ctx.session("cli").importQueue(imported, mine);

            assertThat(r.added()).hasSize(2).allMatch(j -> j.state() == JobState.PENDING)
                    .allMatch(j -> Path.of(j.outputFolder()).startsWith(mine));
            assertThat(r.alreadyQueued()).isZero();
            assertThat(r.output()).isEqualTo(mine.toAbsolutePath().normalize());
            assertThat(r.filesOutput()).isEqualTo(tmp.resolve("their-out").toString());
        }
        QueueStateDto q = onDisk();
        assertThat(q.queueSessionId).isNotEqualTo("0123456789abcdef");
        assertThat(q.queueSettings.outputBaseFolder).isEqualTo(mine.toAbsolutePath().normalize().toString());
        assertThat(q.queueSettings.outputMode).isEqualTo("flat");
        assertThat(q.jobs).extracting(j -> j.id).containsExactly("job0", "job1");

        // the same file again: everything is queued already
        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService.Imported again = ctx.session("cli").importQueue(imported, null);
            assertThat(again.added()).isEmpty();
            assertThat(again.alreadyQueued()).isEqualTo(2);
            assertThat(again.output()).isEqualTo(mine.toAbsolutePath().normalize());
        }
        assertThat(onDisk().jobs).hasSize(2);
    }

    @Test
    void importWithAnotherFolderThanTheUnfinishedQueuesIsRefusedAndAddsNothing() throws Exception {
        Path out = tmp.resolve("out");
        unfinishedQueue(out, 1);
        Path file = exportedQueue(models("src", 1));
        QueueStateDto imported = QueueImport.parse(Files.readAllBytes(file), file.toString());
        try (AppContext ctx = AppContext.exclusive(home())) {
            assertThatThrownBy(() -> ctx.session("cli").importQueue(imported, tmp.resolve("elsewhere")))
                    .isInstanceOf(SessionService.OtherOutputFolderException.class);
        }
        assertThat(onDisk().jobs).hasSize(1);
        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService.Imported r = ctx.session("cli").importQueue(imported, null);
            assertThat(r.added()).hasSize(1);
            assertThat(r.output()).isEqualTo(out.toAbsolutePath().normalize());
        }
        assertThat(onDisk().jobs).hasSize(2);
    }

    @Test
    void importKeepsFinishedJobsWhoseHistoryRowsAreStillToBeWritten() throws Exception {
        Path out = tmp.resolve("out");
        unfinishedQueue(out, 1);
        // the job finished but the history could not be written then: its row waits in the queue
        String finished;
        try (QueueStateStore store = QueueStateStore.open(home())) {
            finished = store.jobIds().get(0);
            store.updateJob(finished, d -> {
                d.state = JobState.RUNNING;
                return d;
            });
            store.updateJob(finished, d -> {
                d.state = JobState.COMPLETED;
                d.results.details.put(JobFields.HISTORY_PENDING, true);
                return d;
            });
        }
        Path file = exportedQueue(models("src", 1));
        QueueStateDto imported = QueueImport.parse(Files.readAllBytes(file), file.toString());
        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService.Imported r = ctx.session("cli").importQueue(imported, null);
            assertThat(r.added()).hasSize(1);
            assertThat(r.output()).isEqualTo(out.toAbsolutePath().normalize());
        }
        QueueStateDto q = onDisk();
        assertThat(q.jobs).extracting(j -> j.id).contains(finished, "job0");
        assertThat(q.job(finished).results.details).containsEntry(JobFields.HISTORY_PENDING, true);
    }

    @Test
    void recoveryAfterACrashResumesTheInterruptedJobSkipsTheOneWhoseSourceIsGoneAndRemovesPartials()
            throws Exception {
        Path out = tmp.resolve("out");
        List<JobView> queued;
        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService s = ctx.session("cli");
            s.start(new SessionService.Start(ctx.templates().defaultTemplate(), out, null, null));
            queued = s.runner().add(models("src", 2), null, null, null);
        }
        // what a process killed in the middle of the first job's render leaves on disk
        String running = queued.get(0).id();
        String gone = queued.get(1).id();
        try (QueueStateStore store = QueueStateStore.open(home())) {
            store.updateJob(running, d -> {
                d.state = JobState.RUNNING;
                d.attempts = 1;
                d.currentStep = "render";
                d.lastCompletedStep = "analyze";
                return d;
            });
            store.setSessionState(SessionState.RUNNING);
        }
        Path partial = Files.createDirectories(Path.of(queued.get(0).outputFolder())).resolve(".render.partial.png");
        Files.write(partial, new byte[] {1, 2, 3});
        Files.delete(Path.of(queued.get(1).source()));

        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService s = ctx.session("gui");
            SessionService.Recovered r = s.recover();

            RecoveryReport report = r.report();
            assertThat(r.lostSomething()).isFalse();
            assertThat(r.loaded().source()).isNotNull();
            assertThat(report.interrupted()).isTrue();
            assertThat(report.toResume()).extracting(RecoveryReport.JobItem::jobId).containsExactly(running);
            assertThat(report.missing()).extracting(RecoveryReport.JobItem::jobId).containsExactly(gone);
            assertThat(report.partialsRemoved()).containsExactly(partial.toString());
            assertThat(partial).doesNotExist();
            // once per process: the second call answers the first recovery, it does not run again
            assertThat(s.recover()).isSameAs(r);
            assertThat(ctx.session("cli")).isSameAs(s);
        }
        QueueStateDto q = onDisk();
        JobDto resumed = q.job(running);
        assertThat(resumed.state).isEqualTo(JobState.PENDING);
        assertThat(resumed.currentStep).isNull();
        assertThat(resumed.progressMessage).startsWith("Interrupted");
        assertThat(q.job(gone).state).isEqualTo(JobState.SKIPPED);
        assertThat(q.job(gone).errorMessage).contains("no longer exists");
    }

    @Test
    void recoveryHoldsWhatTheLoadCouldNotRecover() throws Exception {
        unfinishedQueue(tmp.resolve("out"), 1);
        // the snapshot is damaged and the changes since the backup before it are gone
        Files.writeString(home().queueStateFile(), "garbage", StandardCharsets.UTF_8);
        try (var backups = Files.list(home().backupsDir())) {
            for (Path f : backups.filter(f -> f.toString().endsWith(".journal")).toList()) {
                Files.delete(f);
            }
        }
        try (AppContext ctx = AppContext.exclusive(home())) {
            SessionService.Recovered r = ctx.session("cli").recover();
            assertThat(r.lostSomething()).isTrue();
            assertThat(r.loaded().lost()).isNotEmpty();
            assertThat(r.report().stateMessage()).isEqualTo(r.loaded().message());
        }
    }
}
