package org.stllisting.ui.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.stllisting.app.SettingsService;
import org.stllisting.app.settings.InvalidSettingException;
import org.stllisting.app.settings.Setting;
import org.stllisting.ui.Background;
import org.stllisting.ui.mainwindow.Formats;

/**
 * The settings pane's state, without controls: one {@link Field} per {@link Setting}, holding the text the user
 * edits, the value in use, whether it differs from the default, and the line saying why a typed value was
 * refused. A value is checked with the setting's own parser before anything is written; reading and saving go
 * through {@link SettingsService} in the background. Used on the FX thread only.
 */
public final class SettingsViewModel {
    /** One setting as the pane shows it. */
    public static final class Field {
        private final Setting setting;
        private final StringProperty text = new SimpleStringProperty("");
        private final ReadOnlyStringWrapper saved = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
        private final BooleanProperty notDefault = new SimpleBooleanProperty();

        Field(Setting setting) {
            this.setting = setting;
        }

        public Setting setting() {
            return setting;
        }

        /** What the user typed or chose, as text the setting's parser reads. */
        public StringProperty textProperty() {
            return text;
        }

        /** The value in use, as text. */
        public ReadOnlyStringProperty savedProperty() {
            return saved.getReadOnlyProperty();
        }

        /** Why the typed value was refused, empty when it was not. */
        public ReadOnlyStringProperty errorProperty() {
            return error.getReadOnlyProperty();
        }

        /** True when the value in use is not the default. */
        public BooleanProperty notDefaultProperty() {
            return notDefault;
        }

        /** True when the text differs from the value in use. */
        public boolean edited() {
            return !Objects.equals(text.get().strip(), saved.get());
        }

        /** What an unset output folder means in the window. */
        public static final String WHEN_UNSET = "the folder picked last, else ~/STL Listings";

        /** The setting's name in plain words ("Jobs at once"); its key is for the command line and config.json. */
        public String label() {
            return switch (setting) {
                case MAX_CONCURRENT_JOBS -> "Jobs at once";
                case AUTO_RETRY_FAILED -> "Retry failed jobs";
                case MAX_RETRY_ATTEMPTS -> "Retries per job";
                case RETRY_BACKOFF_SECONDS -> "Wait before a retry";
                case JOB_TIMEOUT -> "Time limit per job";
                case MIN_FREE_DISK_MB -> "Pause below free space";
                case BACKUP_KEEP_COUNT -> "Queue backups kept";
                case CACHE_CAP_MB -> "Cache size limit";
                case ARCHIVE_RETENTION_DAYS -> "Keep discarded sessions";
                case HISTORY_KEEP_DAYS -> "Keep history";
                case DEFAULT_OUTPUT_FOLDER -> "Output folder";
                case DEFAULT_OUTPUT_MODE -> "Output mode";
                case KEEP_JOB_CACHES -> "Keep job caches";
            };
        }

        /** A refusal as the parser words it, named by the label the window shows instead of the key. */
        String inWords(String message) {
            String key = setting.key() + ": ";
            return message != null && message.startsWith(key) ? label() + ": " + message.substring(key.length())
                    : message;
        }

        /** What the setting does, in the window's words (the command line's words name its options). */
        public String help() {
            return switch (setting) {
                case DEFAULT_OUTPUT_FOLDER -> "where a new session writes when no folder was picked for it";
                case DEFAULT_OUTPUT_MODE -> "how outputs are laid out when the template names no layout";
                default -> setting.description();
            };
        }

        /** The default in words, as the pane shows it beside the field. */
        public String defaultText() {
            return setting.defaultValue() == null ? (setting.type() == Setting.Type.PATH ? WHEN_UNSET
                    : "per-model") : setting.format(setting.defaultValue());
        }

        void show(SettingsService.Entry e) {
            String v = e.value() == null ? "" : plain(e.value());
            saved.set(v);
            text.set(v);
            notDefault.set(e.set());
            error.set("");
        }
    }

    private final SettingsService service;
    private final Background background;
    private final Map<Setting, Field> fields = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public SettingsViewModel(SettingsService service, Background background) {
        this.service = service;
        this.background = background;
        for (Setting s : Setting.values()) {
            fields.put(s, new Field(s));
        }
    }

    public List<Field> fields() {
        return List.copyOf(fields.values());
    }

    /** The fields of one scope, in the vocabulary's order. */
    public List<Field> fields(Setting.Scope scope) {
        return fields.values().stream().filter(f -> f.setting.scope() == scope).toList();
    }

    public Field field(Setting s) {
        return fields.get(s);
    }

    /** A line on what the last save did. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Reads every setting in the background. */
    public void load() {
        background.submit("Reading the settings", service::list, entries -> entries.forEach(e -> fields.get(
                e.setting()).show(e)));
    }

    /**
     * Saves the edited fields all or nothing: each is checked first ({@link SettingsService#check}); when any is
     * refused, its reason is shown under it, every field keeps its text and nothing is written. Else all are saved
     * in the background.
     *
     * @return how many fields were refused
     */
    public int save() {
        List<Field> edited = new ArrayList<>();
        int refused = 0;
        for (Field f : fields.values()) {
            f.error.set("");
            if (!f.edited()) {
                continue;
            }
            try {
                service.check(f.setting, f.text.get());
                edited.add(f);
            } catch (InvalidSettingException e) {
                f.error.set(f.inWords(e.getMessage()));
                refused++;
            }
        }
        if (refused > 0) {
            status.set("Nothing saved: " + Formats.count(refused, "value") + " refused");
            return refused;
        }
        if (edited.isEmpty()) {
            status.set("Nothing changed");
            return 0;
        }
        List<String> texts = edited.stream().map(f -> f.text.get()).toList();
        background.submit("Saving the settings", () -> {
            List<Outcome> out = new ArrayList<>();
            for (int i = 0; i < edited.size(); i++) {
                Field f = edited.get(i);
                try {
                    out.add(new Outcome(f, service.set(f.setting, texts.get(i)), null));
                } catch (InvalidSettingException e) {
                    out.add(new Outcome(f, null, e.getMessage()));
                }
            }
            return out;
        }, outcomes -> {
            int saved = 0;
            int late = 0;
            for (Outcome o : outcomes) {
                if (o.error() != null) {
                    o.field().error.set(o.field().inWords(o.error()));
                    late++;
                } else {
                    o.field().show(o.entry());
                    saved++;
                }
            }
            status.set("Saved " + Formats.count(saved, "setting") + (late > 0 ? "; " + late + " refused" : ""));
        });
        return 0;
    }

    /** Puts one setting back to its default, in the background. */
    public void reset(Field f) {
        background.submit("Resetting " + f.setting.key(), () -> service.reset(f.setting), e -> {
            f.show(e);
            status.set(f.setting.key() + " is back to its default");
        });
    }

    /** Drops what was typed and not saved. */
    public void revert() {
        for (Field f : fields.values()) {
            f.text.set(f.saved.get());
            f.error.set("");
        }
        status.set("");
    }

    private record Outcome(Field field, SettingsService.Entry entry, String error) {
    }

    /** A value as the parser reads it back: a whole double without its fraction. */
    private static String plain(Object value) {
        return value instanceof Double d && d == Math.rint(d) && !d.isInfinite() ? Long.toString(d.longValue())
                : value.toString();
    }
}
