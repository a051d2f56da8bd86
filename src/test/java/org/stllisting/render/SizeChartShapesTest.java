package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;

/**
 * Size charts of the shapes that are hardest to label — a flat disc, a flat tray, a long bar and a tall thin
 * post — in the three picture formats (16:9, 4:3 and square): every label beside its own dimension line and
 * nearer to it than to any other, and the model as large as the labels allow. With
 * {@code -Dstl.render.regenerateSizeChartSheet=true} the test also writes the contact sheet of these charts to
 * {@code docs/images/size-charts.png} (look at it before committing).
 */
class SizeChartShapesTest {
    /** A good chart gives the model at least this share of the safe area's width or height. */
    private static final double MIN_FILL = 0.55;
    /** A label's box may lie at most this share of the picture's shorter side from its own dimension line. */
    private static final double MAX_LABEL_GAP = 0.03;

    private static final String[] NAMES = {"W", "D", "H"};

    record Shape(String name, Mesh mesh) {
    }

    record Format(String name, int width, int height, String preset) {
        RenderOptions options() {
            return RenderOptions.defaults().withSize(width, height).withPreset(preset).withQuality("draft");
        }
    }

    static List<Shape> shapes() {
        return List.of(
                new Shape("disc 300 x 3 mm", MeshGenerators.cylinder(150, 3, 96)),
                new Shape("tray 355 x 250 x 3 mm", MeshGenerators.box(355, 250, 3)),
                new Shape("bar 300 x 12 x 10 mm", MeshGenerators.box(300, 12, 10)),
                new Shape("post 16 x 16 x 220 mm", MeshGenerators.box(16, 16, 220)));
    }

    static List<Format> formats() {
        return List.of(new Format("16:9", 1920, 1080, null), new Format("4:3", 0, 0, "4:3"),
                new Format("square", 0, 0, "square"));
    }

    @Test
    void labelsSitByTheirOwnLinesAndTheModelFillsTheFrame() throws Exception {
        List<String> failures = new ArrayList<>();
        List<BufferedImage> sheet = new ArrayList<>();
        try (RenderService rs = new RenderService(2)) {
            for (Shape shape : shapes()) {
                Model m = Model.of(shape.mesh(), false, rs.parallel());
                for (Format format : formats()) {
                    SizeChart.Chart c = SizeChart.chart(m, format.options(), shape.name(), rs.parallel());
                    String what = shape.name() + ", " + format.name();
                    int unit = Math.min(c.frame().width, c.frame().height);
                    for (int i = 0; i < 3; i++) {
                        double[] box = c.labelBoxes().get(i);
                        double own = SizeChart.distance(box, c.dimensionLines().get(i));
                        if (own > MAX_LABEL_GAP * unit) {
                            failures.add(String.format(Locale.ROOT, "%s: the %s label is %.0f px from its line "
                                    + "(at most %.0f)", what, NAMES[i], own, MAX_LABEL_GAP * unit));
                        }
                        for (int j = 0; j < 3; j++) {
                            double other = SizeChart.distance(box, c.dimensionLines().get(j));
                            if (j != i && other <= own) {
                                failures.add(String.format(Locale.ROOT, "%s: the %s label is %.0f px from the %s "
                                        + "line, no further than from its own (%.0f px)", what, NAMES[i], other,
                                        NAMES[j], own));
                            }
                        }
                    }
                    double[] mb = c.modelBox();
                    double fill = Math.max((mb[2] - mb[0]) / c.safe()[2], (mb[3] - mb[1]) / c.safe()[3]);
                    if (fill < MIN_FILL) {
                        failures.add(String.format(Locale.ROOT, "%s: the model fills %.0f %% of the safe area's "
                                + "width or height (at least %.0f %%)", what, fill * 100, MIN_FILL * 100));
                    }
                    sheet.add(image(c.frame()));
                }
            }
        }
        if (Boolean.getBoolean("stl.render.regenerateSizeChartSheet")) {
            Path target = Path.of(System.getProperty("stl.project", "."), "docs/images/size-charts.png");
            Files.createDirectories(target.getParent());
            ImageIO.write(contactSheet(sheet, formats().size()), "png", target.toFile());
        }
        assertThat(failures).isEmpty();
    }

    /** The distance the test measures with: box to segment, 0 where they cross. */
    @Test
    void distanceFromABoxToASegment() {
        double[] box = {10, 10, 20, 30};
        assertThat(SizeChart.distance(box, new double[] {25, 0, 25, 40})).isCloseTo(5, within(1e-9));
        assertThat(SizeChart.distance(box, new double[] {23, 34, 40, 50})).isCloseTo(5, within(1e-9));
        assertThat(SizeChart.distance(box, new double[] {0, 0, 40, 40})).isZero();
        assertThat(SizeChart.distance(box, new double[] {15, 36, 15, 80})).isCloseTo(6, within(1e-9));
    }

    private static BufferedImage image(Frame f) {
        BufferedImage img = new BufferedImage(f.width, f.height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < f.height; y++) {
            for (int x = 0; x < f.width; x++) {
                img.setRGB(x, y, f.argb(x, y));
            }
        }
        return img;
    }

    /** The charts in rows of {@code columns}, each scaled to the same height, on a light grey ground. */
    private static BufferedImage contactSheet(List<BufferedImage> charts, int columns) {
        int cellH = 300;
        int gap = 12;
        int rows = (charts.size() + columns - 1) / columns;
        int[] colW = new int[columns];
        for (int i = 0; i < charts.size(); i++) {
            BufferedImage c = charts.get(i);
            colW[i % columns] = Math.max(colW[i % columns], c.getWidth() * cellH / c.getHeight());
        }
        int width = gap;
        for (int w : colW) {
            width += w + gap;
        }
        BufferedImage sheet = new BufferedImage(width, gap + rows * (cellH + gap), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(new Color(0xe4, 0xe6, 0xea));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i < charts.size(); i++) {
                BufferedImage c = charts.get(i);
                int x = gap;
                for (int k = 0; k < i % columns; k++) {
                    x += colW[k] + gap;
                }
                int w = c.getWidth() * cellH / c.getHeight();
                g.drawImage(c, x + (colW[i % columns] - w) / 2, gap + (i / columns) * (cellH + gap), w, cellH, null);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }
}
