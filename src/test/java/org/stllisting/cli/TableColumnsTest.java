package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateStore;

/** The tables of {@code status} and {@code history}: every value stands under its heading, however long. */
class TableColumnsTest {
    @TempDir
    Path dir;

    /**
     * Checks that in {@code table} (a heading line, then rows) every left-aligned column's values start where
     * its heading starts and every right-aligned column's values end where its heading ends.
     */
    private static void assertAligned(String table, Set<String> rightAligned) {
        List<String> lines = table.lines().toList();
        String header = lines.get(0);
        Matcher m = Pattern.compile("\\S+(?: \\S+)*").matcher(header);
        List<int[]> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            cols.add(new int[] {m.start(), m.end()});
            names.add(m.group());
        }
        for (String row : lines.subList(1, lines.size())) {
            for (int c = 0; c < cols.size(); c++) {
                int start = cols.get(c)[0];
                int end = cols.get(c)[1];
                String where = "column " + names.get(c) + " in\n" + table;
                if (rightAligned.contains(names.get(c))) {
                    assertThat(row.length()).as(where).isGreaterThanOrEqualTo(end);
                    assertThat(row.charAt(end - 1)).as(where).isNotEqualTo(' ');
                    assertThat(end == row.length() || row.charAt(end) == ' ').as(where).isTrue();
                } else {
                    assertThat(row.length()).as(where).isGreaterThan(start);
                    assertThat(row.charAt(start)).as(where).isNotEqualTo(' ');
                    assertThat(start == 0 || row.charAt(start - 1) == ' ').as(where).isTrue();
                }
            }
        }
    }

    /** The lines of {@code out} from the one starting with {@code heading} to the next empty line. */
    private static String table(String out, String heading) {
        List<String> lines = out.lines().toList();
        int from = 0;
        while (!lines.get(from).strip().startsWith(heading)) {
            from++;
        }
        int to = from;
        while (to < lines.size() && !lines.get(to).isBlank()) {
            to++;
        }
        return String.join("\n", lines.subList(from, to));
    }

    @Test
    void statusColumnsFitTheirLongestValue() throws Exception {
        Home home = Home.at(dir.resolve("home"));
        try (QueueStateStore s = QueueStateStore.open(home)) {
            Path a = Files.writeString(dir.resolve("a.stl"), "solid a\nendsolid a\n");
            s.addJobs(List.of(JobDto.pending("job_a", a.toString()),
                    JobDto.pending("job_with_a_much_longer_identifier", dir.resolve("b.stl").toString())));
            s.updateJob("job_a", j -> {
                j.state = JobState.RUNNING;
                j.lastCompletedStep = "color_variations";
                j.progress = 100;
                return j;
            });
        }
        TinyRuns.Outcome r = TinyRuns.cli("--home", home.root().toString(), "status");
        assertThat(r.exit()).as(r.err()).isZero();
        String t = table(r.out(), "#");
        assertThat(t).contains("after color_variations").contains("job_with_a_much_longer_identifier");
        assertAligned(t, Set.of("#", "DONE"));
    }

    @Test
    void historyColumnsFitTheirLongestValue() throws Exception {
        Home home = Home.at(dir.resolve("home"));
        HistoryStore h = HistoryStore.open(home.historyDb());
        int i = 0;
        for (String template : List.of("quick_preview", "a_template_with_a_name_much_longer_than_the_column")) {
            for (String state : List.of("completed", "cancelled")) {
                i++;
                h.record(new HistoryRecord("job_" + i, "/m/model_" + i + ".stl", "model_" + i + ".stl", 20, "abc",
                        "/out", "s", "{}", "{}", state, Instant.now(), Instant.now(), Instant.now(), null,
                        i * 12345.6, true, List.of(), null, List.of(), "test", "cli", template, 1));
            }
        }
        TinyRuns.Outcome list = TinyRuns.cli("--home", home.root().toString(), "history", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertAligned(table(list.out(), "FINISHED"), Set.of("SECONDS"));
        TinyRuns.Outcome stats = TinyRuns.cli("--home", home.root().toString(), "history", "stats");
        assertThat(stats.exit()).as(stats.err()).isZero();
        String t = table(stats.out(), "TEMPLATE");
        assertThat(t).contains("a_template_with_a_name_much_longer_than_the_column");
        assertAligned(t, Set.of("JOBS", "SUCCESS", "MEAN"));
    }
}
