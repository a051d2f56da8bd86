package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stllisting.app.AppContext;
import org.stllisting.app.settings.HomeSettings;
import org.stllisting.jobs.runner.QueueRunner;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Home;
import org.stllisting.store.Json;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateDto;
import org.stllisting.store.queue.QueueStateStore;
import org.stllisting.store.queue.SessionState;

/**
 * A completed job's cache (its checkpoint) can be gone while the queue still lists the job: the cache cap or
 * {@code cleanup} removed it, or the run that finished it did. A later {@code report.html} and
 * {@code listing.csv}, written by another process, still carry that model's figures, verdict and pictures, read
 * from what the job left in its output folder; where even those are gone the row says the figures are
 * unavailable and why.
 */
class ReportWithoutCachesTest {
    private static final Pattern REPORT_HEADER = Pattern.compile("<p class=\"meta\">[^\n]*\n");
    private static final Pattern CARD = Pattern.compile("<article [^>]*>.*?</article>\n", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void aResumedReportKeepsTheFiguresOfAModelWhoseCacheTheCapRemoved() throws Exception {
        Path out = tmp.resolve("out");
        Home home = runTwo(true, out);
        List<String> ids = jobIds(home);
        String csv = Files.readString(out.resolve("listing.csv"));
        String html = withoutHeader(Files.readString(out.resolve("report.html")));
        assertThat(csv).contains("model_00,passed,").contains("model_00/renders/model_00_render");

        // as the cache cap or a cleanup would, then a crash before the run's last report
        deleteTree(home.jobCacheDir(ids.get(0)));
        try (QueueStateStore store = QueueStateStore.open(home)) {
            store.setSessionState(SessionState.RUNNING);
        }
        Files.writeString(out.resolve("listing.csv"), "stale\n");

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.root().toString(), "resume");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(out.resolve("listing.csv"))).isEqualTo(csv);
        assertThat(withoutHeader(Files.readString(out.resolve("report.html")))).isEqualTo(html);
    }

    /** Pictures are told apart by their names, whatever the output mode and naming options make of them. */
    @ParameterizedTest
    @ValueSource(strings = {"flat", "grouped"})
    void theFiguresAndPicturesOfAModelWithoutCacheAreFoundUnderEveryModeAndNaming(String mode) throws Exception {
        Path out = tmp.resolve("out");
        Path homeDir = TinyRuns.tinyHome(tmp);
        Path tiny = homeDir.resolve("templates/tiny.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> t = Json.mapper().readValue(tiny.toFile(), LinkedHashMap.class);
        t.put("output_options", Map.of("mode", mode, "naming", Map.of("custom_prefix", "shop", "quality_suffix", true,
                "material_suffix", true, "size_suffix", true, "timestamp_suffix", true)));
        Files.write(tiny, Json.mapper().writeValueAsBytes(t));
        Home home = runTwo(homeDir, true, out);
        String csv = Files.readString(out.resolve("listing.csv"));
        String html = withoutHeader(Files.readString(out.resolve("report.html")));
        assertThat(csv).contains("shop_model_00_render_").contains("shop_model_00_size_chart_")
                .contains("shop_model_01_blue_");
        for (String id : jobIds(home)) {
            deleteTree(home.jobCacheDir(id));
        }
        try (QueueStateStore store = QueueStateStore.open(home)) {
            store.setSessionState(SessionState.RUNNING);
        }

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.root().toString(), "resume");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(out.resolve("listing.csv"))).isEqualTo(csv);
        assertThat(withoutHeader(Files.readString(out.resolve("report.html")))).isEqualTo(html);
    }

    @Test
    void aNewRunInTheSameQueueKeepsTheFiguresOfTheModelsItsFirstRunFinished() throws Exception {
        Path out = tmp.resolve("out");
        Home home = runTwo(false, out);
        List<String> ids = jobIds(home);
        for (String id : ids) {
            assertThat(home.jobCacheDir(id)).as("the finished run removed its caches").doesNotExist();
        }
        List<String> csv = Files.readString(out.resolve("listing.csv")).lines().toList();
        List<String> cards = cards(Files.readString(out.resolve("report.html")));
        assertThat(cards).hasSize(2);

        // a third model added to the same queue and run by a new runner (the window's way)
        Path third = TinyRuns.models(tmp.resolve("more"), 3).get(2);
        try (AppContext ctx = AppContext.exclusive(home)) {
            QueueRunner runner = ctx.runner("gui");
            runner.add(List.of(third), null, null, null);
            runner.start();
            assertThat(runner.awaitFinished(Duration.ofSeconds(60))).isTrue();
            runner.close();
        }

        List<String> after = Files.readString(out.resolve("listing.csv")).lines().toList();
        assertThat(after).hasSize(4);
        assertThat(after.subList(0, 3)).isEqualTo(csv);
        assertThat(after.get(3)).startsWith("model_02,passed,").contains("model_02/renders/model_02_render");
        List<String> newCards = cards(Files.readString(out.resolve("report.html")));
        assertThat(newCards).hasSize(3);
        assertThat(newCards.subList(0, 2)).isEqualTo(cards);
    }

    @Test
    void withoutCacheAndDimensionsFileTheFiguresComeFromTheAnalysisFile() throws Exception {
        Path out = tmp.resolve("out");
        Home home = runTwo(true, out);
        String csv = Files.readString(out.resolve("listing.csv"));
        deleteTree(home.jobCacheDir(jobIds(home).get(1)));
        Files.delete(out.resolve("model_01/analysis/model_01_dimensions.json"));
        try (QueueStateStore store = QueueStateStore.open(home)) {
            store.setSessionState(SessionState.RUNNING);
        }

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.root().toString(), "resume");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(out.resolve("listing.csv"))).isEqualTo(csv);
    }

    /** A finished job whose queue entry lists no files (and no cache) is reported with its history row's files. */
    @Test
    void withoutCacheAndWithoutAFileListInTheQueueTheHistoryRowsFilesAreRead() throws Exception {
        Path out = tmp.resolve("out");
        Home home = runTwo(true, out);
        String csv = Files.readString(out.resolve("listing.csv"));
        String html = withoutHeader(Files.readString(out.resolve("report.html")));
        List<String> ids = jobIds(home);
        deleteTree(home.jobCacheDir(ids.get(0)));
        try (QueueStateStore store = QueueStateStore.open(home)) {
            QueueStateDto q = store.snapshot();
            q.jobs.get(0).results.filesGenerated.clear();
            q.sessionState = SessionState.RUNNING;
            store.replaceState(q);
        }

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.root().toString(), "resume");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(out.resolve("listing.csv"))).isEqualTo(csv);
        assertThat(withoutHeader(Files.readString(out.resolve("report.html")))).isEqualTo(html);
    }

    @Test
    void aModelWhoseCacheAndAnalysisAreGoneSaysItsFiguresAreUnavailableAndWhy() throws Exception {
        Path out = tmp.resolve("out");
        Home home = runTwo(true, out);
        List<String> ids = jobIds(home);
        deleteTree(home.jobCacheDir(ids.get(0)));
        deleteTree(out.resolve("model_00/analysis"));
        try (QueueStateStore store = QueueStateStore.open(home)) {
            store.setSessionState(SessionState.RUNNING);
        }

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.root().toString(), "resume");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        String row = Files.readString(out.resolve("listing.csv")).lines()
                .filter(l -> l.startsWith("model_00,")).findFirst().orElseThrow();
        // still passed, its pictures still linked, and plainly without figures
        assertThat(row).startsWith("model_00,passed,,,,,,,,,model_00/renders/model_00_render");
        assertThat(row).contains("figures unavailable").contains("model_00_dimensions.json");
        assertThat(Files.readString(out.resolve("report.html"))).contains("figures unavailable");
    }

    /**
     * Two models of the tiny template run to the end in {@code out}; {@code keepCaches} is the home's
     * {@code keep_job_caches} during the run.
     */
    private Home runTwo(boolean keepCaches, Path out) throws Exception {
        return runTwo(TinyRuns.tinyHome(tmp), keepCaches, out);
    }

    private Home runTwo(Path homeDir, boolean keepCaches, Path out) throws Exception {
        Home home = Home.at(homeDir);
        HomeSettings.put(new ConfigStore(home.configFile()), "keep_job_caches", keepCaches);
        Path src = tmp.resolve("models");
        TinyRuns.models(src, 2);
        TinyRuns.Outcome run = TinyRuns.cli("--home", homeDir.toString(), "run", src.toString(), "--out",
                out.toString(), "--template", "tiny");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return home;
    }

    private static List<String> jobIds(Home home) throws Exception {
        try (QueueStateStore store = QueueStateStore.open(home)) {
            assertThat(store.snapshot().jobs).allMatch(j -> j.state == JobState.COMPLETED);
            return store.snapshot().jobs.stream().map(j -> j.id).toList();
        }
    }

    private static List<String> cards(String html) {
        List<String> l = new ArrayList<>();
        Matcher m = CARD.matcher(html);
        while (m.find()) {
            l.add(m.group());
        }
        return l;
    }

    private static String withoutHeader(String html) {
        return REPORT_HEADER.matcher(html).replaceFirst("");
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
