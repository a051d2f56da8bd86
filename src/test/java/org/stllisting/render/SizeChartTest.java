package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.analyze.MeshAnalysis;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.gen.MeshGenerators;

class SizeChartTest {
    @TempDir
    Path dir;

    private static String expected(double mm) {
        return String.format(Locale.ROOT, "%.1f mm  |  %.2f in", mm, mm / 25.4);
    }

    @Test
    void labelledNumbersEqualTheAnalysisDimensions() throws Exception {
        Mesh part = TestModels.lowPolyPart();
        MeshAnalysis a = MeshAnalyzer.analyze(part, MeshAnalysis.PLA_DENSITY);
        try (RenderService rs = new RenderService(1)) {
            Model m = Model.of(part, false, rs.parallel());
            List<String> labels = SizeChart.labels(m);
            assertThat(labels).containsExactly(expected(a.sizeMm()[0]), expected(a.sizeMm()[1]),
                    expected(a.sizeMm()[2]));
            assertThat(labels.get(0)).isEqualTo("40.0 mm  |  1.57 in");
            assertThat(labels.get(2)).isEqualTo("32.0 mm  |  1.26 in");
        }
    }

    @Test
    void yUpModelsMeasureHeightAlongY() throws Exception {
        Mesh post = MeshGenerators.box(10, 60, 25.4f);
        try (RenderService rs = new RenderService(1)) {
            Model m = Model.of(post, true, rs.parallel());
            // width x, depth = the file's z, height = the file's y
            assertThat(SizeChart.labels(m)).containsExactly("10.0 mm  |  0.39 in", "25.4 mm  |  1.00 in",
                    "60.0 mm  |  2.36 in");
        }
    }

    /** A model exported in metres still gets readable numbers: two significant digits, not 0.0 mm. */
    @Test
    void tinyModelsKeepTwoSignificantDigits() throws Exception {
        Mesh speck = MeshGenerators.box(0.034f, 0.5f, 0.07f);
        try (RenderService rs = new RenderService(1)) {
            Model m = Model.of(speck, false, rs.parallel());
            assertThat(SizeChart.labels(m)).containsExactly("0.034 mm  |  0.0013 in", "0.50 mm  |  0.020 in",
                    "0.070 mm  |  0.0028 in");
        }
        assertThat(SizeChart.label(1)).isEqualTo("1.0 mm  |  0.039 in");
        assertThat(SizeChart.label(5)).isEqualTo("5.0 mm  |  0.20 in");
    }

    /**
     * Labels sit beside their lines without covering any dimension or extension line or each other, inside the
     * picture, for flat, tall and wide parts in the wide and the square format (where the height line of a flat
     * part is too short for a one-line label beside it).
     */
    @Test
    void labelsCoverNoLineAndNoOtherLabel() throws Exception {
        Mesh[] parts = {MeshGenerators.box(50, 50, 8), MeshGenerators.box(30, 30, 120), MeshGenerators.box(120, 20, 30),
            TestModels.lowPolyPart()};
        try (RenderService rs = new RenderService(2)) {
            for (Mesh part : parts) {
                Model m = Model.of(part, false, rs.parallel());
                for (String[] shape : new String[][] {{"960", "540", null}, {"960", "540", "square"},
                    {"960", "960", null}, {"960", "720", null}}) {
                    String preset = shape[2];
                    RenderOptions o = RenderOptions.defaults()
                            .withSize(Integer.parseInt(shape[0]), Integer.parseInt(shape[1])).withPreset(preset)
                            .withQuality("draft");
                    List<double[]> boxes = new java.util.ArrayList<>();
                    List<double[]> lines = new java.util.ArrayList<>();
                    Frame f = SizeChart.draw(m, o, "Part", rs.parallel(), boxes, lines);
                    String what = part.facetCount() + " facets, " + String.join(" ", shape[0], shape[1], preset);
                    assertThat(boxes).as(what).hasSize(3);
                    assertThat(lines).as(what).hasSize(9);
                    for (int i = 0; i < boxes.size(); i++) {
                        double[] b = boxes.get(i);
                        assertThat(b[0]).as(what).isGreaterThanOrEqualTo(0);
                        assertThat(b[1]).as(what).isGreaterThanOrEqualTo(0);
                        assertThat(b[2]).as(what).isLessThanOrEqualTo(f.width);
                        assertThat(b[3]).as(what).isLessThanOrEqualTo(f.height);
                        for (double[] line : lines) {
                            assertThat(SizeChart.crosses(line, b)).as(what + ": label " + i + " covers a line")
                                    .isFalse();
                        }
                        for (int j = 0; j < i; j++) {
                            double[] c = boxes.get(j);
                            boolean apart = b[2] <= c[0] || c[2] <= b[0] || b[3] <= c[1] || c[3] <= b[1];
                            assertThat(apart).as(what + ": labels " + j + " and " + i + " overlap").isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void modelFillsTheWidthItsLabelsLeaveFree() throws Exception {
        // a wide part in a square or 4:3 picture: width limits the framing, and the labels fit above and below,
        // so the dimension lines (just outside the model's box) span well over half the picture
        Model m;
        try (RenderService rs = new RenderService(2)) {
            m = Model.of(MeshGenerators.box(60, 40, 30), false, rs.parallel());
            for (int h : new int[] {960, 720}) {
                List<double[]> boxes = new java.util.ArrayList<>();
                List<double[]> lines = new java.util.ArrayList<>();
                RenderOptions o = RenderOptions.defaults().withSize(960, h).withQuality("draft");
                SizeChart.draw(m, o, "Part", rs.parallel(), boxes, lines);
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double[] l : lines) {
                    lo = Math.min(lo, Math.min(l[0], l[2]));
                    hi = Math.max(hi, Math.max(l[0], l[2]));
                }
                assertThat((hi - lo) / 960).as("share of the width spanned, 960x" + h).isGreaterThan(0.58);
            }
        }
    }

    @Test
    void writesChartOfRequestedSizeThatDiffersFromThePlainRender() throws Exception {
        Mesh box = MeshGenerators.box(40, 30, 20);
        Path chart = dir.resolve("chart.png");
        Path plain = dir.resolve("plain.png");
        RenderOptions o = RenderOptions.defaults().withSize(640, 480).withQuality("draft");
        try (RenderService rs = new RenderService(2)) {
            rs.sizeChart(box, o, "Test box", chart);
            rs.renderImage(box, o, plain);
        }
        BufferedImage c = ImageIO.read(chart.toFile());
        BufferedImage p = ImageIO.read(plain.toFile());
        assertThat(c.getWidth()).isEqualTo(640);
        assertThat(c.getHeight()).isEqualTo(480);
        int differing = 0;
        for (int y = 0; y < 480; y += 2) {
            for (int x = 0; x < 640; x += 2) {
                if (c.getRGB(x, y) != p.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertThat(differing).as("pixels changed by lines and labels").isGreaterThan(2000);
    }
}
