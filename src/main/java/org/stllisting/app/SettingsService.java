package org.stllisting.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.app.settings.InvalidSettingException;
import org.stllisting.app.settings.Setting;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.jobs.runner.QueueSettings;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.queue.QueueSettingsDto;
import org.stllisting.store.queue.QueueStateStore;

/**
 * Lists, reads and changes the settings of {@link Setting}: the queue's in the active queue (through the runner
 * when this context has one, else through the queue state store), the home's in {@code config.json} (atomically,
 * keys this build does not know kept). Reading takes no lock. Changing a queue setting needs the home's lock: in
 * a read-only context it is taken for the change, and refused with the holder's pid when another process has the
 * home, since that process owns the queue. Home settings can be changed while another process runs; it reads them
 * the next time it opens the home.
 *
 * <p>Thread-safe.
 */
public final class SettingsService {
    private final AppContext ctx;

    public SettingsService(AppContext ctx) {
        this.ctx = ctx;
    }

    /**
     * One setting as it stands.
     *
     * @param value the value in use (the default when none is set)
     * @param set   for a home setting: {@code config.json} holds a usable value; for a queue setting (the queue
     *              always holds every value): the value differs from the default
     */
    public record Entry(Setting setting, Object value, boolean set) {
        public Object defaultValue() {
            return setting.defaultValue();
        }
    }

    /** Every setting, in the vocabulary's order. */
    public List<Entry> list() {
        QueueSettingsDto queue = queueSettings();
        Map<?, ?> home = homeMap(ctx.config().load());
        List<Entry> all = new ArrayList<>();
        for (Setting s : Setting.values()) {
            all.add(entry(s, queue, home));
        }
        return all;
    }

    public Entry get(Setting s) {
        return entry(s, s.scope() == Setting.Scope.QUEUE ? queueSettings() : null, homeMap(ctx.config().load()));
    }

    /**
     * Parses {@code text} ({@link Setting#parse}) and makes it the setting's value: durable on return.
     *
     * @throws InvalidSettingException when the value cannot be used (also a default output folder in the home)
     * @throws InstanceLock.LockedException a queue setting while another process holds the home
     */
    public Entry set(Setting s, String text) throws InvalidSettingException, InstanceLock.LockedException,
            IOException {
        return write(s, check(s, text));
    }

    /**
     * The typed value {@code text} would give the setting, without writing it: the checks of {@link #set}, so that
     * several values can be checked before any of them is saved.
     *
     * @throws InvalidSettingException when the value cannot be used
     */
    public Object check(Setting s, String text) throws InvalidSettingException {
        Object value = s.parse(text);
        if (s == Setting.DEFAULT_OUTPUT_FOLDER) {
            String problem = outputFolderProblem(ctx.home(), Path.of((String) value));
            if (problem != null) {
                throw new InvalidSettingException(s, text, s.key() + ": " + problem);
            }
        }
        return value;
    }

    /** Back to the default: a home setting is taken out of {@code config.json}, a queue setting gets its default. */
    public Entry reset(Setting s) throws InstanceLock.LockedException, IOException {
        return write(s, null);
    }

    /**
     * Why {@code folder} cannot be a default output folder, or null when it can: a folder in the application home
     * (caches and sessions there are cleaned up) is refused, also when reached through a symbolic link.
     */
    public static String outputFolderProblem(Home home, Path folder) {
        Path root = home.root().toAbsolutePath().normalize();
        Path f = folder.toAbsolutePath().normalize();
        if (f.startsWith(root) || real(f).startsWith(real(root))) {
            return f + " is inside the application home " + root + "; choose a folder outside it";
        }
        return null;
    }

    /** The real path of the nearest existing folder of {@code p}, with the rest of {@code p} after it. */
    private static Path real(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            return p;
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** {@code value} null: the default. */
    private Entry write(Setting s, Object value) throws InstanceLock.LockedException, IOException {
        if (s.scope() == Setting.Scope.HOME) {
            ConfigStore.Config c = ctx.config().updateReadable(config -> {
                Map<String, Object> m = new LinkedHashMap<>();
                if (config.other().get(HomeSettings.CONFIG_KEY) instanceof Map<?, ?> old) {
                    old.forEach((k, v) -> m.put(String.valueOf(k), v));
                }
                if (value == null) {
                    m.remove(s.key());
                } else {
                    m.put(s.key(), value);
                }
                config.setOther(HomeSettings.CONFIG_KEY, m);
            });
            return entry(s, null, homeMap(c));
        }
        Object v = value == null ? s.defaultValue() : value;
        if (ctx.isExclusive()) {
            return entry(s, writeQueue(ctx, s, v), Map.of());
        }
        try (AppContext owner = AppContext.exclusive(ctx.home())) {
            return entry(s, writeQueue(owner, s, v), Map.of());
        }
    }

    /** Changes one queue setting through the runner if {@code c} made one, else through the store. */
    private static QueueSettingsDto writeQueue(AppContext c, Setting s, Object v) throws IOException {
        if (c.hasRunner()) {
            QueueRunner runner = c.runner("settings");
            QueueSettings q = runner.settings();
            runner.updateSettings(switch (s) {
                case MAX_CONCURRENT_JOBS -> q.withMaxConcurrentJobs((Integer) v);
                case AUTO_RETRY_FAILED -> q.withRetries((Boolean) v, q.maxRetryAttempts(), q.retryBackoffSeconds());
                case MAX_RETRY_ATTEMPTS -> q.withRetries(q.autoRetryFailed(), (Integer) v, q.retryBackoffSeconds());
                case RETRY_BACKOFF_SECONDS -> q.withRetries(q.autoRetryFailed(), q.maxRetryAttempts(), (Double) v);
                case JOB_TIMEOUT -> q.withJobTimeoutSeconds((Long) v);
                case MIN_FREE_DISK_MB -> q.withMinFreeDiskMb((Long) v);
                default -> throw new IllegalArgumentException(s.key() + " is not a queue setting");
            });
            return runner.settings().toDto();
        }
        QueueStateStore store = c.queue();
        QueueSettingsDto d = store.snapshot().queueSettings;
        switch (s) {
            case MAX_CONCURRENT_JOBS -> d.maxConcurrentJobs = (Integer) v;
            case AUTO_RETRY_FAILED -> d.autoRetryFailed = (Boolean) v;
            case MAX_RETRY_ATTEMPTS -> d.maxRetryAttempts = (Integer) v;
            case RETRY_BACKOFF_SECONDS -> d.retryBackoffSeconds = (Double) v;
            case JOB_TIMEOUT -> d.jobTimeoutSeconds = (Long) v;
            case MIN_FREE_DISK_MB -> d.minFreeDiskMb = (Long) v;
            default -> throw new IllegalArgumentException(s.key() + " is not a queue setting");
        }
        store.updateSettings(d);
        return d;
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** The active queue's settings: from this context's store, else read without a lock. */
    private QueueSettingsDto queueSettings() {
        if (ctx.isExclusive()) {
            return ctx.queue().snapshot().queueSettings;
        }
        QueueSettingsDto d = QueueStateStore.read(ctx.home()).state().queueSettings;
        return d == null ? new QueueSettingsDto() : d;
    }

    private static Map<?, ?> homeMap(ConfigStore.Config c) {
        return c.other().get(HomeSettings.CONFIG_KEY) instanceof Map<?, ?> m ? m : Map.of();
    }

    private static Entry entry(Setting s, QueueSettingsDto queue, Map<?, ?> home) {
        if (s.scope() == Setting.Scope.HOME) {
            Object v = s.coerce(home.get(s.key()));
            return new Entry(s, v == null ? s.defaultValue() : v, v != null);
        }
        Object v = switch (s) {
            case MAX_CONCURRENT_JOBS -> queue.maxConcurrentJobs;
            case AUTO_RETRY_FAILED -> queue.autoRetryFailed;
            case MAX_RETRY_ATTEMPTS -> queue.maxRetryAttempts;
            case RETRY_BACKOFF_SECONDS -> queue.retryBackoffSeconds;
            case JOB_TIMEOUT -> queue.jobTimeoutSeconds;
            case MIN_FREE_DISK_MB -> queue.minFreeDiskMb;
            default -> throw new IllegalArgumentException(s.key() + " is not a queue setting");
        };
        return new Entry(s, v, !Objects.equals(v, s.defaultValue()));
    }
}
