package org.stllisting.store.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stllisting.store.Json;

/**
 * {@code job_history.db} (README, Application home (history)): one row per job that reached its final state, written exactly once
 * even when a crash makes the runner record it again. SQLite in WAL mode; the schema version is
 * {@code PRAGMA user_version} and older databases are migrated forward when opened.
 *
 * <p>Thread-safe: every call opens its own connection (cheap for SQLite) and SQLite serializes writers;
 * a busy timeout ({@link #DEFAULT_BUSY_TIMEOUT}) lets a call wait for a writer in another process instead of
 * failing.
 */
public final class HistoryStore {
    /**
     * The schema version this build writes. 0 is the seed-004 table without template and attempts; 2 adds the
     * index of archived sessions ({@link SessionRows}).
     */
    public static final int SCHEMA_VERSION = 2;
    /**
     * How long a call waits for another connection's write lock before it fails: long enough for another
     * program's ordinary transaction or a backup copy of the file.
     */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(60);

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final String CREATE_V0 = """
            CREATE TABLE IF NOT EXISTS job_history (
                id TEXT PRIMARY KEY,
                stl_path TEXT NOT NULL,
                stl_filename TEXT NOT NULL,
                stl_size INTEGER NOT NULL,
                stl_checksum TEXT NOT NULL,
                output_folder TEXT NOT NULL,
                queue_session_id TEXT NOT NULL,
                render_options TEXT NOT NULL,
                validation_options TEXT NOT NULL,
                state TEXT NOT NULL,
                created_at TIMESTAMP NOT NULL,
                started_at TIMESTAMP,
                completed_at TIMESTAMP,
                estimated_duration REAL,
                actual_duration REAL,
                validation_passed BOOLEAN,
                files_generated TEXT,
                error_message TEXT,
                warnings TEXT,
                app_version TEXT NOT NULL,
                created_by TEXT NOT NULL DEFAULT 'gui'
            )""";

    private static final String[] INDEXES_V0 = {
        "CREATE INDEX IF NOT EXISTS idx_stl_path ON job_history(stl_path)",
        "CREATE INDEX IF NOT EXISTS idx_stl_checksum ON job_history(stl_checksum)",
        "CREATE INDEX IF NOT EXISTS idx_created_at ON job_history(created_at)",
        "CREATE INDEX IF NOT EXISTS idx_state ON job_history(state)",
    };

    private static final String COLUMNS = "id, stl_path, stl_filename, stl_size, stl_checksum, output_folder, "
            + "queue_session_id, render_options, validation_options, state, created_at, started_at, completed_at, "
            + "estimated_duration, actual_duration, validation_passed, files_generated, error_message, warnings, "
            + "app_version, created_by, template, attempts";

    private final Path file;
    private final String url;
    private final long busyTimeoutMillis;

    private HistoryStore(Path file, Duration busyTimeout) {
        this(file, busyTimeout, "jdbc:sqlite:" + file.toAbsolutePath());
    }

    private HistoryStore(Path file, Duration busyTimeout, String url) {
        this.file = file.toAbsolutePath();
        this.url = url;
        this.busyTimeoutMillis = Math.max(0, busyTimeout.toMillis());
    }

    /** Opens (creating or migrating) the database. */
    public static HistoryStore open(Path file) throws IOException {
        return open(file, DEFAULT_BUSY_TIMEOUT);
    }

    /**
     * Opens an existing database for reading only: no migration, and no file is created or changed. Without a
     * {@code -wal} file beside it (no other connection has it open) SQLite is told the file is immutable, so it
     * makes no {@code -wal} or {@code -shm} file either; with one, it is opened plainly read-only to see what
     * the other connection wrote. A database of an older schema reads as it is; a write fails.
     */
    public static HistoryStore openReadOnly(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (!Files.isRegularFile(abs)) {
            throw new java.nio.file.NoSuchFileException(abs.toString(), null, "no job history there");
        }
        boolean others = Files.exists(Path.of(abs + "-wal"));
        // a URI filename: '%', '?' and '#' in the path are escaped so that SQLite reads them as part of it
        String uri = "file:" + abs.toString().replace("%", "%25").replace("?", "%3F").replace("#", "%23")
                + (others ? "?mode=ro" : "?immutable=1");
        return new HistoryStore(abs, DEFAULT_BUSY_TIMEOUT, "jdbc:sqlite:" + uri);
    }

    /** Opens (creating or migrating) the database; calls wait up to {@code busyTimeout} for another writer. */
    public static HistoryStore open(Path file, Duration busyTimeout) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        HistoryStore s = new HistoryStore(file, busyTimeout);
        s.migrate();
        return s;
    }

    public Path file() {
        return file;
    }

    /** A new connection with the busy timeout set; the caller closes it. */
    Connection connect() throws SQLException {
        return connect(busyTimeoutMillis);
    }

    private Connection connect(long busyMillis) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + busyMillis);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Fails with the reason when a row could not be written now: the file or its folder is read-only, or
     * the database cannot be opened for writing. A database that another connection is writing to
     * (busy) passes: that wait is what the busy timeout is for. Writes nothing.
     */
    public void checkWritable() throws IOException {
        try (Connection c = connect(2000); Statement st = c.createStatement()) {
            try {
                st.execute("BEGIN IMMEDIATE");
            } catch (SQLException e) {
                if (busy(e)) {
                    return;
                }
                throw e;
            }
            try {
                // a read-only file takes the lock above; only a write statement finds it out
                st.execute("DELETE FROM job_history WHERE 0");
            } finally {
                st.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            throw new IOException(file + ": the job history cannot be written: " + e.getMessage(), e);
        }
    }

    /** SQLite's "database is locked" (another connection holds the lock past the busy timeout). */
    private static boolean busy(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == 5 || code == 6; // SQLITE_BUSY, SQLITE_LOCKED
    }

    IOException fail(String what, SQLException e) {
        return new IOException(file + ": " + what + " failed: " + e.getMessage(), e);
    }

    private void migrate() throws IOException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version > SCHEMA_VERSION) {
                throw new IOException(file + " was written by a newer version of the tool (schema " + version
                        + "); this one understands up to " + SCHEMA_VERSION);
            }
            if (version == SCHEMA_VERSION) {
                addTimingIndex(c);
                return;
            }
            c.setAutoCommit(false);
            try {
                if (version == 0) {
                    st.execute(CREATE_V0);
                    for (String ix : INDEXES_V0) {
                        st.execute(ix);
                    }
                    if (!hasColumn(c, "template")) {
                        st.execute("ALTER TABLE job_history ADD COLUMN template TEXT");
                    }
                    if (!hasColumn(c, "attempts")) {
                        st.execute("ALTER TABLE job_history ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1");
                    }
                    st.execute("CREATE INDEX IF NOT EXISTS idx_template ON job_history(template)");
                }
                if (version <= 1) {
                    SessionRows.createTables(st);
                }
                st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            c.setAutoCommit(true);
            addTimingIndex(c);
        } catch (SQLException e) {
            throw fail("opening the history", e);
        }
    }

    /**
     * The index {@link #timings} reads, added to a database of this schema that lacks it (an index changes
     * nothing an older build reads, so the schema version stays). A database that cannot be written now goes
     * without it: the query is the same, only slower.
     */
    private static void addTimingIndex(Connection c) {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'idx_template_timings'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE INDEX IF NOT EXISTS idx_template_timings ON job_history(template, state, completed_at)");
        } catch (SQLException e) {
            // read-only or busy now: added at a later open
        }
    }

    private static boolean hasColumn(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(job_history)")) {
            while (rs.next()) {
                if (name.equalsIgnoreCase(rs.getString("name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The schema version stored in the database. */
    public int schemaVersion() throws IOException {
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw fail("reading the schema version", e);
        }
    }

    /**
     * Records a finished job once: returns true when the row was written, false when a row with this job id
     * already existed (a second record after a crash is a no-op; the first one is kept).
     */
    public boolean record(HistoryRecord r) throws IOException {
        String sql = "INSERT OR IGNORE INTO job_history (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, r.id());
            ps.setString(i++, r.stlPath());
            ps.setString(i++, r.stlFilename());
            ps.setLong(i++, r.stlSize());
            ps.setString(i++, r.stlChecksum() == null ? "" : r.stlChecksum());
            ps.setString(i++, r.outputFolder() == null ? "" : r.outputFolder());
            ps.setString(i++, r.queueSessionId() == null ? "" : r.queueSessionId());
            ps.setString(i++, r.renderOptions() == null ? "{}" : r.renderOptions());
            ps.setString(i++, r.validationOptions() == null ? "{}" : r.validationOptions());
            ps.setString(i++, r.state());
            ps.setString(i++, ts(r.createdAt() == null ? Instant.now() : r.createdAt()));
            ps.setString(i++, ts(r.startedAt()));
            ps.setString(i++, ts(r.completedAt()));
            setDouble(ps, i++, r.estimatedDuration());
            setDouble(ps, i++, r.actualDuration());
            if (r.validationPassed() == null) {
                ps.setNull(i++, Types.BOOLEAN);
            } else {
                ps.setInt(i++, r.validationPassed() ? 1 : 0);
            }
            ps.setString(i++, json(r.filesGenerated()));
            ps.setString(i++, r.errorMessage());
            ps.setString(i++, json(r.warnings()));
            ps.setString(i++, r.appVersion() == null ? "" : r.appVersion());
            ps.setString(i++, r.createdBy() == null ? "gui" : r.createdBy());
            ps.setString(i++, r.template());
            ps.setInt(i, r.attempts());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw fail("recording job " + r.id(), e);
        }
    }

    /** Previous jobs for the same file path, newest first. */
    public List<HistoryRecord> similar(Path stlPath) throws IOException {
        return query("SELECT " + COLUMNS + " FROM job_history WHERE stl_path = ? ORDER BY created_at DESC",
                stlPath.toAbsolutePath().normalize().toString());
    }

    /** Previous jobs for a file with the same SHA-256, newest first. */
    public List<HistoryRecord> similarByChecksum(String sha256) throws IOException {
        return query("SELECT " + COLUMNS + " FROM job_history WHERE stl_checksum = ? ORDER BY created_at DESC",
                sha256);
    }

    /** How long a completed job of a template took for a source of this size. */
    public record Timing(long stlSize, double seconds) {
    }

    /**
     * The sizes and durations of the newest {@code limit} completed jobs of {@code template}, newest first:
     * what estimates of that template's next jobs are made from.
     */
    public List<Timing> timings(String template, int limit) throws IOException {
        String sql = "SELECT stl_size, actual_duration FROM job_history WHERE template = ? AND state = 'completed'"
                + " AND actual_duration IS NOT NULL ORDER BY completed_at DESC LIMIT ?";
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, template);
            ps.setInt(2, Math.max(0, limit));
            List<Timing> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Timing(rs.getLong(1), rs.getDouble(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("reading the durations of template " + template, e);
        }
    }

    /** The newest {@code limit} rows. */
    public List<HistoryRecord> list(int limit) throws IOException {
        return query("SELECT " + COLUMNS + " FROM job_history ORDER BY COALESCE(completed_at, created_at) DESC, id LIMIT ?",
                Math.max(0, limit));
    }

    public Optional<HistoryRecord> show(String id) throws IOException {
        List<HistoryRecord> r = query("SELECT " + COLUMNS + " FROM job_history WHERE id = ?", id);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    public long count() throws IOException {
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM job_history")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw fail("counting rows", e);
        }
    }

    /** Statistics for the jobs that finished in the last {@code days} days. */
    public HistoryStats stats(int days) throws IOException {
        String since = ts(Instant.now().minus(Duration.ofDays(Math.max(0, days))));
        String where = " FROM job_history WHERE COALESCE(completed_at, created_at) >= ?";
        long total = 0;
        long completed = 0;
        long failed = 0;
        long cancelled = 0;
        long skipped = 0;
        Double mean = null;
        List<HistoryStats.TemplateStats> per = new ArrayList<>();
        try (Connection c = connect()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*)" + where + " GROUP BY state")) {
                ps.setString(1, since);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(2);
                        total += n;
                        switch (rs.getString(1)) {
                            case "completed" -> completed += n;
                            case "failed" -> failed += n;
                            case "cancelled" -> cancelled += n;
                            case "skipped" -> skipped += n;
                            default -> { }
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT AVG(actual_duration)" + where
                    + " AND state = 'completed' AND actual_duration IS NOT NULL")) {
                ps.setString(1, since);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        double v = rs.getDouble(1);
                        mean = rs.wasNull() ? null : v;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(template, '(none)') AS t, COUNT(*), "
                    + "SUM(CASE WHEN state = 'completed' THEN 1 ELSE 0 END), "
                    + "AVG(CASE WHEN state = 'completed' THEN actual_duration END), "
                    + "SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END)" + where
                    + " GROUP BY t ORDER BY COUNT(*) DESC, t")) {
                ps.setString(1, since);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(2);
                        long ok = rs.getLong(3);
                        double d = rs.getDouble(4);
                        Double md = rs.wasNull() ? null : d;
                        per.add(new HistoryStats.TemplateStats(rs.getString(1), n, ok, rate(ok, rs.getLong(5)), md));
                    }
                }
            }
        } catch (SQLException e) {
            throw fail("computing statistics", e);
        }
        return new HistoryStats(days, total, completed, failed, cancelled, skipped,
                rate(completed, failed), mean, per);
    }

    /** Completed of the jobs that completed or failed; a cancelled or skipped job is no failure. Null for none. */
    private static Double rate(long completed, long failed) {
        return completed + failed == 0 ? null : (double) completed / (completed + failed);
    }

    /** Removes rows created more than {@code keepDays} days ago; returns how many. */
    public int deleteOlderThan(int keepDays) throws IOException {
        String before = ts(Instant.now().minus(Duration.ofDays(Math.max(0, keepDays))));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM job_history WHERE created_at < ?")) {
            ps.setString(1, before);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw fail("removing old rows", e);
        }
    }

    /** How many rows {@link #deleteOlderThan} would remove. */
    public long countOlderThan(int keepDays) throws IOException {
        String before = ts(Instant.now().minus(Duration.ofDays(Math.max(0, keepDays))));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM job_history WHERE created_at < ?")) {
            ps.setString(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw fail("counting old rows", e);
        }
    }

    /** The rows of one queue session, oldest first. */
    public List<HistoryRecord> bySession(String queueSessionId) throws IOException {
        return query("SELECT " + COLUMNS + " FROM job_history WHERE queue_session_id = ? ORDER BY created_at, id",
                queueSessionId);
    }

    /** Every source path the history names, once each. */
    public List<String> sourcePaths() throws IOException {
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT DISTINCT stl_path FROM job_history")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw fail("reading the source paths", e);
        }
    }

    private List<HistoryRecord> query(String sql, Object... args) throws IOException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<HistoryRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("reading the history", e);
        }
    }

    private static HistoryRecord row(ResultSet rs) throws SQLException {
        int vp = rs.getInt("validation_passed");
        Boolean passed = rs.wasNull() ? null : vp != 0;
        double ed = rs.getDouble("estimated_duration");
        Double est = rs.wasNull() ? null : ed;
        double ad = rs.getDouble("actual_duration");
        Double act = rs.wasNull() ? null : ad;
        return new HistoryRecord(rs.getString("id"), rs.getString("stl_path"), rs.getString("stl_filename"),
                rs.getLong("stl_size"), rs.getString("stl_checksum"), rs.getString("output_folder"),
                rs.getString("queue_session_id"), rs.getString("render_options"), rs.getString("validation_options"),
                rs.getString("state"), parseTs(rs.getString("created_at")), parseTs(rs.getString("started_at")),
                parseTs(rs.getString("completed_at")), est, act, passed, list(rs.getString("files_generated")),
                rs.getString("error_message"), list(rs.getString("warnings")), rs.getString("app_version"),
                rs.getString("created_by"), rs.getString("template"), rs.getInt("attempts"));
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.REAL);
        } else {
            ps.setDouble(i, v);
        }
    }

    /** Fixed-width UTC timestamps so that text order is time order. */
    static String ts(Instant t) {
        return t == null ? null : TS.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Reads our own format, other ISO-8601 forms, and SQLite's {@code yyyy-MM-dd HH:mm:ss} (UTC). */
    static Instant parseTs(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static String json(Object value) {
        try {
            return Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A JSON list of strings as stored in a text column; empty for none, the text itself when not a list. */
    static List<String> list(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            return List.of(json);
        }
    }

    // ------------------------------------------------------------------ the window's history view

    /**
     * What the history view searches for; a null field does not filter.
     *
     * @param name part of the file name, any case
     * @param from rows that finished at or after this time
     * @param until rows that finished before this time
     * @param template the template's name, exactly
     * @param state {@code completed}, {@code failed}, {@code cancelled} or {@code skipped}
     * @param limit at most this many rows, newest first
     */
    public record Search(String name, Instant from, Instant until, String template, String state, int limit) {
        public static Search all(int limit) {
            return new Search(null, null, null, null, null, limit);
        }
    }

    /**
     * The state a search asks for to find the completed jobs whose model still has problems (their history row
     * has a {@link HistoryRecord#PROBLEM_PREFIX} warning).
     */
    public static final String WITH_PROBLEMS = "problems";

    /** The rows that match {@code q}, newest first (by when they finished). */
    public List<HistoryRecord> search(Search q) throws IOException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM job_history WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.name() != null && !q.name().isBlank()) {
            // LIKE with the user's text taken literally: % and _ are escaped
            sql.append(" AND stl_filename LIKE ? ESCAPE '\\'");
            args.add("%" + q.name().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.from() != null) {
            sql.append(" AND COALESCE(completed_at, created_at) >= ?");
            args.add(ts(q.from()));
        }
        if (q.until() != null) {
            sql.append(" AND COALESCE(completed_at, created_at) < ?");
            args.add(ts(q.until()));
        }
        if (q.template() != null && !q.template().isBlank()) {
            sql.append(" AND template = ?");
            args.add(q.template());
        }
        if (WITH_PROBLEMS.equals(q.state())) {
            sql.append(" AND state = 'completed' AND warnings LIKE ? ESCAPE '\\'");
            args.add("%\"" + HistoryRecord.PROBLEM_PREFIX + "%");
        } else if (q.state() != null && !q.state().isBlank()) {
            sql.append(" AND state = ?");
            args.add(q.state());
        }
        sql.append(" ORDER BY COALESCE(completed_at, created_at) DESC, id LIMIT ?");
        args.add(Math.max(0, q.limit()));
        return query(sql.toString(), args.toArray());
    }

    /** The templates the history has rows for, by name. */
    public List<String> templates() throws IOException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT DISTINCT template FROM job_history WHERE template IS NOT NULL ORDER BY template")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw fail("listing the templates", e);
        }
    }

    /**
     * How many jobs ended on one day.
     *
     * @param other cancelled and skipped
     */
    public record DayCount(java.time.LocalDate day, long completed, long failed, long other) {
        public long total() {
            return completed + failed + other;
        }
    }

    /**
     * The jobs that finished in the last {@code days} days (today included), counted per day of
     * {@code zone}, oldest first; a day without jobs has no entry.
     */
    public List<DayCount> perDay(int days, java.time.ZoneId zone) throws IOException {
        java.time.LocalDate first = java.time.LocalDate.now(zone).minusDays(Math.max(1, days) - 1L);
        String since = ts(first.atStartOfDay(zone).toInstant());
        // the day in the zone's offset now (a day across a clock change is off by an hour at its ends)
        int offset = zone.getRules().getOffset(Instant.now()).getTotalSeconds();
        String day = "date(replace(substr(COALESCE(completed_at, created_at), 1, 19), 'T', ' '), '"
                + (offset >= 0 ? "+" : "") + offset + " seconds')";
        String sql = "SELECT " + day + " AS d, SUM(CASE WHEN state = 'completed' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN state IN ('cancelled', 'skipped') THEN 1 ELSE 0 END) FROM job_history "
                + "WHERE COALESCE(completed_at, created_at) >= ? GROUP BY d ORDER BY d";
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, since);
            List<DayCount> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DayCount(java.time.LocalDate.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3),
                            rs.getLong(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("counting jobs per day", e);
        }
    }
}
