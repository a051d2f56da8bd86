package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.stllisting.mesh.gen.MeshGenerators;

/** What a size chart says besides its numbers: a likely unit mistake, and text no font could draw. */
class SizeChartNotesTest {
    /** A model exported in metres gets a line on the chart itself, in the accent color, inside the safe area. */
    @Test
    void aModelInMetresIsFlaggedOnTheChart() throws Exception {
        try (RenderService rs = new RenderService(2)) {
            Model tiny = Model.of(MeshGenerators.box(0.03f, 0.02f, 0.047f), false, rs.parallel());
            RenderOptions o = RenderOptions.defaults().withSize(960, 540).withQuality("draft");
            SizeChart.Chart c = SizeChart.chart(tiny, o, "Bracket", rs.parallel());
            assertThat(c.notes()).singleElement().asString().contains("0.047 mm across");
            double[] box = c.notesBox();
            assertThat(box).isNotNull();
            assertThat(box[0]).isGreaterThanOrEqualTo(c.safe()[0]);
            assertThat(box[3]).isLessThanOrEqualTo(c.safe()[1] + c.safe()[3]);
            assertThat(accentPixels(c.frame(), box)).as("accent-colored text pixels in the note's box")
                    .isGreaterThan(100);
            for (double[] label : c.labelBoxes()) {
                boolean apart = label[3] <= box[1] || box[3] <= label[1] || label[2] <= box[0] || box[2] <= label[0];
                assertThat(apart).as("a label and the note overlap").isTrue();
            }

            Model normal = Model.of(MeshGenerators.box(30, 20, 47), false, rs.parallel());
            SizeChart.Chart plain = SizeChart.chart(normal, o, "Bracket", rs.parallel());
            assertThat(plain.notes()).isEmpty();
            assertThat(plain.notesBox()).isNull();
        }
    }

    /**
     * A title in Chinese is drawn with a font that has its glyphs; where no installed font has them, the chart
     * still renders and says so in its warnings — never silent boxes.
     */
    @Test
    void aTitleInChineseIsDrawnOrWarnedAbout() throws Exception {
        String name = "齿轮支架 gear bracket";
        try (RenderService rs = new RenderService(2)) {
            Model m = Model.of(MeshGenerators.box(30, 20, 47), false, rs.parallel());
            RenderOptions o = RenderOptions.defaults().withSize(640, 360).withQuality("draft");
            SizeChart.Chart c = SizeChart.chart(m, o, name, rs.parallel());
            Font used = c.titleFont();
            boolean anyFontCan = false;
            for (Font f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()) {
                anyFontCan |= f.canDisplayUpTo(name) == -1;
            }
            if (anyFontCan) {
                assertThat(used.canDisplayUpTo(name)).as(used.getFontName() + " draws the whole title").isEqualTo(-1);
                assertThat(c.warnings()).isEmpty();
            } else {
                assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("齿轮支架"));
            }
        }
    }

    /** Text the chart's font lacks is drawn with an installed font that has it (here: Hebrew, where one font lacks it). */
    @Test
    void textAFontLacksFallsBackToAFontThatHasIt() {
        String text = "מחזיק 12";
        Font lacking = null;
        boolean anyCan = false;
        for (Font f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()) {
            if (f.canDisplayUpTo(text) == -1) {
                anyCan = true;
            } else if (lacking == null) {
                lacking = f.deriveFont(Font.BOLD, 20f);
            }
        }
        Assumptions.assumeTrue(anyCan && lacking != null, "needs one installed font with Hebrew and one without");
        Font used = TextFonts.forText(lacking, text);
        assertThat(used.canDisplayUpTo(text)).as(used.getFontName()).isEqualTo(-1);
        assertThat(used.getSize()).isEqualTo(20);
        assertThat(used.isBold()).isTrue();
        assertThat(TextFonts.undrawable(lacking, text)).isNotEmpty().doesNotContain("1");
        assertThat(TextFonts.forText(used, text)).isSameAs(used);
    }

    private static int accentPixels(Frame f, double[] box) {
        int n = 0;
        for (int y = (int) Math.max(0, box[1]); y < Math.min(f.height, box[3]); y++) {
            for (int x = (int) Math.max(0, box[0]); x < Math.min(f.width, box[2]); x++) {
                int p = f.argb(x, y);
                int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
                if (r > 150 && r - g > 60 && r - b > 80) {
                    n++;
                }
            }
        }
        return n;
    }
}
