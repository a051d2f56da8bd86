package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;

/** The times a resumed queue reports and records: its working time, never the time the program was closed. */
class ResumeTimesTest {
    @TempDir
    Path tmp;

    @Test
    void aVersionOnePointZeroQueueWithARunningJobResumesWithItsModelNameAndItsWorkingTime() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Path model = TinyRuns.models(tmp.resolve("src"), 1).get(0);
        Path out = tmp.resolve("out");
        // a 1.0 writer: no session, template, model name or attempts; the job was running two years ago
        Files.writeString(home.resolve("queue_state.json"), """
                {
                  "version": "1.0",
                  "created_at": "2024-01-15T10:30:00Z",
                  "last_updated": "2024-01-15T11:45:00Z",
                  "queue_settings": {"max_concurrent_jobs": 1, "auto_retry_failed": false,
                                     "max_retry_attempts": 0, "output_base_folder": "%s"},
                  "global_render_options": {"generate_image": true, "generate_size_chart": false,
                      "generate_video": false, "generate_color_variations": false, "width": 96, "height": 72,
                      "quality": "draft", "material": "plastic", "lighting": "studio"},
                  "global_validation_options": {"level": "standard", "auto_repair": true},
                  "jobs": [
                    {"id": "job_002", "stl_path": "%s", "output_folder": "/output/model_00",
                     "state": "running", "progress": 40.0, "created_at": "2024-01-15T10:30:16Z",
                     "started_at": "2024-01-15T10:30:20Z", "estimated_duration": null,
                     "render_options": {}, "validation_options": {},
                     "results": {"validation_passed": null, "files_generated": [], "errors": [], "warnings": []},
                     "error_message": null}
                  ]
                }
                """.formatted(json(out), json(model)), StandardCharsets.UTF_8);
        Instant before = Instant.now();

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "resume");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("model_00: done in").doesNotContain("null:").doesNotContain(" h ");
        HistoryRecord row = HistoryStore.open(Home.at(home).historyDb()).show("job_002").orElseThrow();
        double took = Duration.between(before, Instant.now()).toMillis() / 1000.0;
        assertThat(row.actualDuration()).isNotNull().isBetween(0.0, took);
        assertThat(row.startedAt()).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(row.createdAt()).isEqualTo(Instant.parse("2024-01-15T10:30:16Z"));
        // queued by 1.0 without an estimate: it gets one when it starts
        assertThat(row.estimatedDuration()).isNotNull().isPositive();
        assertThat(out.resolve("model_00/renders/model_00_render.png")).exists();
    }

    private static String json(Path p) {
        return p.toString().replace("\\", "\\\\");
    }
}
