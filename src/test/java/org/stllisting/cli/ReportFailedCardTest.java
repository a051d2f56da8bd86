package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed model's card in {@code report.html} of a real run says why in plain words first and names the
 * file second, as the window's detail pane does (it showed the step, the path and then the reason).
 */
class ReportFailedCardTest {
    @TempDir
    Path tmp;

    @Test
    void theFailedCardGivesTheReasonFirstAndThePathSecond() throws Exception {
        Path out = ReportRuns.run(tmp);
        String html = Files.readString(out.resolve("report.html"));
        Matcher card = Pattern.compile("<article class=\"card v-failed\"[^>]*>(.*?)</article>", Pattern.DOTALL)
                .matcher(html);
        assertThat(card.find()).as("a failed card").isTrue();
        Matcher notes = Pattern.compile("<ul class=\"notes\">(.*?)</ul>", Pattern.DOTALL).matcher(card.group(1));
        assertThat(notes.find()).as("the card's notes").isTrue();
        List<String> items = new ArrayList<>();
        Matcher li = Pattern.compile("<li[^>]*>(.*?)</li>", Pattern.DOTALL).matcher(notes.group(1));
        while (li.find()) {
            items.add(li.group(1));
        }
        assertThat(items).isNotEmpty();
        String first = items.get(0);
        assertThat(first).contains("class=\"reason\"");
        assertThat(first.replaceAll("<[^>]+>", "")).isEqualTo("Truncated or not STL: binary header claims 4032 facets"
                + " (201684 bytes) but the file has 10101 bytes (at byte 10101) (while reading the STL file)");
        // the file it names is the model's own: the card names it once, after the reason
        String text = card.group(1).replaceAll("<[^>]+>", "");
        String path = tmp.resolve("in/damaged_download.stl").toString();
        assertThat(text.indexOf("Truncated or not STL")).isNotNegative().isLessThan(text.indexOf(path));
        assertThat(text.split(Pattern.quote(path), -1)).as(text).hasSize(2);
        assertThat(card.group(1)).doesNotContain("load (damaged_download.stl)");
    }

    @Test
    void aPathOtherThanTheModelsFollowsTheReasonOnItsOwnLine() {
        org.stllisting.output.ListingReport.Model m = new org.stllisting.output.ListingReport.Model("x", "/in/x.stl",
                "failed", null, null, null, List.of(), "job (x.stl): /out/x: Permission denied", null, List.of());
        String html = new org.stllisting.output.ListingReport("t", "/out", null, null, true, List.of(m)).html();
        assertThat(html).contains("<li class=\"error\"><span class=\"reason\">Permission denied</span><br>"
                + "<span class=\"path\">/out/x</span></li>");
    }
}
