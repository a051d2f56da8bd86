package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.output.ListingReport;

/** {@code listing.csv} of a real run, read back as a spreadsheet would (RFC 4180). */
class ListingCsvTest {
    @TempDir
    Path tmp;

    @Test
    void theSheetHasAHeaderAndOneQuotedRowPerModelWithSizesVerdictsAndMediaThatExist() throws Exception {
        Path out = ReportRuns.run(tmp);
        byte[] bytes = Files.readAllBytes(out.resolve("listing.csv"));
        // UTF-8 with a byte order mark, so a spreadsheet reads the Chinese name as such
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));

        assertThat(rows.get(0)).isEqualTo(ListingReport.CSV_COLUMNS);
        assertThat(rows).hasSize(1 + 5).allMatch(r -> r.size() == ListingReport.CSV_COLUMNS.size());
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                m.put(ListingReport.CSV_COLUMNS.get(i), r.get(i));
            }
            byName.put(m.get("name"), m);
        }
        assertThat(byName.keySet()).containsExactly("damaged_download", "bracket_needs_repair", "model_00",
                "model_01", "龙 _b___x__ y");

        Map<String, String> failed = byName.get("damaged_download");
        assertThat(failed.get("verdict")).isEqualTo("failed");
        assertThat(failed.get("size_x_mm")).isEmpty();
        assertThat(failed.get("render")).isEmpty();
        assertThat(failed.get("problems")).contains("not STL");

        Map<String, String> bracket = byName.get("bracket_needs_repair");
        // validation failed, and repair made it watertight
        assertThat(bracket.get("verdict")).isEqualTo("repaired");
        assertThat(bracket.get("size_x_mm")).isEqualTo("60.00");
        assertThat(bracket.get("size_x_in")).isEqualTo("2.362");
        assertThat(Double.parseDouble(bracket.get("volume_cm3"))).isBetween(10.0, 20.0);
        assertThat(Double.parseDouble(bracket.get("grams"))).isPositive();

        Map<String, String> awkward = byName.get("龙 _b___x__ y");
        assertThat(awkward.get("verdict")).isEqualTo("passed");
        // the source path keeps its comma, quote and markup through the quoting
        assertThat(awkward.get("source")).endsWith("/in/" + ReportRuns.AWKWARD);
        for (Map<String, String> m : List.of(bracket, awkward, byName.get("model_00"))) {
            assertThat(out.resolve(m.get("render"))).isRegularFile();
            assertThat(out.resolve(m.get("size_chart"))).isRegularFile();
            assertThat(m.get("color_variations").split(";")).hasSize(2)
                    .allSatisfy(c -> assertThat(out.resolve(c)).isRegularFile());
            assertThat(m.get("video")).isEmpty();
        }
    }

    /** RFC 4180: fields split by commas, records by CRLF, quoted fields with doubled quotes and line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field).as("a quote only opens a field").isEmpty();
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertThat(text.charAt(i + 1)).as("records end with CRLF").isEqualTo('\n');
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("a bare line feed outside quotes").isNotEqualTo('\n');
                field.append(c);
            }
        }
        assertThat(quoted).as("an unclosed quote").isFalse();
        assertThat(row).as("the last record ends with CRLF").isEmpty();
        assertThat(field).isEmpty();
        return rows;
    }
}
