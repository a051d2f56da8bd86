package org.stllisting.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.stllisting.app.AppContext;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.jobs.steps.Checkpoints;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.template.OptionKey;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.output.OutputFiles;
import org.stllisting.store.Home;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * The kill-and-resume soak: a queue of generated models is processed once without interruption (the
 * reference), then again in a fresh home by the product's own command line in a child process that is killed
 * with SIGKILL at seeded random moments and resumed each time, until the queue is done; then the two output
 * trees, histories and file lists are compared ({@link SoakCheck}).
 *
 * <p>Both runs write into the same output path ({@code WORK/out}; the reference's tree is moved to
 * {@code WORK/ref-out} when it is done), so paths written into files are the same and need no normalizing.
 *
 * <p>Where each kill is aimed (seeded): {@link Phase#START} a random moment of the child's start-up (the JVM,
 * the lock, the recovery); {@link Phase#STEP} a random moment of a step, a few steps later;
 * {@link Phase#CHECKPOINT} the instant a job's checkpoint has been replaced, before the queue state records the
 * step; {@link Phase#FOLD} the instant the queue state's backups change, which happens only while the journal
 * is folded into a new snapshot (on opening a home after a crash, on closing, and when the journal grows); a
 * fold kill whose fold does not begin within a few start-up times lands at a random moment and counts as
 * {@link Phase#STEP}.
 * The number of steps a kill may let pass is bounded so that the queue cannot finish before the last kill.
 */
public final class Soak {
    /** Where a kill was aimed. */
    public enum Phase {
        START, STEP, CHECKPOINT, FOLD
    }

    /**
     * What to run.
     *
     * @param command the product's command line without arguments (launcher, or java with class path and main)
     */
    public record Config(int kills, int models, String template, boolean keepVideo, long seed, Path work,
            List<String> command) {
    }

    /**
     * One launch of the child that was killed.
     *
     * @param delayMs time from the launch to the kill
     * @param stepsBefore completed steps (over all jobs' checkpoints) when it was launched
     * @param stepsAfter completed steps after the kill
     * @param exit the child's exit code (137: SIGKILL)
     * @param running the jobs the queue state shows running after the kill, each as {@code model@last step}
     * @param checkpointAhead jobs whose checkpoint records a step the queue state does not yet have
     * @param finished jobs that reached their final state during this launch (the kill came after)
     * @param foldCut true when the kill left a fold of the queue state half done (a temporary snapshot, the
     *         old snapshot linked as backup 1 but not yet replaced, or no journal beside the snapshot)
     */
    public record Kill(int index, Phase phase, String command, long delayMs, int stepsBefore, int stepsAfter,
            int exit, List<String> running, List<String> checkpointAhead, List<String> finished, boolean foldCut) {
    }

    /** A launch that ended by itself. */
    public record Ending(int launch, String command, int exit, double seconds, String log) {
    }

    private final Config config;
    private final PrintWriter out;
    private final Random random;
    private final Path work;
    private int launchCount;
    private Process child;

    public Soak(Config config, PrintWriter out) {
        this.config = config;
        this.out = out;
        this.random = new Random(config.seed());
        this.work = config.work().toAbsolutePath().normalize();
    }

    /** Runs the whole soak; the result holds every count and finding. */
    public SoakReport run() throws IOException, InterruptedException {
        try {
            return soak();
        } finally {
            if (child != null && child.isAlive()) { // an error or an interrupt: leave no child behind
                child.destroyForcibly();
                child.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    private SoakReport soak() throws IOException, InterruptedException {
        long wall0 = System.nanoTime();
        Files.createDirectories(work.resolve("logs"));
        List<Path> models = SoakModels.write(work.resolve("models"), config.models());
        Path outDir = work.resolve("out");
        Path refOut = work.resolve("ref-out");
        Home refHome = Home.at(work.resolve("ref-home"));
        Home home = Home.at(work.resolve("home"));
        for (Path p : List.of(outDir, refOut, refHome.root(), home.root())) {
            if (Files.exists(p)) {
                throw new IOException(p + " already exists: give an empty --work folder");
            }
        }
        String templateName = installTemplate(refHome);
        installTemplate(home);

        // start-up: the product's command line with nothing to do, twice (the first may build caches)
        double startup = Double.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long t = System.nanoTime();
            Process v = launch(refHome, "--version");
            v.waitFor(120, TimeUnit.SECONDS);
            startup = Math.min(startup, (System.nanoTime() - t) / 1e9);
        }
        say(String.format(Locale.ROOT, "%d models in %s; start-up of the command line %.2f s", models.size(),
                work.resolve("models"), startup));

        long t0 = System.nanoTime();
        Process ref = launch(refHome, runArgs(templateName));
        if (!awaitEnd(ref, new HomeWatch(refHome))) {
            throw new IOException("the reference run made no progress for " + IDLE_MINUTES + " minutes and was"
                    + " stopped; see " + logOf(launchCount));
        }
        double refSeconds = (System.nanoTime() - t0) / 1e9;
        int refExit = ref.exitValue();
        if (!Files.isDirectory(outDir)) {
            throw new IOException("the reference run (exit " + refExit + ") wrote no output; see "
                    + work.resolve("logs"));
        }
        Files.move(outDir, refOut, StandardCopyOption.ATOMIC_MOVE);
        int refSteps = new HomeWatch(refHome).steps();
        say(String.format(Locale.ROOT, "reference run: %.1f s, exit %d, %d steps", refSeconds, refExit, refSteps));

        // the soak
        double stepMillis = refSteps == 0 ? 100 : Math.max(5, (refSeconds - startup) * 1000 * 2 / refSteps);
        List<Kill> kills = new ArrayList<>();
        List<Ending> endings = new ArrayList<>();
        List<SoakReport.Finding> findings = new ArrayList<>();
        int resumes = 0;
        int badExits = 0;
        boolean finished = false;
        HomeWatch watch = new HomeWatch(home);
        long soak0 = System.nanoTime();
        while (!finished) {
            if (launchCount > config.kills() + 20) {
                findings.add(new SoakReport.Finding("queue", "", "the queue did not finish after " + launchCount
                        + " launches", List.of()));
                break;
            }
            QueueStateDto before = queue(home);
            int queued = before == null ? 0 : before.jobs.size();
            if (queued > 0 && queued < models.size()) {
                findings.add(new SoakReport.Finding("queue", "queue_state.json", queued + " of " + models.size()
                        + " models queued after kill " + kills.size(), List.of(kills.size())));
            }
            boolean allFinal = before != null && queued > 0 && before.jobs.stream().allMatch(j -> j.state.isFinal());
            String[] args = queued == 0 ? runArgs(templateName) : new String[] {"resume"};
            String command = args[0];
            if (queued > 0) {
                resumes++;
            }
            int stepsBefore = watch.steps();
            long launched = System.nanoTime();
            Process p = launch(home, args);
            if (kills.size() < config.kills()) {
                Phase phase = aim(p, watch, stepsBefore, refSteps, kills.size(), startup, stepMillis);
                long delay = (System.nanoTime() - launched) / 1_000_000;
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    throw new IOException("a killed child did not end within 60 s");
                }
                int exit = p.exitValue();
                if (exit == 137) {
                    Kill k = observe(home, kills.size() + 1, phase, command, delay, stepsBefore, watch.steps(),
                            before);
                    kills.add(k);
                    if (kills.size() % 10 == 0 || kills.size() == config.kills()) {
                        say(String.format(Locale.ROOT, "kill %d of %d (%s after %d ms); steps done %d of %d",
                                kills.size(), config.kills(), phase, delay, k.stepsAfter(), refSteps));
                    }
                    continue;
                }
                // it ended by itself before the kill
                endings.add(new Ending(launchCount, command, exit, (System.nanoTime() - launched) / 1e9,
                        logOf(launchCount).toString()));
            } else {
                if (!awaitEnd(p, watch)) {
                    findings.add(new SoakReport.Finding("exit", logOf(launchCount).toString(), "the final " + command
                            + " made no progress for " + IDLE_MINUTES + " minutes and was stopped", List.of()));
                    break;
                }
                endings.add(new Ending(launchCount, command, p.exitValue(), (System.nanoTime() - launched) / 1e9,
                        logOf(launchCount).toString()));
            }
            Ending e = endings.get(endings.size() - 1);
            QueueStateDto after = queue(home);
            finished = after != null && after.jobs.size() >= models.size()
                    && after.jobs.stream().allMatch(j -> j.state.isFinal());
            boolean sane = e.exit() == refExit || (allFinal && e.exit() == 0);
            if (!sane || !finished) {
                badExits++;
                findings.add(new SoakReport.Finding("exit", e.log(), command + " ended with exit " + e.exit()
                        + " (the reference ended with " + refExit + ")" + (finished ? "" : " and the queue is not done"),
                        List.of(kills.size())));
            }
        }
        if (kills.size() < config.kills()) {
            say("note: the queue finished after " + kills.size() + " of " + config.kills()
                    + " kills; give more models for more kills");
        }

        double soakSeconds = (System.nanoTime() - soak0) / 1e9;
        SoakCheck check = new SoakCheck(refHome, refOut, home, outDir, models, kills);
        check.run();
        findings.addAll(check.findings());
        double wall = (System.nanoTime() - wall0) / 1e9;
        return new SoakReport(config, MachineInfo.describe(), templateName, models.size(), refExit, refSeconds,
                startup, refSteps, kills, endings, resumes, badExits, check, findings, soakSeconds, wall);
    }

    /**
     * The product's command line as a user starts it: the launcher of the checkout (or {@code java -jar}) when
     * this code runs from the product's jar; otherwise (from compiled classes, as in the tests) this JVM's
     * {@code java} with the same class path.
     */
    public static List<String> productCommand() {
        boolean fromJar = BenchContext.productJar().map(j -> {
            try {
                Path self = Path.of(Soak.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return self.equals(j);
            } catch (java.net.URISyntaxException | RuntimeException e) {
                return false;
            }
        }).orElse(false);
        if (fromJar) {
            return BenchContext.productCommand().orElseThrow();
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.stllisting.Main");
    }

    private String[] runArgs(String templateName) {
        return new String[] {"run", work.resolve("models").toString(), "--out", work.resolve("out").toString(),
            "--template", templateName};
    }

    /**
     * Installs the chosen template as the user template {@code soak} (without its video step unless asked),
     * so both runs use the same settings whatever the user's defaults are.
     */
    private String installTemplate(Home home) throws IOException {
        home.ensureCreated();
        AppContext ctx = AppContext.readOnly(home);
        try {
            Template t = ctx.templates().require(config.template()).copy();
            if (!config.keepVideo()) {
                t.steps.remove(StepKind.VIDEO.id());
                if (t.renderOptions.containsKey(OptionKey.GENERATE_VIDEO.key())) {
                    t.renderOptions.put(OptionKey.GENERATE_VIDEO.key(), false);
                }
            }
            t.name = "soak";
            t.displayName = "Soak: " + t.displayName;
            t.createdBy = null;
            t.createdAt = null;
            ctx.templates().save(t, true);
            // the check counts each step's runs in the jobs' checkpoints after the run
            HomeSettings.put(ctx.config(), "keep_job_caches", true);
            return t.name;
        } catch (TemplateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            ctx.close();
        }
    }

    /** A child that changes neither a checkpoint nor the queue state for this long is taken to hang. */
    static final int IDLE_MINUTES = 5;

    /** Waits for the child to end; false (after killing it) when it made no progress for {@link #IDLE_MINUTES}. */
    private static boolean awaitEnd(Process p, HomeWatch watch) throws InterruptedException {
        String last = watch.progress();
        long since = System.nanoTime();
        while (!p.waitFor(1, TimeUnit.SECONDS)) {
            String now = watch.progress();
            if (!now.equals(last)) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > TimeUnit.MINUTES.toNanos(IDLE_MINUTES)) {
                p.destroyForcibly();
                p.waitFor(60, TimeUnit.SECONDS);
                return false;
            }
        }
        return true;
    }

    /** Waits for the moment chosen for this kill; returns where it was aimed. */
    private Phase aim(Process p, HomeWatch watch, int stepsBefore, int totalSteps, int killsDone, double startup,
            double stepMillis) throws InterruptedException {
        int remainingSteps = Math.max(0, totalSteps - stepsBefore);
        int remainingKills = config.kills() - killsDone;
        // steps this kill may let pass, so that the queue outlasts the kills left
        int budget = (int) Math.floor(remainingSteps / (remainingKills + 1.0));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        double r = random.nextDouble();
        if (r < 0.2 || remainingSteps < 2) {
            long ms = (long) (random.nextDouble() * startup * 1300);
            p.waitFor(ms, TimeUnit.MILLISECONDS);
            return Phase.START;
        }
        if (r < 0.35) {
            String sig = watch.foldSignature();
            long foldDeadline = System.nanoTime() + (long) ((startup * 5 + 5) * 1e9);
            boolean seen = false;
            // no sleep between looks: a fold takes about a millisecond, a sleep can take longer on a busy machine
            while (p.isAlive() && System.nanoTime() < foldDeadline && !(seen = !sig.equals(watch.foldSignature()))) {
                Thread.yield();
            }
            return seen ? Phase.FOLD : Phase.STEP; // no fold began in time: a kill at a random moment after all
        }
        if (r < 0.6) {
            int target = stepsBefore + 1 + (budget > 1 ? random.nextInt(budget) : 0);
            while (p.isAlive() && System.nanoTime() < deadline && watch.steps() < target) {
                Thread.sleep(1);
            }
            return Phase.CHECKPOINT;
        }
        int target = stepsBefore + (budget > 0 ? random.nextInt(budget + 1) : 0);
        while (p.isAlive() && System.nanoTime() < deadline && watch.steps() < target) {
            Thread.sleep(2);
        }
        p.waitFor((long) (random.nextDouble() * stepMillis), TimeUnit.MILLISECONDS);
        return Phase.STEP;
    }

    /** What the kill left behind: running jobs, checkpoints ahead of the queue state, a half-done fold. */
    private static Kill observe(Home home, int index, Phase phase, String command, long delay, int stepsBefore,
            int stepsAfter, QueueStateDto before) {
        List<String> running = new ArrayList<>();
        List<String> ahead = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        java.util.Set<String> finalBefore = new java.util.HashSet<>();
        if (before != null) {
            before.jobs.stream().filter(j -> j.state.isFinal()).forEach(j -> finalBefore.add(j.id));
        }
        QueueStateDto q = queue(home);
        if (q != null) {
            for (JobDto j : q.jobs) {
                if (j.state.isFinal() && !finalBefore.contains(j.id)) {
                    finished.add(SoakCheck.modelOf(j.stlPath));
                }
                if (j.state.isFinal() || j.state == JobState.PENDING && j.attempts == 0) {
                    continue;
                }
                ProcessingState cp = Checkpoints.read(home.jobCacheDir(j.id));
                String cpStep = cp == null ? null : cp.lastCompletedStep;
                if (j.state == JobState.RUNNING) {
                    running.add(SoakCheck.modelOf(j.stlPath) + "@" + (cpStep == null ? "-" : cpStep));
                }
                if (cpStep != null && !Objects.equals(cpStep, j.lastCompletedStep)) {
                    ahead.add(SoakCheck.modelOf(j.stlPath) + ": checkpoint " + cpStep + ", queue "
                            + j.lastCompletedStep);
                }
            }
        }
        boolean foldCut = false;
        for (Path dir : List.of(home.root(), home.backupsDir())) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path f : s) {
                    foldCut |= OutputFiles.isPartial(f) && f.getFileName().toString().contains("queue_state");
                }
            } catch (IOException e) {
                // no backups yet
            }
        }
        foldCut |= Files.exists(home.queueStateFile()) && !Files.exists(home.queueJournalFile());
        try {
            // the old snapshot is linked as backup 1 before the new one is renamed over it
            foldCut |= Files.exists(home.queueBackupFile(1))
                    && Files.isSameFile(home.queueStateFile(), home.queueBackupFile(1));
        } catch (IOException e) {
            // no snapshot
        }
        return new Kill(index, phase, command, delay, stepsBefore, stepsAfter, 137, running, ahead, finished,
                foldCut);
    }

    /** The queue as saved (read without changing anything), or null when the home has none yet. */
    static QueueStateDto queue(Home home) {
        if (!Files.exists(home.queueStateFile()) && !Files.exists(home.queueJournalFile())) {
            return null;
        }
        QueueStateDto q = QueueStateStore.read(home).state();
        return q == null || q.jobs == null ? null : q;
    }

    private Process launch(Home home, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(config.command());
        cmd.add("--home");
        cmd.add(home.root().toString());
        cmd.addAll(List.of(args));
        launchCount++;
        Path log = logOf(launchCount);
        Files.writeString(log, String.join(" ", cmd) + "\n");
        child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return child;
    }

    private Path logOf(int launch) {
        return work.resolve("logs").resolve(String.format(Locale.ROOT, "launch-%04d.log", launch));
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    /**
     * What the parent sees of a running child's home without disturbing it: completed steps, counted from the
     * jobs' checkpoints (each read again only when it was replaced), and the queue state's backups, which
     * change only while the journal is folded.
     */
    static final class HomeWatch {
        private final Home home;
        private final Map<Path, Object[]> seen = new HashMap<>();

        HomeWatch(Home home) {
            this.home = home;
        }

        int steps() {
            Path root = home.jobCacheRoot();
            if (!Files.isDirectory(root)) {
                return 0;
            }
            int n = 0;
            try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
                for (Path dir : s) {
                    Path f = Checkpoints.file(dir);
                    Object[] last = seen.get(dir);
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(f, BasicFileAttributes.class);
                    } catch (NoSuchFileException e) {
                        n += last == null ? 0 : (int) last[2];
                        continue;
                    }
                    Object key = a.fileKey() != null ? a.fileKey() : a.lastModifiedTime();
                    if (last == null || !key.equals(last[0]) || a.lastModifiedTime().toMillis() != (long) last[1]) {
                        ProcessingState st = Checkpoints.read(dir);
                        int steps = st == null ? 0 : st.completedSteps.size();
                        last = new Object[] {key, a.lastModifiedTime().toMillis(),
                            Math.max(steps, last == null ? 0 : (int) last[2])};
                        seen.put(dir, last);
                    }
                    n += (int) last[2];
                }
            } catch (IOException e) {
                return n;
            }
            return n;
        }

        /** Changes whenever a checkpoint or the queue state does. */
        String progress() {
            long journal;
            try {
                journal = Files.size(home.queueJournalFile());
            } catch (IOException e) {
                journal = -1;
            }
            return steps() + " " + journal + " " + foldSignature();
        }

        /** The queue state's backup files and the snapshot, by name and file identity. */
        String foldSignature() {
            Map<String, Object> m = new TreeMap<>();
            for (Path dir : List.of(home.root(), home.backupsDir())) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*queue_state*")) {
                    for (Path f : s) {
                        try {
                            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                            if (!f.getFileName().toString().endsWith(".journal")) {
                                m.put(f.toString(), a.fileKey() != null ? a.fileKey() : a.lastModifiedTime());
                            } else {
                                m.put(f.toString(), "journal");
                            }
                        } catch (IOException e) {
                            m.put(f.toString(), "gone");
                        }
                    }
                } catch (IOException e) {
                    m.put(dir.toString(), "none");
                }
            }
            return m.toString();
        }
    }
}
