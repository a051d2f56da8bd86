package org.stllisting.app;

import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.app.settings.Setting;
import org.stllisting.app.storage.CacheCap;
import org.stllisting.jobs.runner.Housekeeper;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.steps.ListingSteps;
import org.stllisting.jobs.template.TemplateRepository;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.QueueStateStore;

/**
 * The composition root shared by the GUI and the command line: the home and the stores built on it.
 * {@link #exclusive} holds the home's instance lock and opens the queue state for changes;
 * {@link #readOnly} takes no lock and never changes the queue (status, history, templates).
 *
 * <p>Thread-safe after construction; {@link #close()} once, when the program ends.
 */
public final class AppContext implements AutoCloseable {
    private final Home home;
    private final InstanceLock lock;
    private final QueueStateStore queue;
    private final ConfigStore config;
    private final TemplateRepository templates;
    private HistoryStore history;
    private QueueRunner runner;
    private SessionService session;

    private AppContext(Home home, InstanceLock lock, QueueStateStore queue) {
        this.home = home;
        this.lock = lock;
        this.queue = queue;
        this.config = new ConfigStore(home.configFile());
        this.templates = new TemplateRepository(home.templatesDir(), config);
    }

    /**
     * Takes the home's lock and opens the queue for changes. Fails at once with the holder's pid when
     * another instance has the home.
     */
    public static AppContext exclusive(Home home) throws InstanceLock.LockedException, IOException {
        home.ensureCreated();
        InstanceLock lock = InstanceLock.acquire(home);
        try {
            QueueStateStore queue = QueueStateStore.open(home, storeOptions(home));
            return new AppContext(home, lock, queue);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * The queue state store's tuning, with as many backups kept as the home's {@code backup_keep_count} says (a
     * hand-edited count outside the setting's range is brought into it).
     */
    static QueueStateStore.Options storeOptions(Home home) {
        int keep = HomeSettings.load(new ConfigStore(home.configFile())).backupKeepCount();
        Setting s = Setting.BACKUP_KEEP_COUNT;
        return QueueStateStore.Options.defaults().withKeepBackups((int) Math.max(s.min(), Math.min(keep, s.max())));
    }

    /** No lock, no queue changes: for read-only commands, which work while another instance runs. */
    public static AppContext readOnly(Home home) {
        return new AppContext(home, null, null);
    }

    public Home home() {
        return home;
    }

    public boolean isExclusive() {
        return lock != null;
    }

    /** The queue state store; only in an {@link #exclusive} context. */
    public QueueStateStore queue() {
        if (queue == null) {
            throw new IllegalStateException("the queue can only be changed while holding the home's lock");
        }
        return queue;
    }

    public ConfigStore config() {
        return config;
    }

    public TemplateRepository templates() {
        return templates;
    }

    /** The job history, opened (and migrated) on first use. */
    public synchronized HistoryStore history() throws IOException {
        if (history == null) {
            Files.createDirectories(home.root());
            history = HistoryStore.open(home.historyDb());
        }
        return history;
    }

    /**
     * The job runner on this context's queue, with the product's steps; created on first use. Only in an
     * {@link #exclusive} context. {@code createdBy} ({@code cli} or {@code gui}) goes into the history.
     */
    public synchronized QueueRunner runner(String createdBy) throws IOException {
        if (runner == null) {
            HistoryStore h = history();
            // between jobs the cache is kept under the home's cap (read each time: a changed setting applies),
            // never removing the cache of a job the queue has unfinished when its turn comes
            QueueStateStore q = queue();
            Housekeeper cap = keep -> CacheCap.enforce(home, h, q,
                    HomeSettings.load(config).cacheCapMb() * 1024 * 1024, keep);
            runner = new QueueRunner(home, queue(), h, templates::require, new ListingSteps(),
                    QueueRunner.Config.defaults(createdBy, AppVersion.get())
                            .withKeepJobCaches(HomeSettings.load(config).keepJobCaches())
                            .withHousekeeper(cap, Duration.ofSeconds(30))
                            .withLowPriority(lowPriorityJobs(createdBy)));
        }
        return runner;
    }

    /**
     * The window runs its jobs at low priority, so that it answers at once while they render; the command line
     * has no window to keep responsive and runs them at normal priority (run it under {@code nice} to lower
     * it). The system property {@code stl.lowPriorityJobs=false} turns it off, to compare.
     */
    static boolean lowPriorityJobs(String createdBy) {
        return "gui".equals(createdBy) && Boolean.parseBoolean(System.getProperty("stl.lowPriorityJobs", "true"));
    }

    /** True once {@link #runner} has made the runner. */
    synchronized boolean hasRunner() {
        return runner != null;
    }

    /**
     * The session service on this context's queue (start a session, import a queue, recover), one per
     * context; only in an {@link #exclusive} context. {@code createdBy} as for {@link #runner}.
     */
    public synchronized SessionService session(String createdBy) {
        queue();
        if (session == null) {
            session = new SessionService(this, createdBy);
        }
        return session;
    }

    @Override
    public void close() throws IOException {
        try {
            QueueRunner r;
            synchronized (this) {
                r = runner;
            }
            if (r != null) {
                r.close();
            }
        } finally {
            closeStores();
        }
    }

    private void closeStores() throws IOException {
        try {
            if (queue != null) {
                queue.close();
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
