package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;

class RenderServiceTest {
    @TempDir
    Path dir;

    @Test
    void writesPngOfRequestedSizeThatImageReadersAccept() throws Exception {
        Mesh box = MeshGenerators.box(40, 30, 20);
        Path out = dir.resolve("box.png");
        try (RenderService rs = new RenderService(2)) {
            rs.renderImage(box, RenderOptions.defaults().withSize(320, 240), out);
        }
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(320);
        assertThat(img.getHeight()).isEqualTo(240);
        assertThat(Files.list(dir)).containsExactly(out);
    }

    @Test
    void thumbnailIsSmallSquarePng() throws Exception {
        Path out = dir.resolve("thumb.png");
        try (RenderService rs = new RenderService(1)) {
            rs.thumbnail(MeshGenerators.torus(30, 10, 32, 16), 96, out);
        }
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(96);
        assertThat(img.getHeight()).isEqualTo(96);
    }

    @Test
    void unknownMaterialIsRejectedWithTheAcceptedValues() {
        try (RenderService rs = new RenderService(1)) {
            assertThatThrownBy(() -> rs.renderImage(MeshGenerators.box(1, 1, 1),
                    RenderOptions.defaults().withMaterial("wood"), dir.resolve("x.png")))
                    .isInstanceOf(RenderException.class)
                    .hasMessageContaining("wood").hasMessageContaining("metal");
        }
        assertThat(dir.resolve("x.png")).doesNotExist();
    }
}
