package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stllisting.mesh.Mesh;

/** Automatic framing, presets, image size and the alpha channel. */
class FramingTest {
    private static RenderService service;

    @BeforeAll
    static void start() {
        service = new RenderService(2);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("bar", TestModels.bar(), null, 320, 240, "perspective"),
                Arguments.of("bar square", TestModels.bar(), "square", 0, 0, "perspective"),
                Arguments.of("tall cylinder 4:3", org.stllisting.mesh.gen.MeshGenerators.cylinder(5, 80, 24), "4:3",
                        0, 0, "perspective"),
                Arguments.of("torus orthographic", TestModels.smoothTorus(), null, 300, 300, "orthographic"),
                Arguments.of("part wide", TestModels.lowPolyPart(), null, 400, 160, "perspective"));
    }

    /** Bounding box {x0, y0, x1, y1} of the pixels the model covers fully (alpha 255), or null. */
    static int[] silhouette(Frame f) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int y = 0; y < f.height; y++) {
            for (int x = 0; x < f.width; x++) {
                if ((f.argb(x, y) >>> 24) == 255) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new int[] {x0, y0, x1, y1};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void modelFillsAtLeast70PercentOfTheSafeAreaAndStaysInsideIt(String name, Mesh mesh, String preset, int w,
                                                                  int h, String projection) throws Exception {
        RenderOptions o = RenderOptions.defaults().withBackground("transparent").withQuality("draft")
                .withProjection(projection);
        o = preset != null ? o.withPreset(preset) : o.withSize(w, h);
        Frame f = service.renderFrame(mesh, o);
        double[] safe = Framing.safeArea(f.width, f.height, preset);
        int[] s = silhouette(f);
        assertThat(s).isNotNull();
        double extent = Math.max(s[2] - s[0] + 1, s[3] - s[1] + 1);
        assertThat(extent).as("silhouette size").isGreaterThanOrEqualTo(0.7 * Math.min(safe[2], safe[3]));
        assertThat(s[0]).isGreaterThanOrEqualTo((int) Math.floor(safe[0]) - 1);
        assertThat(s[1]).isGreaterThanOrEqualTo((int) Math.floor(safe[1]) - 1);
        assertThat(s[2]).isLessThanOrEqualTo((int) Math.ceil(safe[0] + safe[2]) + 1);
        assertThat(s[3]).isLessThanOrEqualTo((int) Math.ceil(safe[1] + safe[3]) + 1);
        // centred: equal room left and right (within 2 pixels) or top and bottom
        double left = s[0] - safe[0], right = safe[0] + safe[2] - s[2] - 1;
        double top = s[1] - safe[1], bottom = safe[1] + safe[3] - s[3] - 1;
        assertThat(Math.min(Math.abs(left - right), Math.abs(top - bottom))).isLessThanOrEqualTo(3);
    }

    @Test
    void presetsGiveMarketplaceSizes() throws Exception {
        RenderOptions o = RenderOptions.defaults().withQuality("draft");
        Frame square = service.renderFrame(TestModels.cube(), o.withPreset("square"));
        assertThat(square.width).isEqualTo(2000);
        assertThat(square.height).isEqualTo(2000);
        Frame fourThree = service.renderFrame(TestModels.cube(), o.withPreset("4:3"));
        assertThat(fourThree.width).isEqualTo(2000);
        assertThat(fourThree.height).isEqualTo(1500);
        Frame custom = service.renderFrame(TestModels.cube(), o.withSize(333, 111));
        assertThat(custom.width).isEqualTo(333);
        assertThat(custom.height).isEqualTo(111);
    }

    @Test
    void transparentBackgroundHasRealAlpha() throws Exception {
        Frame f = service.renderFrame(TestModels.cube(),
                RenderOptions.defaults().withSize(200, 150).withBackground("transparent"));
        assertThat(f.alpha).isTrue();
        for (int[] c : new int[][] {{0, 0}, {199, 0}, {0, 149}, {199, 149}}) {
            assertThat(f.argb(c[0], c[1]) >>> 24).as("corner alpha").isZero();
        }
        assertThat(f.argb(100, 75) >>> 24).as("model alpha").isEqualTo(255);
    }

    @Test
    void opaqueBackgroundsFillTheCornersWithTheirColor() throws Exception {
        Frame f = service.renderFrame(TestModels.cube(),
                RenderOptions.defaults().withSize(200, 150).withBackground("color:#102030"));
        assertThat(f.alpha).isFalse();
        assertThat(f.argb(0, 0) & 0xffffff).isEqualTo(0x102030);
        Frame g = service.renderFrame(TestModels.cube(),
                RenderOptions.defaults().withSize(200, 150).withBackground("gradient:#ffffff,#000000"));
        assertThat(g.argb(0, 0) & 0xffffff).isEqualTo(0xffffff);
        assertThat(g.argb(0, 149) & 0xffffff).isEqualTo(0x000000);
    }

    @Test
    void yUpModelStandsUpright() throws Exception {
        // a tall post along +Y: with --up y it must be taller than wide on screen
        Mesh post = org.stllisting.mesh.gen.MeshGenerators.box(10, 60, 10);
        RenderOptions o = RenderOptions.defaults().withSize(300, 300).withBackground("transparent")
                .withQuality("draft");
        int[] upright = silhouette(service.renderFrame(post, o.withUpAxis("y")));
        int[] lying = silhouette(service.renderFrame(post, o));
        assertThat(upright[3] - upright[1]).isGreaterThan(2 * (upright[2] - upright[0]));
        assertThat(lying[3] - lying[1]).isLessThan(lying[2] - lying[0]);
    }

    @Test
    void userImageBackgroundIsScaledToCoverTheFrame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // a wide image, left half red, right half blue: covering a square crops its sides and keeps the middle
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 10,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, x < 20 ? 0xff0000 : 0x0000ff);
            }
        }
        java.nio.file.Path bg = dir.resolve("bg.png");
        javax.imageio.ImageIO.write(img, "png", bg.toFile());
        Frame f = service.renderFrame(TestModels.cube(), RenderOptions.defaults().withSize(100, 100)
                .withBackground("image:" + bg).withQuality("draft"));
        assertThat(f.argb(0, 0) & 0xffffff).isEqualTo(0xff0000);
        assertThat(f.argb(99, 0) & 0xffffff).isEqualTo(0x0000ff);
    }

    @Test
    void colorVariationChangesOnlyTheModelColor(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path red = dir.resolve("red.png");
        java.nio.file.Path green = dir.resolve("green.png");
        RenderOptions o = RenderOptions.defaults().withSize(120, 90);
        service.colorVariation(TestModels.cube(), o, "#d02020", red);
        service.colorVariation(TestModels.cube(), o, "#20b040", green);
        java.awt.image.BufferedImage r = javax.imageio.ImageIO.read(red.toFile());
        java.awt.image.BufferedImage g = javax.imageio.ImageIO.read(green.toFile());
        int rc = r.getRGB(60, 45);
        int gc = g.getRGB(60, 45);
        assertThat((rc >> 16) & 0xff).isGreaterThan((rc >> 8) & 0xff);
        assertThat((gc >> 8) & 0xff).isGreaterThan((gc >> 16) & 0xff);
        assertThat(r.getRGB(0, 0)).isEqualTo(g.getRGB(0, 0));
    }
}
