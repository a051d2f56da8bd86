package org.stllisting.store.history;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The index of archived sessions in {@code job_history.db}: table {@code sessions} (one row per archived
 * session, with its job counts) and {@code session_jobs} (which archived session each job belongs to). Listing
 * a thousand archived sessions is one query, and so is finding the owner of every archived job's cache.
 *
 * <p>A database without these tables (an older schema opened read-only) reads as having no archived sessions.
 * Thread-safe, like {@link HistoryStore}.
 */
public final class SessionRows {
    private static final String COLUMNS = "id, status, reason, created_at, ended_at, archived_at, expires_at, "
            + "template, output_folders, jobs_total, jobs_completed, jobs_failed, jobs_cancelled, jobs_skipped, "
            + "jobs_unfinished, cache_bytes";

    private final HistoryStore history;

    public SessionRows(HistoryStore history) {
        this.history = history;
    }

    /** The schema-2 tables; run by the migration inside its transaction. */
    static void createTables(Statement st) throws SQLException {
        st.execute("""
                CREATE TABLE IF NOT EXISTS sessions (
                    id TEXT PRIMARY KEY,
                    status TEXT NOT NULL,
                    reason TEXT,
                    created_at TIMESTAMP,
                    ended_at TIMESTAMP,
                    archived_at TIMESTAMP NOT NULL,
                    expires_at TIMESTAMP,
                    template TEXT,
                    output_folders TEXT NOT NULL DEFAULT '[]',
                    jobs_total INTEGER NOT NULL DEFAULT 0,
                    jobs_completed INTEGER NOT NULL DEFAULT 0,
                    jobs_failed INTEGER NOT NULL DEFAULT 0,
                    jobs_cancelled INTEGER NOT NULL DEFAULT 0,
                    jobs_skipped INTEGER NOT NULL DEFAULT 0,
                    jobs_unfinished INTEGER NOT NULL DEFAULT 0,
                    cache_bytes INTEGER NOT NULL DEFAULT 0
                )""");
        st.execute("CREATE INDEX IF NOT EXISTS idx_sessions_archived_at ON sessions(archived_at)");
        st.execute("""
                CREATE TABLE IF NOT EXISTS session_jobs (
                    session_id TEXT NOT NULL,
                    job_id TEXT NOT NULL,
                    state TEXT NOT NULL,
                    PRIMARY KEY (session_id, job_id)
                )""");
        st.execute("CREATE INDEX IF NOT EXISTS idx_session_jobs_job ON session_jobs(job_id)");
    }

    /** Every archived session, newest archived first. */
    public List<SessionRow> list() throws IOException {
        return query("SELECT " + COLUMNS + " FROM sessions ORDER BY archived_at DESC, id", List.of());
    }

    /** The archived sessions whose id is {@code id} or starts with it (at most {@code limit}). */
    public List<SessionRow> withPrefix(String prefix, int limit) throws IOException {
        return query("SELECT " + COLUMNS + " FROM sessions WHERE substr(id, 1, ?) = ? ORDER BY archived_at DESC, id"
                + " LIMIT ?", List.of(prefix.length(), prefix, limit));
    }

    /** The archived session with exactly this id. */
    public Optional<SessionRow> get(String id) throws IOException {
        return query("SELECT " + COLUMNS + " FROM sessions WHERE id = ?", List.of(id)).stream().findFirst();
    }

    /** job id → id of the archived session it belongs to, for every archived job. */
    public Map<String, String> jobOwners() throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = history.connect()) {
            if (!hasTables(c)) {
                return out;
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT job_id, session_id FROM session_jobs")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw history.fail("reading the archived sessions' jobs", e);
        }
    }

    /** The ids of the archived jobs in one of {@code states} (as written: {@code failed}), in one query. */
    public Set<String> jobsIn(List<String> states) throws IOException {
        Set<String> out = new HashSet<>();
        try (Connection c = history.connect()) {
            if (states.isEmpty() || !hasTables(c)) {
                return out;
            }
            String marks = String.join(",", Collections.nCopies(states.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT job_id FROM session_jobs WHERE state IN (" + marks
                    + ")")) {
                for (int i = 0; i < states.size(); i++) {
                    ps.setString(i + 1, states.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw history.fail("reading the archived sessions' jobs", e);
        }
    }

    /** The jobs of one archived session, in no particular order. */
    public List<SessionRow.Job> jobs(String sessionId) throws IOException {
        List<SessionRow.Job> out = new ArrayList<>();
        try (Connection c = history.connect()) {
            if (!hasTables(c)) {
                return out;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT job_id, state FROM session_jobs WHERE session_id = ?")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SessionRow.Job(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw history.fail("reading the jobs of archived session " + sessionId, e);
        }
    }

    /**
     * Writes (or rewrites) an archived session's row and its jobs in one transaction: a session archived
     * again under the same id replaces its earlier row and job list.
     */
    public void put(SessionRow row, List<SessionRow.Job> jobs) throws IOException {
        try (Connection c = history.connect()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO sessions (" + COLUMNS
                        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    int i = 1;
                    ps.setString(i++, row.id());
                    ps.setString(i++, row.status());
                    ps.setString(i++, row.reason());
                    ps.setString(i++, HistoryStore.ts(row.createdAt()));
                    ps.setString(i++, HistoryStore.ts(row.endedAt()));
                    ps.setString(i++, HistoryStore.ts(row.archivedAt()));
                    ps.setString(i++, HistoryStore.ts(row.expiresAt()));
                    ps.setString(i++, row.template());
                    ps.setString(i++, HistoryStore.json(row.outputFolders()));
                    ps.setInt(i++, row.total());
                    ps.setInt(i++, row.completed());
                    ps.setInt(i++, row.failed());
                    ps.setInt(i++, row.cancelled());
                    ps.setInt(i++, row.skipped());
                    ps.setInt(i++, row.unfinished());
                    ps.setLong(i, row.cacheBytes());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM session_jobs WHERE session_id = ?")) {
                    ps.setString(1, row.id());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT OR REPLACE INTO session_jobs (session_id, job_id, state) VALUES (?,?,?)")) {
                    for (SessionRow.Job j : jobs) {
                        ps.setString(1, row.id());
                        ps.setString(2, j.jobId());
                        ps.setString(3, j.state());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw history.fail("archiving session " + row.id(), e);
        }
    }

    /** Removes an archived session's row and job list; false when there was none. */
    public boolean delete(String sessionId) throws IOException {
        try (Connection c = history.connect()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM session_jobs WHERE session_id = ?")) {
                    ps.setString(1, sessionId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
                    ps.setString(1, sessionId);
                    n = ps.executeUpdate();
                }
                c.commit();
                return n > 0;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw history.fail("removing archived session " + sessionId, e);
        }
    }

    /** Records a newly measured cache size; false when there is no such archived session. */
    public boolean setCacheBytes(String sessionId, long bytes) throws IOException {
        try (Connection c = history.connect();
                PreparedStatement ps = c.prepareStatement("UPDATE sessions SET cache_bytes = ? WHERE id = ?")) {
            ps.setLong(1, bytes);
            ps.setString(2, sessionId);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw history.fail("recording the cache size of archived session " + sessionId, e);
        }
    }

    private List<SessionRow> query(String sql, List<Object> args) throws IOException {
        List<SessionRow> out = new ArrayList<>();
        try (Connection c = history.connect()) {
            if (!hasTables(c)) {
                return out;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw history.fail("reading the archived sessions", e);
        }
    }

    /** False for a database of an older schema (opened read-only, so not migrated). */
    private static boolean hasTables(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('sessions', 'session_jobs')")) {
            return rs.next() && rs.getInt(1) == 2;
        }
    }

    private static SessionRow row(ResultSet rs) throws SQLException {
        return new SessionRow(rs.getString("id"), rs.getString("status"), rs.getString("reason"),
                HistoryStore.parseTs(rs.getString("created_at")), HistoryStore.parseTs(rs.getString("ended_at")),
                HistoryStore.parseTs(rs.getString("archived_at")), HistoryStore.parseTs(rs.getString("expires_at")),
                rs.getString("template"), HistoryStore.list(rs.getString("output_folders")), rs.getInt("jobs_total"),
                rs.getInt("jobs_completed"), rs.getInt("jobs_failed"), rs.getInt("jobs_cancelled"),
                rs.getInt("jobs_skipped"), rs.getInt("jobs_unfinished"), rs.getLong("cache_bytes"));
    }
}
