package org.stllisting.store;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code config.json}: user preferences, window geometry and the last choices (README, Application home). Keys this build
 * does not know are kept and written back, so an older build never loses a newer one's settings. An
 * unreadable file is logged and treated as defaults (preferences are not worth refusing to start over).
 * Thread-safe: {@link #update} is serialized; every save is atomic.
 */
public final class ConfigStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    /** The preferences DTO; unknown keys are preserved in {@link #other}. */
    public static final class Config {
        public String version = "1.0";
        public String lastTemplate;
        public String lastOutputFolder;
        public String lastOutputMode;
        public Window window;
        private final Map<String, Object> other = new LinkedHashMap<>();

        @JsonAnySetter
        public void setOther(String key, Object value) {
            other.put(key, value);
        }

        @JsonAnyGetter
        public Map<String, Object> other() {
            return other;
        }
    }

    /** Window geometry of the queue window. */
    public static final class Window {
        public double x;
        public double y;
        public double width;
        public double height;
        public boolean maximized;
    }

    public Path file() {
        return file;
    }

    public synchronized Config load() {
        if (!Files.exists(file)) {
            return new Config();
        }
        try {
            Config c = Json.readValue(file, Config.class, JsonLimits.CONFIG);
            return c == null ? new Config() : c;
        } catch (IOException e) {
            LOG.warn("{} is unreadable; using default preferences", file, e);
            return new Config();
        }
    }

    public synchronized void save(Config config) throws IOException {
        AtomicFiles.writeJson(file, config);
    }

    /**
     * Like {@link #update}, but a file that exists and cannot be read is left as it is: for a change the user asked
     * for, which should not replace everything else the file holds with defaults.
     *
     * @throws IOException naming the file and why it cannot be read; nothing is written
     */
    public synchronized Config updateReadable(Consumer<Config> change) throws IOException {
        if (Files.exists(file)) {
            try {
                Json.readValue(file, Config.class, JsonLimits.CONFIG);
            } catch (IOException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage().lines().findFirst().orElse("");
                throw new IOException(file + " cannot be read (" + why + "); nothing was changed: repair or move it, "
                        + "then try again", e);
            }
        }
        return update(change);
    }

    /** Loads, applies the change and saves atomically. */
    public synchronized Config update(Consumer<Config> change) throws IOException {
        Config c = load();
        change.accept(c);
        save(c);
        return c;
    }
}
