package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stllisting.mesh.Mesh;

/**
 * Renders of generated models per material and lighting compared with stored golden PNGs (160×120) with a small
 * tolerance. After an intended change of the look, regenerate them with
 * {@code mvn test -Dtest=GoldenImageTest -Dstl.render.regenerateGoldens=true} and look at them before committing.
 */
class GoldenImageTest {
    private static final String DIR = "org/stllisting/render/golden/";
    private static RenderService service;

    @BeforeAll
    static void start() {
        service = new RenderService(2);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("cube_plastic_studio", TestModels.cube(), "plastic", "studio", "#3f7fd6"),
                Arguments.of("cube_resin_natural", TestModels.cube(), "resin", "natural", "#e0b040"),
                Arguments.of("cylinder_metal_studio", TestModels.cylinder(), "metal", "studio", "#c0c4cc"),
                Arguments.of("cylinder_plastic_dramatic", TestModels.cylinder(), "plastic", "dramatic", "#d03a2a"),
                Arguments.of("torus_resin_studio", TestModels.smoothTorus(), "resin", "studio", "#40b070"),
                Arguments.of("torus_metal_natural", TestModels.smoothTorus(), "metal", "natural", "#d4a640"),
                Arguments.of("lowpoly_plastic_natural", TestModels.lowPolyPart(), "plastic", "natural", "#7a56c8"),
                Arguments.of("lowpoly_metal_dramatic", TestModels.lowPolyPart(), "metal", "dramatic", "#a8b0bc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void renderMatchesGoldenImage(String name, Mesh mesh, String material, String lighting, String color)
            throws Exception {
        RenderOptions o = RenderOptions.defaults().withSize(160, 120).withMaterial(material).withLighting(lighting)
                .withColor(color);
        Frame f = service.renderFrame(mesh, o);
        byte[] png = PngWriter.encode(f, service.parallel());
        if (Boolean.getBoolean("stl.render.regenerateGoldens")) {
            Path target = Path.of(System.getProperty("stl.project", "."), "src/test/resources", DIR, name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, png);
            return;
        }
        BufferedImage expected;
        try (InputStream in = GoldenImageTest.class.getClassLoader().getResourceAsStream(DIR + name + ".png")) {
            assertThat(in).as("golden image " + name + " exists").isNotNull();
            expected = ImageIO.read(in);
        }
        BufferedImage actual = ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        long total = 0;
        int bad = 0;
        for (int y = 0; y < actual.getHeight(); y++) {
            for (int x = 0; x < actual.getWidth(); x++) {
                int a = actual.getRGB(x, y);
                int e = expected.getRGB(x, y);
                int d = 0;
                for (int sh = 0; sh <= 24; sh += 8) {
                    d = Math.max(d, Math.abs(((a >> sh) & 0xff) - ((e >> sh) & 0xff)));
                }
                total += d;
                if (d > 8) {
                    bad++;
                }
            }
        }
        int pixels = actual.getWidth() * actual.getHeight();
        assertThat(bad).as("pixels differing by more than 8 levels").isLessThanOrEqualTo(pixels / 200);
        assertThat(total / (double) pixels).as("mean difference").isLessThan(1.0);
    }

    static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
