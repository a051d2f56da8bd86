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

    @Test
    void skippingBackFacesOfClosedMeshesChangesNoPixel() throws Exception {
        for (Mesh mesh : new Mesh[] {TestModels.smoothTorus(), TestModels.lowPolyPart(), TestModels.cylinder()}) {
            try (RenderService rs = new RenderService(2)) {
                Model m = Model.of(mesh, false, rs.parallel());
                assertThat(m.cull).as("closed outward mesh").isEqualTo(1);
                RenderOptions o = RenderOptions.defaults().withSize(240, 180);
                Camera cam = Camera.framed(m, new double[] {o.azimuth()}, o.elevation(), true,
                        Framing.safeArea(240, 180, null), rs.parallel());
                Renderer.Setup culled = new Renderer.Setup(240, 180, 2, Background.parse(o.background()), true);
                Renderer.Setup all = new Renderer.Setup(240, 180, 2, Background.parse(o.background()), true);
                all.cullBackFaces = false;
                byte[] a = Renderer.render(m, cam, new Look(o, cam), culled, rs.parallel()).data;
                byte[] b = Renderer.render(m, cam, new Look(o, cam), all, rs.parallel()).data;
                assertThat(a).isEqualTo(b);
            }
        }
    }

    @Test
    void shadingInVectorPassesOrPointByPointGivesTheSamePixels() throws Exception {
        Mesh[] meshes = {TestModels.smoothTorus(), TestModels.lowPolyPart()};
        String[][] looks = {{"plastic", "studio", "standard"}, {"metal", "dramatic", "high"}, {"resin", "natural", "draft"}};
        for (Mesh mesh : meshes) {
            for (String[] l : looks) {
                try (RenderService rs = new RenderService(2)) {
                    Model m = Model.of(mesh, false, rs.parallel());
                    RenderOptions o = RenderOptions.defaults().withSize(260, 190).withMaterial(l[0]).withLighting(l[1])
                            .withQuality(l[2]);
                    Camera cam = Camera.framed(m, new double[] {o.azimuth()}, o.elevation(), true,
                            Framing.safeArea(260, 190, null), rs.parallel());
                    Renderer.Setup vector = new Renderer.Setup(260, 190, o.samplesPerSide(),
                            Background.parse(o.background()), true);
                    Renderer.Setup each = new Renderer.Setup(260, 190, o.samplesPerSide(),
                            Background.parse(o.background()), true);
                    vector.vectorShading = true;
                    each.vectorShading = false;
                    byte[] a = Renderer.render(m, cam, new Look(o, cam), vector, rs.parallel()).data;
                    byte[] b = Renderer.render(m, cam, new Look(o, cam), each, rs.parallel()).data;
                    assertThat(a).as(String.join("/", l)).isEqualTo(b);
                }
            }
        }
    }

    @Test
    void insideOutAndOpenMeshesAreStillDrawn() throws Exception {
        Mesh box = TestModels.cube();
        int[] t = box.triangles().clone();
        for (int i = 0; i < t.length; i += 3) {
            int x = t[i + 1];
            t[i + 1] = t[i + 2];
            t[i + 2] = x;
        }
        Mesh flipped = new Mesh(box.vertices(), t);
        Mesh open = new Mesh(box.vertices(), java.util.Arrays.copyOf(box.triangles(), box.triangles().length - 6));
        try (RenderService rs = new RenderService(1)) {
            assertThat(Model.of(flipped, false, rs.parallel()).cull).isEqualTo(-1);
            assertThat(Model.of(open, false, rs.parallel()).cull).isZero();
            RenderOptions o = RenderOptions.defaults().withSize(160, 120).withBackground("transparent");
            byte[] normal = rs.renderFrame(box, o).data;
            byte[] inside = rs.renderFrame(flipped, o).data;
            // the same picture; the other vertex order may round a shade by a level
            for (int i = 0; i < normal.length; i++) {
                assertThat(Math.abs((inside[i] & 0xff) - (normal[i] & 0xff))).isLessThanOrEqualTo(2);
            }
            Frame f = rs.renderFrame(open, o);
            assertThat(FramingTest.silhouette(f)).isNotNull();
        }
    }
}
