package org.stllisting.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's page and sheet at the top of an output folder: {@code report.html}, one self-contained page (inline
 * style and script, no network; images and links are the run's own files, relative to the page) with a card per
 * model, failures and models with problems first, filters by verdict and the run's totals; and
 * {@code listing.csv}, one row per model (RFC 4180, UTF-8 with a byte order mark so spreadsheets read every
 * name, a header row). Fed plain values; everything that reaches the page is escaped.
 */
public record ListingReport(String template, String outputFolder, Instant startedAt, Instant updatedAt,
        boolean finished, List<Model> models) {
    private static final Logger LOG = LoggerFactory.getLogger(ListingReport.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final double MM_PER_INCH = 25.4;
    /** How many warnings a card shows before the rest fold away. */
    private static final int SHOWN_NOTES = 2;

    /** The columns of {@code listing.csv}, in order. */
    public static final List<String> CSV_COLUMNS = List.of("name", "verdict", "size_x_mm", "size_y_mm", "size_z_mm",
            "size_x_in", "size_y_in", "size_z_in", "volume_cm3", "grams", "render", "size_chart", "video",
            "color_variations", "problems", "source");

    /**
     * One model. {@code verdict}: passed, repaired or problems for a model that ran through validation; failed,
     * skipped, cancelled, pending or running for a job that did not complete; null for a completed model that
     * was not validated. {@code sizeMm} (x, y, z), {@code volumeMm3} and {@code grams} are null before the model
     * was measured. {@code warnings} are in plain words; {@code error} is the job's error line as the queue
     * keeps it (for {@code listing.csv}), {@code errorWords} the same for the card, the reason first and the
     * path second (when null, made from {@code error} without the steps' names). Paths are relative to the
     * output folder, with {@code /}.
     */
    public record Model(String name, String source, String verdict, double[] sizeMm, Double volumeMm3, Double grams,
            List<String> warnings, String error, Media media, List<String> files, ErrorWords.Split errorWords) {
        public Model {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
            files = files == null ? List.of() : List.copyOf(files);
            media = media == null ? Media.NONE : media;
            if (errorWords == null && error != null) {
                errorWords = ErrorWords.split(error, step -> null);
            }
        }

        public Model(String name, String source, String verdict, double[] sizeMm, Double volumeMm3, Double grams,
                List<String> warnings, String error, Media media, List<String> files) {
            this(name, source, verdict, sizeMm, volumeMm3, grams, warnings, error, media, files, null);
        }

        /** The filter this model is found under. */
        public Verdict group() {
            return Verdict.of(verdict);
        }

        /** The picture on its card: the render, else the size chart, else its first color. */
        public String thumbnail() {
            if (media.render() != null) {
                return media.render();
            }
            if (media.sizeChart() != null) {
                return media.sizeChart();
            }
            return media.colors().isEmpty() ? null : media.colors().get(0);
        }
    }

    /** A model's listing media, relative to the output folder; null or empty when not made. */
    public record Media(String render, String sizeChart, String video, List<String> colors) {
        public static final Media NONE = new Media(null, null, null, List.of());

        public Media {
            colors = colors == null ? List.of() : List.copyOf(colors);
        }
    }

    /** The verdict groups, in the order the page lists them (what needs a look first). */
    public enum Verdict {
        FAILED("failed", "Failed"),
        PROBLEMS("problems", "Problems"),
        OTHER("other", "Skipped or cancelled"),
        REPAIRED("repaired", "Repaired"),
        UNVALIDATED("unvalidated", "Not validated"),
        PASSED("passed", "Passed"),
        WAITING("waiting", "Not finished");

        private final String id;
        private final String label;

        Verdict(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        static Verdict of(String verdict) {
            if (verdict == null) {
                return UNVALIDATED;
            }
            return switch (verdict) {
                case "failed" -> FAILED;
                case "problems" -> PROBLEMS;
                case "skipped", "cancelled" -> OTHER;
                case "repaired" -> REPAIRED;
                case "passed" -> PASSED;
                case "pending", "running" -> WAITING;
                default -> UNVALIDATED;
            };
        }
    }

    public ListingReport {
        models = List.copyOf(models);
    }

    /** The models in the page's order: by verdict group, then in queue order. */
    public List<Model> ordered() {
        List<Model> l = new ArrayList<>(models);
        l.sort(Comparator.comparing(Model::group));
        return l;
    }

    /** How many models each verdict group holds, every group listed. */
    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> m = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            m.put(v, 0);
        }
        for (Model x : models) {
            m.merge(x.group(), 1, Integer::sum);
        }
        return m;
    }

    /** Writes {@code report.html} and {@code listing.csv} at the top of {@code top} (logged, never thrown). */
    public static void write(OutputLayout top, ListingReport report) {
        try {
            Files.createDirectories(top.root());
            OutputFiles.writeString(top.report(), report.html());
            OutputFiles.writeString(top.listingCsv(), report.csv());
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write report.html or listing.csv", e);
        }
    }

    /**
     * The files a finished job's ending wrote besides its steps' outputs, those that exist: the source link and
     * {@code file_info.json}, the model's logs, and its {@code failed/} entries.
     */
    public static List<Path> endingFiles(OutputLayout layout, String model, Instant created, Path source)
            throws IOException {
        ModelOutputs out = layout.model(model, created);
        String ext = OutputOrganizer.extension(source);
        List<Path> l = new ArrayList<>();
        for (Path p : List.of(out.sourceLink(ext), out.fileInfo(), out.processingLog(), out.errorLog(),
                layout.failedLink(model, ext), layout.failedErrorLog(model))) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                l.add(p);
            }
        }
        return l;
    }

    // ------------------------------------------------------------------------------------------ the page

    /** The page. */
    public String html() {
        StringBuilder b = new StringBuilder(4096 + models.size() * 1500);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (!finished) {
            // the run goes on: the page looks again (the chosen filter is kept in the address)
            b.append("<meta http-equiv=\"refresh\" content=\"15\">\n");
        }
        b.append("<title>").append(esc("Run report" + (template == null ? "" : ": " + template)))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        b.append("<header>\n<h1>Run report</h1>\n<p class=\"meta\">");
        if (template != null) {
            b.append("Template <b>").append(esc(template)).append("</b> · ");
        }
        b.append(esc(outputFolder == null ? "" : outputFolder)).append("<br>");
        if (startedAt != null) {
            b.append("Started ").append(esc(TIME.format(startedAt))).append(" · ");
        }
        b.append("updated ").append(esc(TIME.format(updatedAt == null ? Instant.now() : updatedAt))).append(" · ")
                .append(finished ? "<b>finished</b>" : "<b>still running</b> (this page reloads every 15 s)")
                .append("</p>\n");
        totals(b);
        b.append("</header>\n<main id=\"cards\">\n");
        if (models.isEmpty()) {
            b.append("<p class=\"empty\">No models in this run.</p>\n");
        }
        for (Model m : ordered()) {
            card(b, m);
        }
        b.append("</main>\n<p class=\"empty\" id=\"none\" hidden>No model has this verdict.</p>\n");
        b.append("<footer>Made by STL Listing Tool. The figures are also in listing.csv and queue_summary.json.")
                .append("</footer>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private void totals(StringBuilder b) {
        Map<Verdict, Integer> counts = counts();
        double grams = 0;
        double volume = 0;
        for (Model m : models) {
            grams += m.grams() == null ? 0 : m.grams();
            volume += m.volumeMm3() == null ? 0 : m.volumeMm3();
        }
        b.append("<section id=\"totals\">\n<div class=\"total\"><span class=\"n\">").append(models.size())
                .append("</span> models</div>\n");
        for (var e : counts.entrySet()) {
            if (e.getValue() > 0) {
                b.append("<div class=\"total v-").append(e.getKey().id()).append("\"><span class=\"n\">")
                        .append(e.getValue()).append("</span> ").append(esc(e.getKey().label().toLowerCase(Locale.ROOT)))
                        .append("</div>\n");
            }
        }
        b.append("<div class=\"total\"><span class=\"n\">").append(fmt("%.2f", volume / 1000))
                .append("</span> cm³ · <span class=\"n\">").append(fmt("%.0f", grams)).append("</span> g in all</div>\n");
        b.append("</section>\n<nav id=\"filters\" aria-label=\"Show\">\n<button type=\"button\" data-filter=\"all\" ")
                .append("class=\"on\">All (").append(models.size()).append(")</button>\n");
        for (var e : counts.entrySet()) {
            if (e.getValue() > 0) {
                b.append("<button type=\"button\" data-filter=\"").append(e.getKey().id()).append("\">")
                        .append(esc(e.getKey().label())).append(" (").append(e.getValue()).append(")</button>\n");
            }
        }
        b.append("</nav>\n");
    }

    private static void card(StringBuilder b, Model m) {
        Verdict v = m.group();
        b.append("<article class=\"card v-").append(v.id()).append("\" data-verdict=\"").append(v.id()).append("\">\n");
        String thumb = m.thumbnail();
        if (thumb != null) {
            b.append("<a class=\"thumb\" href=\"").append(href(thumb)).append("\"><img src=\"").append(href(thumb))
                    .append("\" alt=\"").append(esc(m.name())).append("\" loading=\"lazy\"></a>\n");
        } else {
            b.append("<div class=\"thumb none\">no picture</div>\n");
        }
        b.append("<div class=\"body\">\n<h2>").append(esc(m.name())).append("</h2>\n<p class=\"verdict\">")
                .append(esc(verdictWords(m.verdict()))).append("</p>\n<dl>\n");
        double[] s = m.sizeMm();
        if (s != null && s.length == 3) {
            row(b, "Size", fmt("%.1f × %.1f × %.1f mm", s[0], s[1], s[2]) + "\n"
                    + fmt("%.2f × %.2f × %.2f in", s[0] / MM_PER_INCH, s[1] / MM_PER_INCH, s[2] / MM_PER_INCH));
        }
        if (m.volumeMm3() != null) {
            row(b, "Volume", fmt("%.2f cm³", m.volumeMm3() / 1000));
        }
        if (m.grams() != null) {
            row(b, "Material", fmt("%.1f g", m.grams()));
        }
        b.append("</dl>\n");
        // each note as an HTML list item: why the job failed first (the reason, then the path it names on its own
        // line, unless it is the model's file, which the card names last)
        List<String> all = new ArrayList<>();
        if (m.errorWords() != null) {
            ErrorWords.Split e = m.errorWords();
            boolean ownPath = e.path() != null && !e.path().equals(m.source());
            all.add("<li class=\"error\"><span class=\"reason\">" + esc(e.reason()) + "</span>"
                    + (ownPath ? "<br><span class=\"path\">" + esc(e.path()) + "</span>" : "") + "</li>\n");
        }
        for (String w : new LinkedHashSet<>(m.warnings())) {
            all.add("<li>" + esc(w) + "</li>\n");
        }
        if (!all.isEmpty()) {
            // the first notes say what matters; the rest fold away so every card stays short
            notesList(b, all.subList(0, Math.min(SHOWN_NOTES, all.size())));
            if (all.size() > SHOWN_NOTES) {
                b.append("<details><summary>").append(all.size() - SHOWN_NOTES).append(" more</summary>\n");
                notesList(b, all.subList(SHOWN_NOTES, all.size()));
                b.append("</details>\n");
            }
        }
        if (!m.files().isEmpty()) {
            b.append("<details><summary>").append(m.files().size()).append(m.files().size() == 1 ? " file" : " files")
                    .append("</summary>\n<ul class=\"files\">\n");
            for (String f : m.files()) {
                b.append("<li><a href=\"").append(href(f)).append("\">").append(esc(f)).append("</a></li>\n");
            }
            b.append("</ul>\n</details>\n");
        }
        if (m.source() != null) {
            b.append("<p class=\"source\">").append(esc(m.source())).append("</p>\n");
        }
        b.append("</div>\n</article>\n");
    }

    private static void notesList(StringBuilder b, List<String> items) {
        b.append("<ul class=\"notes\">\n");
        items.forEach(b::append);
        b.append("</ul>\n");
    }

    private static void row(StringBuilder b, String term, String value) {
        b.append("<dt>").append(esc(term)).append("</dt><dd>");
        String[] lines = value.split("\n");
        for (int i = 0; i < lines.length; i++) {
            b.append(i > 0 ? "<br>" : "").append(esc(lines[i]));
        }
        b.append("</dd>\n");
    }

    /** What a verdict says on a card. */
    static String verdictWords(String verdict) {
        if (verdict == null) {
            return "— not validated";
        }
        return switch (verdict) {
            case "passed" -> "Passed";
            case "repaired" -> "Repaired: fixed and passes now";
            case "problems" -> "Still has problems";
            case "failed" -> "Failed: no listing made";
            case "skipped" -> "Skipped";
            case "cancelled" -> "Cancelled";
            case "pending" -> "Waiting";
            case "running" -> "Running";
            default -> verdict;
        };
    }

    /** Text made safe for HTML content and quoted attributes. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    /** A relative path as a link: each part percent-encoded (UTF-8), the {@code /} between kept; escaped. */
    static String href(String relative) {
        StringBuilder b = new StringBuilder(relative.length() + 16);
        for (byte x : relative.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '/') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        // a part like "a:b" cannot reach here unencoded, so the link is never read as a scheme
        return esc(b.toString());
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    // ------------------------------------------------------------------------------------------ the sheet

    /** {@code listing.csv}: a byte order mark, the header row, one row per model in the page's order. */
    public String csv() {
        StringBuilder b = new StringBuilder("\uFEFF");
        csvRow(b, CSV_COLUMNS);
        for (Model m : ordered()) {
            double[] s = m.sizeMm() != null && m.sizeMm().length == 3 ? m.sizeMm() : null;
            List<String> cells = new ArrayList<>(CSV_COLUMNS.size());
            cells.add(m.name());
            cells.add(m.verdict() == null ? "not validated" : m.verdict());
            for (int k = 0; k < 3; k++) {
                cells.add(s == null ? "" : fmt("%.2f", s[k]));
            }
            for (int k = 0; k < 3; k++) {
                cells.add(s == null ? "" : fmt("%.3f", s[k] / MM_PER_INCH));
            }
            cells.add(m.volumeMm3() == null ? "" : fmt("%.3f", m.volumeMm3() / 1000));
            cells.add(m.grams() == null ? "" : fmt("%.2f", m.grams()));
            cells.add(nz(m.media().render()));
            cells.add(nz(m.media().sizeChart()));
            cells.add(nz(m.media().video()));
            cells.add(String.join(";", m.media().colors()));
            List<String> notes = new ArrayList<>();
            if (m.error() != null) {
                notes.add(m.error());
            }
            notes.addAll(m.warnings());
            cells.add(String.join("; ", new LinkedHashSet<>(notes)));
            cells.add(nz(m.source()));
            csvRow(b, cells);
        }
        return b.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void csvRow(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(csvCell(cells.get(i)));
        }
        b.append("\r\n");
    }

    /**
     * One field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. Text that a
     * spreadsheet would run as a formula ({@code = + - @} first) is kept as text with a leading apostrophe.
     */
    static String csvCell(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char first = s.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            s = "'" + s;
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    // ------------------------------------------------------------------------------------------ inline parts

    private static final String STYLE = """
            :root{--bg:#f4f4f2;--card:#fff;--ink:#1d1d1f;--mute:#6b6b70;--line:#dedede;
            --failed:#c62828;--problems:#e08a00;--other:#757575;--repaired:#1565c0;--unvalidated:#8d8d93;
            --passed:#2e7d32;--waiting:#5c6bc0}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;
            background:var(--bg);color:var(--ink)}
            header{padding:20px 24px 8px}
            h1{margin:0 0 4px;font-size:24px}
            .meta{margin:0 0 12px;color:var(--mute);font-size:13px;word-break:break-all}
            #totals{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:12px}
            .total{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--line);
            border-radius:6px;padding:6px 12px}
            .total .n{font-weight:700;font-size:18px}
            #filters{display:flex;flex-wrap:wrap;gap:6px}
            #filters button{font:inherit;border:1px solid var(--line);background:var(--card);border-radius:16px;
            padding:4px 12px;cursor:pointer}
            #filters button.on{background:var(--ink);color:#fff;border-color:var(--ink)}
            main{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:14px;padding:12px 24px}
            .card{background:var(--card);border:1px solid var(--line);border-top:6px solid var(--line);
            border-radius:8px;overflow:hidden;display:flex;flex-direction:column}
            .card[hidden]{display:none}
            .thumb{display:block;aspect-ratio:16/9;background:#ececec}
            .thumb img{width:100%;height:100%;object-fit:contain;display:block}
            .thumb.none{display:flex;align-items:center;justify-content:center;color:var(--mute)}
            .body{padding:10px 14px 12px}
            h2{margin:0;font-size:16px;word-break:break-word}
            .verdict{margin:2px 0 8px;font-weight:600}
            dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:0 0 8px;font-size:13px}
            dt{color:var(--mute)}dd{margin:0}
            .notes{margin:0 0 8px;padding-left:18px;font-size:13px;overflow-wrap:anywhere}
            .notes .reason{font-weight:600}.notes .path{font-size:11px;color:var(--mute);word-break:break-all}
            .files{margin:4px 0 0;padding-left:18px;font-size:12px;word-break:break-all}
            details{margin:0 0 6px}details summary{cursor:pointer;font-size:13px;color:var(--mute)}
            .source{margin:6px 0 0;font-size:11px;color:var(--mute);word-break:break-all}
            .empty{padding:0 24px;color:var(--mute)}
            footer{padding:12px 24px 24px;color:var(--mute);font-size:12px}
            .v-failed{border-color:var(--failed)}.v-failed .verdict{color:var(--failed)}
            .v-problems{border-color:var(--problems)}.v-problems .verdict{color:#a86400}
            .v-other{border-color:var(--other)}.v-other .verdict{color:var(--other)}
            .v-repaired{border-color:var(--repaired)}.v-repaired .verdict{color:var(--repaired)}
            .v-unvalidated{border-color:var(--unvalidated)}.v-unvalidated .verdict{color:var(--unvalidated)}
            .v-passed{border-color:var(--passed)}.v-passed .verdict{color:var(--passed)}
            .v-waiting{border-color:var(--waiting)}.v-waiting .verdict{color:var(--waiting)}
            .card.v-failed,.card.v-problems,.card.v-passed,.card.v-repaired,.card.v-other,.card.v-unvalidated,
            .card.v-waiting{border-left-color:var(--line);border-right-color:var(--line);border-bottom-color:var(--line)}
            """;

    /** Filters by verdict; the chosen one is kept in the address so a reload keeps it. */
    private static final String SCRIPT = """
            (function () {
              var buttons = document.querySelectorAll('#filters button');
              var cards = document.querySelectorAll('#cards .card');
              function show(filter) {
                var shown = 0;
                for (var i = 0; i < cards.length; i++) {
                  var on = filter === 'all' || cards[i].getAttribute('data-verdict') === filter;
                  cards[i].hidden = !on;
                  if (on) { shown++; }
                }
                for (var j = 0; j < buttons.length; j++) {
                  buttons[j].className = buttons[j].getAttribute('data-filter') === filter ? 'on' : '';
                }
                document.getElementById('none').hidden = shown > 0 || cards.length === 0;
              }
              for (var k = 0; k < buttons.length; k++) {
                buttons[k].addEventListener('click', function (e) {
                  var f = e.currentTarget.getAttribute('data-filter');
                  try { history.replaceState(null, '', f === 'all' ? location.pathname : '#' + f); } catch (x) { location.hash = f; }
                  show(f);
                });
              }
              var wanted = location.hash.replace(/[^a-z]/g, '') || 'all';
              show(document.querySelector('#filters button[data-filter="' + wanted + '"]') ? wanted : 'all');
              document.body.setAttribute('data-ready', 'yes');
            })();
            """;
}
