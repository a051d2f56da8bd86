package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report.html} of a real run, opened in a real headless browser (Debian's chromium). */
class ReportPageBrowserTest {
    private static final Pattern LINK = Pattern.compile("<(img|a)\\b[^>]*?\\s(src|href)=\"([^\"]*)\"");

    @TempDir
    Path tmp;

    @Test
    void theReportOfARunLoadsWithoutConsoleErrorsAndEveryImageAndLinkIsAFileOfTheRun() throws Exception {
        assumeTrue(HeadlessChromium.binary() != null,
                "no chromium binary on the PATH (apt-get install chromium) to open report.html in");
        Path out = ReportRuns.run(tmp);
        Path page = out.resolve("report.html");
        assertThat(page).isRegularFile();

        // one load (a browser start costs seconds): the page with its filter set to failed in the address
        HeadlessChromium.Result r = HeadlessChromium.dumpDom(page.toUri() + "#failed", tmp.resolve("browser"));

        assertThat(r.exit()).as(r.log()).isZero();
        assertThat(r.consoleLines()).as("console messages or uncaught errors").isEmpty();
        String dom = r.out();
        // the page's script ran to its end
        assertThat(dom).contains("data-ready=\"yes\"");
        // one card per model, the failure first, and the totals
        assertThat(count(dom, "<article ")).isEqualTo(5);
        assertThat(dom.indexOf("data-verdict=\"failed\"")).isPositive()
                .isLessThan(dom.indexOf("data-verdict=\"repaired\""));
        assertThat(dom.indexOf("data-verdict=\"repaired\"")).isLessThan(dom.indexOf("data-verdict=\"passed\""));
        assertThat(dom).contains("id=\"totals\"").contains("<span class=\"n\">5</span> models")
                .contains("<span class=\"n\">1</span> failed").contains("id=\"filters\"")
                .contains("damaged_download").contains("龙 _b___x__ y");
        // the awkward source path is text, not markup
        assertThat(dom).doesNotContain("<b>&amp;").contains("龙 &lt;b&gt;&amp;\"x\", y.stl");

        List<String> images = new ArrayList<>();
        int links = 0;
        Matcher m = LINK.matcher(dom);
        while (m.find()) {
            String target = URLDecoder.decode(unescape(m.group(3)), StandardCharsets.UTF_8);
            assertThat(target).as("a relative link").doesNotContain(":").doesNotStartWith("/");
            assertThat(out.resolve(target)).as(m.group()).exists();
            if (m.group(1).equals("img")) {
                images.add(target);
            } else {
                links++;
            }
        }
        // every model that completed shows its render; each card links its files
        assertThat(images).hasSize(4).allMatch(i -> i.endsWith("_render.png"));
        assertThat(links).isGreaterThan(20);

        // the filter (kept in the address) shows the failed card alone
        Matcher card = Pattern.compile("<article [^>]*>").matcher(dom);
        List<String> shown = new ArrayList<>();
        while (card.find()) {
            if (!card.group().contains("hidden")) {
                shown.add(card.group());
            }
        }
        assertThat(shown).singleElement().asString().contains("data-verdict=\"failed\"");
        assertThat(dom).contains("<button type=\"button\" data-filter=\"failed\" class=\"on\">");
    }

    private static int count(String s, String part) {
        return s.split(Pattern.quote(part), -1).length - 1;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
