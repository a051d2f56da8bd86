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
