package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;

/**
 * A render's frame-sized work arrays are given back and taken by the next render of the same size, and nothing
 * of the earlier frame reaches the later one: the same image, byte for byte, after another model was drawn in
 * them.
 */
class BufferReuseTest {
    @TempDir
    Path tmp;

    @Test
    void theArraysGivenBackAreTakenByTheNextSetupOfTheSameSizeOnly() {
        Renderer.Buffers b = Renderer.Buffers.take(321, 123);
        Renderer.Buffers.give(b);
        assertThat(Renderer.Buffers.take(320, 123)).isNotSameAs(b);
        assertThat(Renderer.Buffers.take(321, 123)).isSameAs(b);
        assertThat(Renderer.Buffers.take(321, 123)).as("taken once").isNotSameAs(b);
    }

    @Test
    void anImageIsTheSameWhetherItsArraysAreFreshOrHeldAnotherModel() throws Exception {
        Mesh box = MeshGenerators.box(40, 30, 20);
        Mesh torus = MeshGenerators.torus(30, 10, 48, 24);
        RenderOptions boxLook = RenderOptions.defaults().withSize(400, 300);
        RenderOptions torusLook = RenderOptions.defaults().withSize(400, 300).withColor("#E0B030")
                .withQuality("high");
        try (RenderService rs = new RenderService(2)) {
            Path first = tmp.resolve("box1.png");
            rs.renderImage(box, boxLook, first);
            // another model, colour and quality in the same arrays
            rs.renderImage(torus, torusLook, tmp.resolve("torus.png"));
            Path again = tmp.resolve("box2.png");
            rs.renderImage(box, boxLook, again);
            assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(first));
        }
    }
}
