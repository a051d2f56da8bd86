package org.stllisting.app.settings;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stllisting.output.OutputMode;
import org.stllisting.store.queue.QueueSettingsDto;

/**
 * Every setting a user can change, of the active queue or of the home: the one list the command line and the
 * window show, with each setting's key, where it is kept, its type, unit, default, allowed range and meaning,
 * and the strict parsing of a typed value ({@code 30min}, {@code 2GB}).
 */
public enum Setting {
    MAX_CONCURRENT_JOBS("max_concurrent_jobs", Scope.QUEUE, Type.INT, Unit.JOBS, Q.D.maxConcurrentJobs, 1, 64,
            "models processed at the same time"),
    AUTO_RETRY_FAILED("auto_retry_failed", Scope.QUEUE, Type.BOOLEAN, Unit.NONE, Q.D.autoRetryFailed, 0, 0,
            "a failed job is queued again by itself"),
    MAX_RETRY_ATTEMPTS("max_retry_attempts", Scope.QUEUE, Type.INT, Unit.ATTEMPTS, Q.D.maxRetryAttempts, 0, 20,
            "automatic retries of a failed job"),
    RETRY_BACKOFF_SECONDS("retry_backoff_seconds", Scope.QUEUE, Type.DECIMAL, Unit.SECONDS,
            Q.D.retryBackoffSeconds, 0, 86_400, "wait before the first retry; doubled for each further one"),
    JOB_TIMEOUT("job_timeout", Scope.QUEUE, Type.LONG, Unit.SECONDS, Q.D.jobTimeoutSeconds, 0, 7 * 86_400,
            "a job running longer fails (0 = no limit)"),
    MIN_FREE_DISK_MB("min_free_disk_mb", Scope.QUEUE, Type.LONG, Unit.MB, Q.D.minFreeDiskMb, 0, 100L << 20,
            "the queue pauses below this much free space on the output folder or the home"),
    BACKUP_KEEP_COUNT("backup_keep_count", Scope.HOME, Type.INT, Unit.BACKUPS, H.D.backupKeepCount(), 1, 100,
            "queue state backups kept in backups/"),
    CACHE_CAP_MB("cache_cap_mb", Scope.HOME, Type.LONG, Unit.MB, H.D.cacheCapMb(), 0, 100L << 20,
            "the cache folder is kept under this size, oldest first"),
    ARCHIVE_RETENTION_DAYS("archive_retention_days", Scope.HOME, Type.INT, Unit.DAYS, H.D.archiveRetentionDays(),
            1, 3650, "a discarded session stays restorable this long"),
    HISTORY_KEEP_DAYS("history_keep_days", Scope.HOME, Type.INT, Unit.DAYS, H.D.historyKeepDays(), 1, 36_500,
            "history rows are kept this long"),
    DEFAULT_OUTPUT_FOLDER("default_output_folder", Scope.HOME, Type.PATH, Unit.NONE, null, 0, 0,
            "output folder of a new session without --out (unset: ./stl-listing-output)"),
    DEFAULT_OUTPUT_MODE("default_output_mode", Scope.HOME, Type.CHOICE, Unit.NONE, null, 0, 0,
            "output mode when neither --mode nor the template names one (unset: per-model)"),
    KEEP_JOB_CACHES("keep_job_caches", Scope.HOME, Type.BOOLEAN, Unit.NONE, H.D.keepJobCaches(), 0, 0,
            "keep completed jobs' caches (checkpoints) after a finished run");

    /** Where a setting is kept. */
    public enum Scope {
        /** In the active queue's {@code queue_settings} ({@code queue_state.json}); owned by the lock holder. */
        QUEUE,
        /** In {@code config.json} under {@code settings}. */
        HOME;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The kind of value. */
    public enum Type {
        INT, LONG, DECIMAL, BOOLEAN, PATH, CHOICE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a number counts, and the units a typed value may carry (each as a multiple of the setting's unit). */
    public enum Unit {
        NONE("", Map.of()),
        JOBS("jobs", Map.of()),
        ATTEMPTS("attempts", Map.of()),
        BACKUPS("backups", Map.of()),
        SECONDS("seconds", Map.ofEntries(Map.entry("s", 1L), Map.entry("sec", 1L), Map.entry("secs", 1L),
                Map.entry("second", 1L), Map.entry("seconds", 1L), Map.entry("m", 60L), Map.entry("min", 60L),
                Map.entry("mins", 60L), Map.entry("minute", 60L), Map.entry("minutes", 60L), Map.entry("h", 3600L),
                Map.entry("hour", 3600L), Map.entry("hours", 3600L), Map.entry("d", 86_400L),
                Map.entry("day", 86_400L), Map.entry("days", 86_400L))),
        /** Megabytes of 1024 × 1024 bytes, as the engine counts them; 1 GB is 1024 MB. */
        MB("MB", Map.of("mb", 1L, "m", 1L, "mib", 1L, "gb", 1024L, "g", 1024L, "gib", 1024L, "tb", 1L << 20,
                "t", 1L << 20, "tib", 1L << 20)),
        DAYS("days", Map.of("d", 1L, "day", 1L, "days", 1L, "w", 7L, "week", 7L, "weeks", 7L));

        private final String label;
        private final Map<String, Long> suffixes;

        Unit(String label, Map<String, Long> suffixes) {
            this.label = label;
            this.suffixes = suffixes;
        }

        /** The unit as shown after a value ({@code seconds}, {@code MB}); empty for none. */
        public String label() {
            return label;
        }

        /** The suffixes a typed value may carry, lower case. */
        public List<String> suffixes() {
            return suffixes.keySet().stream().sorted().toList();
        }
    }

    private static final Pattern NUMBER = Pattern.compile("(-?[0-9]{1,18})(\\.[0-9]{1,9})?\\s*([A-Za-z]*)");
    private static final List<String> TRUE = List.of("true", "yes", "on");
    private static final List<String> FALSE = List.of("false", "no", "off");

    private final String key;
    private final Scope scope;
    private final Type type;
    private final Unit unit;
    private final Object defaultValue;
    private final long min;
    private final long max;
    private final String description;

    Setting(String key, Scope scope, Type type, Unit unit, Object defaultValue, long min, long max,
            String description) {
        this.key = key;
        this.scope = scope;
        this.type = type;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.description = description;
    }

    /** The key as written in JSON and typed on the command line ({@code job_timeout}). */
    public String key() {
        return key;
    }

    public Scope scope() {
        return scope;
    }

    public Type type() {
        return type;
    }

    public Unit unit() {
        return unit;
    }

    /**
     * The value when nobody set one: an {@link Integer}, {@link Long}, {@link Double} or {@link Boolean}; for the
     * output folder and mode null (a new session then writes to {@code ./stl-listing-output}, per model).
     */
    public Object defaultValue() {
        return defaultValue;
    }

    /** The smallest allowed number (numbers only). */
    public long min() {
        return min;
    }

    /** The largest allowed number (numbers only). */
    public long max() {
        return max;
    }

    public String description() {
        return description;
    }

    /** True for the types that are numbers with a range. */
    public boolean isNumber() {
        return type == Type.INT || type == Type.LONG || type == Type.DECIMAL;
    }

    /** The words a choice accepts ({@code per-model}, {@code flat}, {@code grouped}); empty for other types. */
    public List<String> choices() {
        return type == Type.CHOICE ? Arrays.stream(OutputMode.values()).map(OutputMode::label).toList() : List.of();
    }

    /** The allowed values in a few words: {@code 1 to 64 jobs}, {@code true or false}, {@code per-model, flat or grouped}. */
    public String allowed() {
        return switch (type) {
            case INT, LONG, DECIMAL -> min + " to " + max + (unit == Unit.NONE ? "" : " " + unit.label)
                    + (unit.suffixes.isEmpty() ? "" : " (or with a unit: " + examples() + ")");
            case BOOLEAN -> "true or false";
            case PATH -> "a folder outside the application home";
            case CHOICE -> String.join(", ", choices().subList(0, choices().size() - 1)) + " or "
                    + choices().get(choices().size() - 1);
        };
    }

    private String examples() {
        return switch (unit) {
            case SECONDS -> "90s, 30min, 2h";
            case MB -> "500MB, 2GB";
            case DAYS -> "30d, 2w";
            default -> "";
        };
    }

    /** The setting written {@code key}, or null when there is none. */
    public static Setting find(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }

    /** Every key, in the order of the list. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Setting::key).toList();
    }

    /**
     * The typed value of {@code text}: a number (plain, in the setting's unit, or with a unit such as {@code 30min},
     * {@code 2GB}, {@code 2w}), {@code true}/{@code false} (also yes/no, on/off), a folder (made absolute) or an output
     * mode. Strict: anything else, a fraction where a whole number is needed, or a number out of range is refused.
     *
     * @throws InvalidSettingException with one line naming the key, the value and what is allowed
     */
    public Object parse(String text) throws InvalidSettingException {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw invalid(text, "is empty");
        }
        switch (type) {
            case BOOLEAN -> {
                String w = t.toLowerCase(Locale.ROOT);
                if (TRUE.contains(w)) {
                    return Boolean.TRUE;
                }
                if (FALSE.contains(w)) {
                    return Boolean.FALSE;
                }
                throw invalid(text, "is not true or false");
            }
            case CHOICE -> {
                try {
                    return OutputMode.parse(t).label();
                } catch (IllegalArgumentException e) {
                    throw invalid(text, "is not an output mode");
                }
            }
            case PATH -> {
                if (t.indexOf('\0') >= 0) {
                    throw invalid(text, "is not a folder name");
                }
                try {
                    return Path.of(t).toAbsolutePath().normalize().toString();
                } catch (InvalidPathException e) {
                    throw invalid(text, "is not a folder name (" + e.getReason() + ")");
                }
            }
            default -> {
                return number(text, t, true);
            }
        }
    }

    private Object number(String text, String t, boolean inRange) throws InvalidSettingException {
        Matcher m = NUMBER.matcher(t);
        if (!m.matches()) {
            throw invalid(text, "is not a number of " + unitWord());
        }
        BigDecimal n = new BigDecimal(m.group(1) + (m.group(2) == null ? "" : m.group(2)));
        String suffix = m.group(3).toLowerCase(Locale.ROOT);
        if (!suffix.isEmpty()) {
            Long factor = unit.suffixes.get(suffix);
            if (factor == null && !suffix.equalsIgnoreCase(unit.label)) {
                throw invalid(text, unit.suffixes.isEmpty() ? "is not a plain number of " + unitWord()
                        : "has an unknown unit \"" + m.group(3) + "\" (use " + examples() + ")");
            }
            n = n.multiply(BigDecimal.valueOf(factor == null ? 1 : factor));
        }
        String inUnit = suffix.isEmpty() ? "" : " (" + plain(n) + (unit == Unit.NONE ? "" : " " + unit.label) + ")";
        if (type != Type.DECIMAL && n.stripTrailingZeros().scale() > 0) {
            throw invalid(text, inUnit.isEmpty() ? "is not a whole number of " + unitWord()
                    : "is not a whole number of " + unitWord() + inUnit);
        }
        BigDecimal low = BigDecimal.valueOf(inRange ? min : 0);
        BigDecimal high = inRange ? BigDecimal.valueOf(max)
                : BigDecimal.valueOf(type == Type.INT ? Integer.MAX_VALUE : Long.MAX_VALUE);
        if (n.compareTo(low) < 0 || n.compareTo(high) > 0) {
            throw new InvalidSettingException(this, text, key + ": " + text.strip() + inUnit
                    + " is out of range; allowed " + min + " to " + max + (unit == Unit.NONE ? "" : " " + unit.label));
        }
        return switch (type) {
            case INT -> n.intValueExact();
            case LONG -> n.longValueExact();
            default -> n.doubleValue();
        };
    }

    private static String plain(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }

    private String unitWord() {
        return unit == Unit.NONE ? "units" : unit.label;
    }

    private InvalidSettingException invalid(String text, String problem) {
        return new InvalidSettingException(this, text, key + ": \"" + shown(text) + "\" " + problem + "; allowed "
                + allowed());
    }

    /** A typed value as a message repeats it: on one line (control characters as {@code \\uXXXX}), shortened. */
    private static String shown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (; i < text.length() && sb.length() < 60; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < text.length() ? sb + "…" : sb.toString();
    }

    /**
     * A stored value in its typed form, or null when it is not one this setting could hold: as
     * {@link HomeSettings#load} reads a hand-edited file, a number needs only to be whole (where it must) and not
     * negative; a boolean; a string for a folder or mode.
     */
    public Object coerce(Object stored) {
        if (stored == null) {
            return null;
        }
        try {
            return switch (type) {
                case BOOLEAN -> stored instanceof Boolean ? stored : null;
                case PATH, CHOICE -> stored instanceof String s ? parse(s) : null;
                default -> stored instanceof Number n
                        ? number(n.toString(), new BigDecimal(n.toString()).toPlainString(), false) : null;
            };
        } catch (InvalidSettingException | NumberFormatException e) {
            return null;
        }
    }

    /** A value as the table shows it: the number with its unit ({@code 1800 seconds}), or {@code -} for none. */
    public String format(Object value) {
        if (value == null) {
            return "-";
        }
        String s = value instanceof Double d && d == Math.rint(d) && !d.isInfinite() ? Long.toString(d.longValue())
                : value.toString();
        return unit == Unit.NONE ? s : s + " " + unit.label;
    }

    /** The defaults of the queue settings (a holder, so that the constants can read it). */
    private static final class Q {
        static final QueueSettingsDto D = new QueueSettingsDto();
    }

    /** The defaults of the home settings. */
    private static final class H {
        static final HomeSettings D = HomeSettings.defaults();
    }
}
