package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.stllisting.cli.CleanupFixture.ACTIVE;
import static org.stllisting.cli.CleanupFixture.DISC;
import static org.stllisting.cli.CleanupFixture.FAIL;
import static org.stllisting.cli.CleanupFixture.FIN;
import static org.stllisting.cli.CleanupFixture.OLD;
import static org.stllisting.cli.CleanupFixture.without;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.app.sessions.SessionArchive;
import org.stllisting.app.sessions.SessionInfo;
import org.stllisting.store.Json;
import org.stllisting.store.history.HistoryStore;

/**
 * {@code stl-listing cleanup} on a home with every kind of session and file: each option removes exactly what it
 * should, checked against the full list of paths left.
 */
class CleanupCommandTest {
    @TempDir
    Path tmp;

    private static final String[] DEFAULT_REMOVED = {"cache/job_cache/f1", "cache/job_cache/f2", "cache/job_cache/x1",
        "cache/job_cache/x2", "cache/job_cache/o1", "sessions/" + OLD, "cache/job_cache/stale_old",
        "cache/thumbnails/t1_96.png", "cache/thumbnails/t2_96.png", "backups/queue_state_backup_4.json",
        "backups/queue_state_backup_4.journal", "backups/queue_state_backup_5.json",
        "backups/queue_state_backup_5.journal", "backups/damaged/2026-01-01T00-00-00Z"};

    private static TinyRuns.Outcome cleanup(CleanupFixture f, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--home";
        all[1] = f.root.toString();
        all[2] = "cleanup";
        System.arraycopy(args, 0, all, 3, args.length);
        return TinyRuns.cli(all);
    }

    private static long historyRows(CleanupFixture f) throws Exception {
        return HistoryStore.openReadOnly(f.home.historyDb()).count();
    }

    private static Set<String> archived(CleanupFixture f) throws Exception {
        HistoryStore h = HistoryStore.open(f.home.historyDb());
        return new java.util.TreeSet<>(new SessionArchive(f.home, h).list().stream().map(SessionInfo::id).toList());
    }

    private void assertSourcesIntact(CleanupFixture f) throws Exception {
        for (String job : new String[] {"f1", "f2", "x1", "x2", "d1", "d2", "o1", "a1", "a2", "a3"}) {
            assertThat(f.source(job)).hasContent("solid " + job + "\nendsolid " + job + "\n");
        }
        assertThat(Files.getAttribute(f.source("f2"), "unix:nlink")).isEqualTo(1);
    }

    @Test
    void byDefaultFinishedSessionsCachesStaleCachesThumbnailsOverTheCapOldBackupsAndRowsAndExpiredSessions()
            throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        Set<String> before = CleanupFixture.paths(f.root);
        assertThat(historyRows(f)).isEqualTo(9);

        TinyRuns.Outcome r = cleanup(f);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CleanupFixture.paths(f.root)).isEqualTo(without(before, DEFAULT_REMOVED));
        assertThat(historyRows(f)).isEqualTo(6);
        assertThat(archived(f)).containsExactlyInAnyOrder(FIN, FAIL, DISC);
        assertSourcesIntact(f);
        assertThat(f.models.resolve("f1.stl")).exists();
        assertThat(r.out()).contains("Session " + ACTIVE.substring(0, 8) + " is interrupted: its 3 job cache(s) are kept");
        // outputs only when asked
        assertThat(f.out.resolve(FIN).resolve("f1/render.png")).exists();
    }

    @Test
    void forceAlsoTakesTheInterruptedActiveSessionButNotAJobWaitingForItsHistoryRow() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        Set<String> before = CleanupFixture.paths(f.root);

        TinyRuns.Outcome r = cleanup(f, "--force");

        assertThat(r.exit()).as(r.err()).isZero();
        // the discarded session was put aside just now: not idle for 24 hours, so it stays
        String[] removed = concat(DEFAULT_REMOVED, "cache/job_cache/a1", "cache/job_cache/a2");
        assertThat(CleanupFixture.paths(f.root)).isEqualTo(without(before, removed));
        assertThat(f.home.queueStateFile()).exists();
    }

    @Test
    void forceOnADiscardedSessionRemovesItsCachesAndItsArchiveEntry() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        Set<String> before = CleanupFixture.paths(f.root);

        TinyRuns.Outcome kept = cleanup(f, "--session", DISC);
        assertThat(kept.exit()).as(kept.err()).isZero();
        assertThat(kept.out()).contains("is discarded").contains("--force");
        assertThat(CleanupFixture.paths(f.root)).isEqualTo(before);

        TinyRuns.Outcome r = cleanup(f, "--session", "sess-disc", "--force");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CleanupFixture.paths(f.root)).isEqualTo(without(before, "cache/job_cache/d1", "cache/job_cache/d2",
                "sessions/" + DISC));
        assertThat(archived(f)).containsExactlyInAnyOrder(FIN, FAIL, OLD);
        assertThat(historyRows(f)).isEqualTo(9);
    }

    @Test
    void sessionTakesOnlyThatSessionWhateverItsAge() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        Set<String> before = CleanupFixture.paths(f.root);

        TinyRuns.Outcome r = cleanup(f, "--session", FIN, "--hours", "100000");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CleanupFixture.paths(f.root)).isEqualTo(without(before, "cache/job_cache/f1", "cache/job_cache/f2"));
        assertThat(historyRows(f)).isEqualTo(9);
        assertSourcesIntact(f);

        TinyRuns.Outcome unknown = cleanup(f, "--session", "nope-0000");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no session 'nope-0000'");
    }

    @Test
    void hoursKeepsSessionsAndStaleCachesThatAreYounger() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        Set<String> before = CleanupFixture.paths(f.root);

        // 100 hours: the finished sessions (ended 72 h ago) and the stale cache (48 h) are too young
        TinyRuns.Outcome r = cleanup(f, "--hours", "100");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CleanupFixture.paths(f.root)).isEqualTo(without(before, "cache/job_cache/o1", "sessions/" + OLD,
                "cache/thumbnails/t1_96.png", "cache/thumbnails/t2_96.png", "backups/queue_state_backup_4.json",
                "backups/queue_state_backup_4.journal", "backups/queue_state_backup_5.json",
                "backups/queue_state_backup_5.journal", "backups/damaged/2026-01-01T00-00-00Z"));

        // 0 hours: the fresh stale cache goes too
        Set<String> middle = CleanupFixture.paths(f.root);
        TinyRuns.Outcome zero = cleanup(f, "--hours", "0");
        assertThat(zero.exit()).as(zero.err()).isZero();
        assertThat(CleanupFixture.paths(f.root)).isEqualTo(without(middle, "cache/job_cache/f1", "cache/job_cache/f2",
                "cache/job_cache/x1", "cache/job_cache/x2", "cache/job_cache/stale_old", "cache/job_cache/stale_new"));
    }

    @Test
    void historyDaysOverridesTheKeepDays() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        TinyRuns.Outcome keepAll = cleanup(f, "--history-days", "365");
        assertThat(keepAll.exit()).as(keepAll.err()).isZero();
        assertThat(historyRows(f)).isEqualTo(9);

        TinyRuns.Outcome r = cleanup(f, "--history-days", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        // rows of 3 days and older go; the active session's row (30 hours) stays
        assertThat(historyRows(f)).isEqualTo(1);
    }

    @Test
    void outputsRemovesOnlyRecordedFilesInsideTheRecordedOutputFolder() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        Set<String> outBefore = CleanupFixture.paths(f.out);

        TinyRuns.Outcome r = cleanup(f, "--outputs");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CleanupFixture.paths(f.out)).isEqualTo(without(outBefore, FIN + "/f1/render.png",
                FIN + "/f1/source/f1.stl"));
        assertThat(f.out.resolve(FIN).resolve("unrecorded.txt")).hasContent("the user's own note");
        assertThat(f.elsewhere.resolve("secret.png")).hasContent("outside the output folder");
        assertSourcesIntact(f);
    }

    @Test
    void statsJsonGivesEachCategoryAndWhatTheSameCleanupWouldRemove() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        Set<String> before = CleanupFixture.paths(f.root);

        TinyRuns.Outcome r = cleanup(f, "--stats", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CleanupFixture.paths(f.root)).isEqualTo(before);
        JsonNode s = Json.mapper().readTree(r.out());
        JsonNode cats = s.path("categories");
        assertThat(cat(cats, "active_caches").path("count").asLong()).isEqualTo(3);
        assertThat(cat(cats, "active_caches").path("removable_count").asLong()).isZero();
        assertThat(cat(cats, "archived_caches").path("count").asLong()).isEqualTo(7);
        assertThat(cat(cats, "archived_caches").path("removable_count").asLong()).isEqualTo(5);
        assertThat(cat(cats, "stale_caches").path("count").asLong()).isEqualTo(2);
        assertThat(cat(cats, "stale_caches").path("removable_count").asLong()).isEqualTo(1);
        assertThat(cat(cats, "thumbnails").path("bytes").asLong()).isEqualTo(4 * CleanupFixture.MB);
        assertThat(cat(cats, "thumbnails").path("removable_bytes").asLong()).isEqualTo(2 * CleanupFixture.MB);
        assertThat(cat(cats, "backups").path("removable_count").asLong()).isEqualTo(4);
        assertThat(cat(cats, "damaged_backups").path("count").asLong()).isEqualTo(4);
        assertThat(cat(cats, "damaged_backups").path("removable_count").asLong()).isEqualTo(1);
        assertThat(cat(cats, "archived_sessions").path("count").asLong()).isEqualTo(4);
        assertThat(cat(cats, "archived_sessions").path("removable_count").asLong()).isEqualTo(1);
        assertThat(cat(cats, "history_rows").path("count").asLong()).isEqualTo(9);
        assertThat(cat(cats, "history_rows").path("removable_count").asLong()).isEqualTo(3);
        assertThat(cat(cats, "logs").path("bytes").asLong()).isPositive();
        assertThat(cat(cats, "native_caches").path("bytes").asLong()).isPositive();

        // the same flags as a cleanup: with --force the active session's two caches are counted too
        JsonNode forced = Json.mapper().readTree(cleanup(f, "--stats", "--json", "--force").out());
        assertThat(cat(forced.path("categories"), "active_caches").path("removable_count").asLong()).isEqualTo(2);
    }

    @Test
    void listShowsEverySessionWithItsStateJobsAndDiskUse() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        TinyRuns.Outcome r = cleanup(f, "--list", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode sessions = Json.mapper().readTree(r.out()).path("sessions");
        assertThat(sessions).hasSize(5);
        assertThat(sessions.get(0).path("id").asText()).isEqualTo(ACTIVE);
        assertThat(sessions.get(0).path("status").asText()).isEqualTo("interrupted");
        assertThat(sessions.get(0).path("caches").asLong()).isEqualTo(3);
        assertThat(sessions.get(0).path("cache_bytes").asLong()).isPositive();
        java.util.Map<String, String> states = new java.util.TreeMap<>();
        sessions.forEach(s -> states.put(s.path("id").asText(), s.path("status").asText()));
        assertThat(states).containsEntry(FIN, "finished").containsEntry(FAIL, "failed").containsEntry(DISC, "discarded")
                .containsEntry(OLD, "finished");

        TinyRuns.Outcome text = cleanup(f, "--list");
        assertThat(text.out()).contains(ACTIVE.substring(0, 8) + " (active)").contains("interrupted")
                .contains(DISC.substring(0, 8) + " ");
    }

    @Test
    void aQueueThatCannotBeReadWholeKeepsCachesOfNoKnownJobAndTheBackups() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        Files.writeString(f.home.queueStateFile(), "{ damaged");
        Set<String> before = CleanupFixture.paths(f.root);

        TinyRuns.Outcome r = cleanup(f);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("The queue could not be read whole");
        assertThat(CleanupFixture.paths(f.root)).isEqualTo(without(before, "cache/job_cache/f1", "cache/job_cache/f2",
                "cache/job_cache/x1", "cache/job_cache/x2", "cache/job_cache/o1", "sessions/" + OLD,
                "cache/thumbnails/t1_96.png", "cache/thumbnails/t2_96.png"));
        assertThat(f.home.queueStateFile()).hasContent("{ damaged");
    }

    @Test
    void aHomeThatDoesNotExistIsNotMadeByLookingOrCleaning() {
        Path none = tmp.resolve("no-home");
        TinyRuns.Outcome stats = TinyRuns.cli("--home", none.toString(), "cleanup", "--stats");
        assertThat(stats.exit()).as(stats.err()).isZero();
        TinyRuns.Outcome clean = TinyRuns.cli("--home", none.toString(), "cleanup");
        assertThat(clean.exit()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("Nothing to clean: there is no home at " + none);
        assertThat(none).doesNotExist();
    }

    @Test
    void scheduledPrintsNothingWhenAllWent() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        TinyRuns.Outcome r = cleanup(f, "--scheduled");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(f.home.jobCacheDir("f1")).doesNotExist();
    }

    @Test
    void anUndeletableFileIsReportedWithItsReasonTheRestIsCleanedAndTheExitCodeIsOne() throws Exception {
        CleanupFixture f = new CleanupFixture(tmp);
        Path stuck = f.home.jobCacheDir("x1").resolve("render.png");
        assumeTrue(Chattr.set("+i", stuck), "chattr +i is not available here");
        try {
            Set<String> before = CleanupFixture.paths(f.root);
            TinyRuns.Outcome r = cleanup(f, "--scheduled");

            assertThat(r.exit()).isEqualTo(ExitCodes.FAILED);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("could not remove " + stuck + ": Operation not permitted")
                    .contains("1 item(s) could not be removed");
            Set<String> expected = without(before, DEFAULT_REMOVED);
            expected.add("cache/job_cache/x1");
            expected.add("cache/job_cache/x1/render.png");
            assertThat(CleanupFixture.paths(f.root)).isEqualTo(expected);
        } finally {
            Chattr.set("-i", stuck);
        }
    }

    private static JsonNode cat(JsonNode cats, String name) {
        for (JsonNode c : cats) {
            if (c.path("category").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no category " + name + " in " + cats);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
