package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;

class DeterminismTest {
    @TempDir
    Path dir;

    @Test
    void sameInputGivesByteIdenticalPngForAnyThreadCount() throws Exception {
        Mesh torus = TestModels.smoothTorus();
        RenderOptions o = RenderOptions.defaults().withSize(300, 200).withMaterial("metal");
        byte[] first = null;
        for (int threads : new int[] {1, 2, 3, 4, 1}) {
            Path out = dir.resolve("t" + threads + "_" + System.nanoTime() + ".png");
            try (RenderService rs = new RenderService(threads)) {
                rs.renderImage(torus, o, out);
            }
            byte[] bytes = Files.readAllBytes(out);
            if (first == null) {
                first = bytes;
            } else {
                assertThat(bytes).as("PNG with " + threads + " threads").isEqualTo(first);
            }
        }
    }

    @Test
    void tallImageWithManyBandsAndSlicesIsAlsoThreadIndependent() throws Exception {
        Mesh part = TestModels.lowPolyPart();
        RenderOptions o = RenderOptions.defaults().withSize(120, 700).withQuality("high")
                .withBackground("transparent");
        byte[] one;
        byte[] three;
        try (RenderService rs = new RenderService(1)) {
            one = PngWriter.encode(rs.renderFrame(part, o), rs.parallel());
        }
        try (RenderService rs = new RenderService(3)) {
            three = PngWriter.encode(rs.renderFrame(part, o), rs.parallel());
        }
        assertThat(three).isEqualTo(one);
    }
}
