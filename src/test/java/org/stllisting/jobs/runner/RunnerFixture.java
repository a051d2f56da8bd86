package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.stllisting.jobs.steps.JobStep;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.steps.StepSet;
import org.stllisting.jobs.template.Template;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateStore;

/** A real home, queue state store, history database and runner in a temporary folder. */
final class RunnerFixture implements AutoCloseable {
    final Path dir;
    final Home home;
    final Path out;
    final Path sources;
    final QueueStateStore store;
    final HistoryStore history;
    final Template template;
    final QueueRunner runner;
    final List<RunnerEvent> events = new CopyOnWriteArrayList<>();
    final List<String> eventThreads = new CopyOnWriteArrayList<>();

    RunnerFixture(Path dir, StepSet steps, QueueSettingsDto settings, String... stepNames) throws IOException {
        this(dir, steps, settings, HistoryStore.DEFAULT_BUSY_TIMEOUT, stepNames);
    }

    /** {@code historyBusy}: how long the history waits for another connection's lock. */
    RunnerFixture(Path dir, StepSet steps, QueueSettingsDto settings, Duration historyBusy, String... stepNames)
            throws IOException {
        // most tests look at the checkpoints after a finished run; the product removes them
        this(dir, steps, settings, historyBusy, c -> c.withKeepJobCaches(true), stepNames);
    }

    /** {@code config}: changes the runner's configuration (made for tests: disk polled every 50 ms). */
    RunnerFixture(Path dir, StepSet steps, QueueSettingsDto settings, Duration historyBusy,
            java.util.function.UnaryOperator<QueueRunner.Config> config, String... stepNames) throws IOException {
        this.dir = dir;
        this.home = Home.at(dir.resolve("home")).ensureCreated();
        this.out = dir.resolve("out");
        this.sources = Files.createDirectories(dir.resolve("src"));
        this.store = QueueStateStore.open(home);
        this.history = HistoryStore.open(home.historyDb(), historyBusy);
        this.template = new Template();
        template.name = "test";
        template.displayName = "Test";
        template.steps = new ArrayList<>(List.of(stepNames.length == 0
                ? new String[] {"load", "validate", "analyze", "render", "finalize"} : stepNames));
        settings.outputBaseFolder = out.toString();
        store.updateSettings(settings);
        store.updateOptions("test", Map.of(), Map.of());
        this.runner = new QueueRunner(home, store, history, name -> template, steps,
                config.apply(QueueRunner.Config.defaults("cli", "test").withDiskPoll(Duration.ofMillis(50))));
        runner.addListener(e -> {
            events.add(e);
            eventThreads.add(Thread.currentThread().getName());
        });
    }

    static QueueSettingsDto settings() {
        QueueSettingsDto s = new QueueSettingsDto();
        s.maxConcurrentJobs = 2;
        s.autoRetryFailed = false;
        s.retryBackoffSeconds = 0.05;
        s.minFreeDiskMb = 0;
        s.jobTimeoutSeconds = 0;
        return s;
    }

    List<Path> sources(String... names) throws IOException {
        List<Path> l = new ArrayList<>();
        for (String n : names) {
            l.add(Files.writeString(sources.resolve(n), "solid " + n + "\nendsolid\n"));
        }
        return l;
    }

    /** Waits (up to 20 s) for an event matching the predicate; fails the test if none comes. */
    <T extends RunnerEvent> T await(Class<T> type, Predicate<T> p) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            for (RunnerEvent e : events) {
                if (type.isInstance(e) && p.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no " + type.getSimpleName() + " event matching within 20 s; got " + events);
    }

    <T extends RunnerEvent> List<T> all(Class<T> type) {
        List<T> l = new ArrayList<>();
        for (RunnerEvent e : events) {
            if (type.isInstance(e)) {
                l.add(type.cast(e));
            }
        }
        return l;
    }

    void finish() throws InterruptedException {
        if (!runner.awaitFinished(Duration.ofSeconds(30))) {
            throw new AssertionError("queue did not finish: " + runner.view());
        }
        runner.drainEvents(Duration.ofSeconds(5));
    }

    /** A step set where every step writes one small file named after the step, unless overridden. */
    static StepSet writing(Map<StepKind, JobStep> overrides) {
        return kind -> overrides.containsKey(kind) ? overrides.get(kind) : ctx -> {
            Path target = ctx.layout().inside(ctx.outputs().name() + "/" + kind.id() + ".txt");
            Files.writeString(ctx.stage(target), kind.id() + " of " + ctx.outputs().name());
            ctx.results().put("ok", true);
        };
    }

    @Override
    public void close() throws IOException {
        runner.close();
        store.close();
    }
}
