package org.stllisting.store.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history view's queries on a real SQLite history: search, the templates known, jobs per day. */
class HistorySearchTest {
    @TempDir
    Path dir;

    private static HistoryRecord rec(String id, String file, String state, String template, Instant when) {
        return new HistoryRecord(id, "/models/" + file, file, 100, "sha-" + id, "/out/" + id, "s", "{}", "{}", state,
                when, when, when, null, 12.0, true, List.of(), null, List.of(), "test", "gui", template, 1);
    }

    private HistoryStore filled(Instant now) throws Exception {
        HistoryStore h = HistoryStore.open(dir.resolve("job_history.db"));
        h.record(rec("a", "Dragon_Head.stl", "completed", "quick_preview", now.minus(Duration.ofDays(1))));
        h.record(rec("b", "dragon_tail.stl", "failed", "complete_processing", now.minus(Duration.ofDays(3))));
        h.record(rec("c", "vase.stl", "completed", "complete_processing", now.minus(Duration.ofDays(10))));
        h.record(rec("d", "gear_100%.stl", "cancelled", "quick_preview", now));
        h.record(rec("e", "gear_2.stl", "completed", null, now));
        return h;
    }

    @Test
    void searchFiltersByNameAnyCaseDateTemplateAndState() throws Exception {
        Instant now = Instant.now();
        HistoryStore h = filled(now);
        assertThat(h.search(new HistoryStore.Search("DRAGON", null, null, null, null, 100)))
                .extracting(HistoryRecord::id).containsExactly("a", "b");
        assertThat(h.search(new HistoryStore.Search("dragon", null, null, "complete_processing", null, 100)))
                .extracting(HistoryRecord::id).containsExactly("b");
        assertThat(h.search(new HistoryStore.Search(null, null, null, null, "completed", 100)))
                .extracting(HistoryRecord::id).containsExactly("e", "a", "c");
        assertThat(h.search(new HistoryStore.Search(null, now.minus(Duration.ofDays(5)),
                now.minus(Duration.ofHours(1)), null, null, 100))).extracting(HistoryRecord::id)
                .containsExactly("a", "b");
        assertThat(h.search(HistoryStore.Search.all(2))).extracting(HistoryRecord::id).hasSize(2);
    }

    @Test
    void searchTakesPercentAndUnderscoreLiterally() throws Exception {
        HistoryStore h = filled(Instant.now());
        assertThat(h.search(new HistoryStore.Search("100%", null, null, null, null, 100)))
                .extracting(HistoryRecord::id).containsExactly("d");
        assertThat(h.search(new HistoryStore.Search("r_", null, null, null, null, 100)))
                .extracting(HistoryRecord::id).containsExactly("d", "e");
        assertThat(h.search(new HistoryStore.Search("%", null, null, null, null, 100)))
                .extracting(HistoryRecord::id).containsExactly("d");
    }

    @Test
    void templatesAreTheNamedOnesOnce() throws Exception {
        HistoryStore h = filled(Instant.now());
        assertThat(h.templates()).containsExactly("complete_processing", "quick_preview");
    }

    @Test
    void perDayCountsCompletedFailedAndTheRestOnTheirDayOfTheZone() throws Exception {
        ZoneId zone = ZoneOffset.UTC;
        Instant noon = LocalDate.now(zone).atTime(12, 0).toInstant(ZoneOffset.UTC);
        HistoryStore h = HistoryStore.open(dir.resolve("job_history.db"));
        h.record(rec("t1", "a.stl", "completed", "q", noon));
        h.record(rec("t2", "b.stl", "completed", "q", noon.minusSeconds(60)));
        h.record(rec("t3", "c.stl", "failed", "q", noon.minusSeconds(120)));
        h.record(rec("t4", "d.stl", "skipped", "q", noon.minus(Duration.ofDays(2))));
        h.record(rec("old", "e.stl", "completed", "q", noon.minus(Duration.ofDays(9))));
        LocalDate today = LocalDate.now(zone);
        assertThat(h.perDay(7, zone)).containsExactly(
                new HistoryStore.DayCount(today.minusDays(2), 0, 0, 1),
                new HistoryStore.DayCount(today, 2, 1, 0));
        // 23:30 UTC is the next day at UTC+2
        h.record(rec("late", "f.stl", "completed", "q", today.minusDays(1).atTime(23, 30).toInstant(ZoneOffset.UTC)));
        assertThat(h.perDay(7, ZoneOffset.ofHours(2))).filteredOn(d -> d.day().equals(today))
                .extracting(HistoryStore.DayCount::completed).containsExactly(3L);
        assertThat(h.perDay(7, zone)).filteredOn(d -> d.day().equals(today.minusDays(1)))
                .extracting(HistoryStore.DayCount::completed).containsExactly(1L);
    }
}
