package org.stllisting.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.SampleModels;

/**
 * The colors contact sheet of the README ({@code docs/images/colors-contact-sheet.png}): for each color that
 * {@link ColorFidelityTest} checks, the requested swatch, the gear under each lighting in plastic and the pawn in
 * resin, each with the median color of its top faces and the CIEDE2000 difference. Regenerate it with
 * {@code mvn -q test-compile && java -Djava.awt.headless=true -cp target/classes:target/test-classes
 * org.stllisting.render.ColorContactSheet docs/images/colors-contact-sheet.png}.
 */
public final class ColorContactSheet {
    private static final int CW = 300;
    private static final int CH = 225;
    private static final int LABEL = 34;
    private static final int HEAD = 34;
    private static final int SWATCH = 120;

    private ColorContactSheet() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "colors-contact-sheet.png");
        Parallel par = new Parallel(null, 1);
        Mesh gear = SampleModels.spurGear();
        Model gm = Model.of(gear, false, par);
        String[][] columns = {{"plastic", "studio"}, {"plastic", "natural"}, {"plastic", "dramatic"},
            {"resin", "studio"}};
        int width = SWATCH + columns.length * CW;
        int height = HEAD + ColorFidelityTest.COLORS.length * (CH + LABEL);
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x333333));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("requested", 12, 22);
        for (int c = 0; c < columns.length; c++) {
            g.drawString(columns[c][0] + ", " + columns[c][1], SWATCH + c * CW + 12, 22);
        }
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        for (int r = 0; r < ColorFidelityTest.COLORS.length; r++) {
            String color = ColorFidelityTest.COLORS[r];
            int asked = Colors.parse(color, "color");
            int y = HEAD + r * (CH + LABEL);
            g.setColor(new Color(asked));
            g.fillRect(10, y + 10, SWATCH - 20, CH - 20);
            g.setColor(new Color(0xbbbbbb));
            g.drawRect(10, y + 10, SWATCH - 21, CH - 21);
            g.setColor(new Color(0x333333));
            g.setFont(small);
            g.drawString(color, 12, y + CH + 20);
            for (int c = 0; c < columns.length; c++) {
                RenderOptions o = RenderOptions.defaults().withSize(CW, CH).withMaterial(columns[c][0])
                        .withLighting(columns[c][1]).withColor(color);
                Frame f = RenderService.renderModel(gm, o, null, par);
                Camera cam = Camera.framed(gm, new double[] {o.azimuth()}, o.elevation(), true,
                        Framing.safeArea(CW, CH, null), par);
                int seen = ColorFidelityTest.median(f, FaceMask.of(gm, cam, CW, CH, 0, 0, 1, 2));
                for (int py = 0; py < CH; py++) {
                    for (int px = 0; px < CW; px++) {
                        sheet.setRGB(SWATCH + c * CW + px, y + py, f.argb(px, py));
                    }
                }
                g.setColor(new Color(seen));
                g.fillRect(SWATCH + c * CW + 12, y + CH + 6, 18, 18);
                g.setColor(new Color(0x333333));
                g.drawString(String.format("top #%06X  ΔE00 %.1f", seen, Ciede2000.between(asked, seen)),
                        SWATCH + c * CW + 38, y + CH + 20);
            }
        }
        g.dispose();
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(sheet, "png", out.toFile());
    }
}
