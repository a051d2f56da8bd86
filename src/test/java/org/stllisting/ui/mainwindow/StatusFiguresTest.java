package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stllisting.ui.mainwindow.Rows.row;
import static org.stllisting.ui.mainwindow.Rows.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stllisting.store.queue.JobState;

/** The status bar's figures and the rows' texts, without a window. */
class StatusFiguresTest {

    @Test
    void cancelledJobsAreNotDoneAndTheBarCountsOnlyCompletedWork() {
        List<JobRow> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(row("c" + i, JobState.COMPLETED));
        }
        for (int i = 0; i < 14; i++) {
            rows.add(row("x" + i, JobState.CANCELLED));
        }
        rows.add(row("f", JobState.FAILED));
        rows.add(new JobRow(view("r", JobState.RUNNING, 50, null, "render", 3.0)));
        QueueCounts c = QueueCounts.of(rows);
        assertThat(c.describe(null, false)).isEqualTo("4 of 20 done, 1 running, 1 failed, 14 cancelled");
        assertThat(c.bar()).isEqualTo(4.5 / 20);
    }

    @Test
    void statusLineSaysWhatIsDoneRunningFailedSkippedAndLeft() {
        List<JobRow> rows = List.of(row("a", JobState.COMPLETED), row("b", JobState.RUNNING),
                row("c", JobState.PENDING), row("d", JobState.SKIPPED), row("e", JobState.FAILED));
        assertThat(QueueCounts.of(rows).describe(125.0, false))
                .isEqualTo("1 of 5 done, 1 running, 1 failed, 1 skipped, about 2 min 05 s left");
        assertThat(QueueCounts.of(List.of(row("a", JobState.COMPLETED))).describe(0.0, false)).isEqualTo("1 of 1 done");
        assertThat(QueueCounts.of(List.of()).bar()).isZero();
    }

    @Test
    void stoppingIsSaidWhileJobsStillRun() {
        List<JobRow> rows = List.of(row("a", JobState.RUNNING), row("b", JobState.PENDING));
        assertThat(QueueCounts.of(rows).describe(60.0, true)).isEqualTo("0 of 2 done, 1 running — stopping…");
        assertThat(QueueCounts.of(List.of(row("b", JobState.PENDING))).describe(60.0, true))
                .isEqualTo("0 of 1 done, about 1 min 00 s left");
    }

    @Test
    void aRunningJobsDurationTicksFromItsWorkingTime() {
        JobRow r = new JobRow(view("r", JobState.RUNNING, 10, null, null, 0.0));
        Instant seen = Instant.parse("2026-12-01T10:00:00Z");
        r.update(view("r", JobState.RUNNING, 10, null, null, 42.0), seen);
        r.tick(seen.plusSeconds(20));
        assertThat(r.durationProperty().get()).isEqualTo("1 min 02 s");
        // a finished job's duration is its own, whatever the clock says
        r.update(view("r", JobState.COMPLETED, 100, null, "finalize", 70.0), seen);
        r.tick(seen.plusSeconds(500));
        assertThat(r.durationProperty().get()).isEqualTo("1 min 10 s");
    }

    @Test
    void aFailedJobShowsItsReasonBeforeThePath() {
        JobRow r = new JobRow(view("part", JobState.FAILED, 0,
                "load (part.stl): /home/seller/models/very/long/folder/part.stl: Permission denied", null, 0.1));
        assertThat(r.messageProperty().get())
                .isEqualTo("Failed: Permission denied (while reading the STL file) — "
                        + "/home/seller/models/very/long/folder/part.stl");
        assertThat(r.errorProperty().get()).startsWith("load (part.stl): /home");
    }

    @Test
    void countsAndReasonsAreWrittenAsPeopleWriteThem() {
        assertThat(Formats.count(1, "file")).isEqualTo("1 file");
        assertThat(Formats.count(0, "file")).isEqualTo("0 files");
        assertThat(Formats.count(3, "waiting job")).isEqualTo("3 waiting jobs");
        assertThat(Formats.reasonFirst("Cancelled by the user")).isEqualTo("Cancelled by the user");
        // in the words of the detail pane and report.html, on one line
        assertThat(Formats.reasonFirst("render (a.stl): out of memory"))
                .isEqualTo("Out of memory (while rendering the product image)");
        assertThat(Formats.reasonFirst("load (d.stl): /m/d.stl: truncated or not STL: header claims 4032 facets"))
                .isEqualTo("Truncated or not STL: header claims 4032 facets (while reading the STL file) — /m/d.stl");
    }

    @Test
    void menuCommandsFollowTheSelectedJobsStates() {
        java.util.function.Predicate<java.nio.file.Path> onDisk = p -> true;
        assertThat(RowActions.of(List.of(row("a", JobState.COMPLETED)), onDisk))
                .isEqualTo(new RowActions(false, false, true, true, false, true));
        assertThat(RowActions.of(List.of(row("a", JobState.RUNNING)), onDisk))
                .isEqualTo(new RowActions(true, false, false, false, false, true));
        assertThat(RowActions.of(List.of(row("a", JobState.FAILED), row("b", JobState.PENDING)), p -> false))
                .isEqualTo(new RowActions(true, true, true, true, false, false));
        assertThat(RowActions.of(List.of(row("a", JobState.PENDING), row("b", JobState.PENDING)), p -> false))
                .isEqualTo(new RowActions(true, false, false, true, true, false));
        assertThat(RowActions.of(List.of(new JobRow(view("p", JobState.PENDING, 40, null, "render", 5.0))), onDisk)
                .openOutput()).isTrue();
        assertThat(RowActions.of(List.of())).isEqualTo(new RowActions(false, false, false, false, false, false));
    }
}
