package org.stllisting.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingReportTest {
    @TempDir
    Path tmp;

    private static ListingReport.Model model(String name, String verdict) {
        return new ListingReport.Model(name, "/in/" + name + ".stl", verdict, new double[] {25.4, 50.8, 10},
                12_500.0, 15.5, List.of(), null,
                new ListingReport.Media(name + "/renders/" + name + "_render.png", null, null, List.of()),
                List.of(name + "/renders/" + name + "_render.png"));
    }

    @Test
    void namesWarningsAndPathsAreEscapedSoNothingFromAFileNameBecomesMarkup() {
        String evil = "<script>alert(1)</script> & \"q\" 'a' 龙";
        ListingReport.Model m = new ListingReport.Model(evil, "/in/<b>.stl", "problems", null, null, null,
                List.of("3 holes <b>open</b> & edges"), "it \"broke\"",
                new ListingReport.Media("龙 x/<r>.png", null, null, List.of()), List.of("龙 x/a&b \"c\".png"));
        String html = new ListingReport("t<1>", "/out/&", Instant.EPOCH, Instant.EPOCH, true, List.of(m)).html();

        assertThat(html).doesNotContain("<script>alert").doesNotContain("<b>open</b>").doesNotContain("<b>.stl")
                .doesNotContain("t<1>").doesNotContain("\"c\"");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39; 龙")
                .contains("3 holes &lt;b&gt;open&lt;/b&gt; &amp; edges").contains("It &quot;broke&quot;");
        // links are percent-encoded UTF-8 with the folder separators kept
        assertThat(html).contains("src=\"%E9%BE%99%20x/%3Cr%3E.png\"")
                .contains("href=\"%E9%BE%99%20x/a%26b%20%22c%22.png\"");
        // the only <script> is the page's own filter
        assertThat(html.split("<script>", -1)).hasSize(2);
    }

    @Test
    void failuresAndProblemsComeFirstAndTheTotalsCountEachVerdict() {
        ListingReport r = new ListingReport("t", "/out", Instant.EPOCH, Instant.EPOCH, true, List.of(
                model("ok_one", "passed"), model("fixed", "repaired"), model("bad", "problems"),
                model("none", null), model("broken", "failed"), model("ok_two", "passed")));

        assertThat(r.ordered()).extracting(ListingReport.Model::name)
                .containsExactly("broken", "bad", "fixed", "none", "ok_one", "ok_two");
        String html = r.html();
        assertThat(html).contains("<span class=\"n\">6</span> models").contains("<span class=\"n\">2</span> passed")
                .contains("<span class=\"n\">1</span> failed").contains("<span class=\"n\">1</span> not validated")
                .contains("data-filter=\"problems\">Problems (1)</button>").contains("— not validated");
        assertThat(html.split("<article ", -1)).hasSize(7);
        // one mm and inch pair per card: 25.4 mm is 1.00 in
        assertThat(html).contains("25.4 × 50.8 × 10.0 mm").contains("1.00 × 2.00 × 0.39 in")
                .contains("12.50 cm³").contains("15.5 g");
        assertThat(html).doesNotContain("http-equiv=\"refresh\"");
        assertThat(new ListingReport("t", "/out", null, null, false, List.of()).html())
                .contains("http-equiv=\"refresh\"").contains("No models in this run.");
    }

    @Test
    void theSheetQuotesFieldsAsRfc4180AndKeepsFormulasAsText() throws Exception {
        ListingReport.Model m = new ListingReport.Model("a, \"b\"", "/in/x.stl", "problems",
                new double[] {1, 2, 3}, 1000.0, 1.24, List.of("line one\nline two", "=HYPERLINK(\"x\")"), null,
                new ListingReport.Media("r.png", "c.png", "v.mp4", List.of("red.png", "blue.png")), List.of());
        OutputLayout top = new OutputLayout(tmp.resolve("out"), OutputMode.PER_MODEL, null);
        ListingReport.write(top, new ListingReport("t", top.root().toString(), null, null, true, List.of(m)));

        byte[] bytes = Files.readAllBytes(top.listingCsv());
        assertThat(new String(bytes, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("\u00EF\u00BB\u00BF");
        String csv = new String(bytes, StandardCharsets.UTF_8);
        assertThat(csv).endsWith("\r\n").contains("\"a, \"\"b\"\"\",problems,1.00,2.00,3.00,0.039,0.079,0.118,"
                + "1.000,1.24,r.png,c.png,v.mp4,red.png;blue.png,\"line one\nline two; =HYPERLINK(\"\"x\"\")\",/in/x.stl");
        assertThat(ListingReport.csvCell("=1+2")).isEqualTo("'=1+2");
        assertThat(ListingReport.csvCell("-5 mm, off")).isEqualTo("\"'-5 mm, off\"");
        assertThat(Files.readString(top.report())).contains("a, &quot;b&quot;");
    }
}
