package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.SampleModels;

/**
 * Renders at the listing's sizes (320 px and up: hero shots, color variants, turntable frames) are the same, byte
 * for byte, as before the floor shadow's grid came to follow the picture's size: the SHA-256 of each frame's
 * pixels was taken from the renderer before that change (the renderer's arithmetic is portable, so they hold on
 * any machine).
 */
class ListingSizeRendersUnchangedTest {
    static Stream<Arguments> cases() {
        RenderOptions d = RenderOptions.defaults();
        return Stream.of(
                Arguments.of("pawn 320 square", SampleModels.chessPawn(), d.withSize(320, 320),
                        "2899f3e86b112f1176663f479e65101a77c0c62979a07da3baa2915794c0690d"),
                Arguments.of("knot 640x480 high", SampleModels.torusKnot(), d.withSize(640, 480).withQuality("high"),
                        "97f5243c9bae2a33f871eeab79bd9418db60eb931a37d35986046e22bd9e3b39"),
                Arguments.of("lowpoly 800x600 metal transparent", TestModels.lowPolyPart(), d.withSize(800, 600)
                        .withMaterial("metal").withBackground("transparent"),
                        "d77348259297910ff31476efa0d942e4667ac657595281ef5b5146c20bdfb3a0"),
                Arguments.of("vase 1200x900 y-up orthographic", SampleModels.twistedVase(), d.withSize(1200, 900)
                        .withUpAxis("y").withProjection("orthographic").withElevation(40),
                        "8caa92082b4827b4802daf8edbde102086b182ece2450db05398f0af77331f33"),
                Arguments.of("bar 600x320 color", TestModels.bar(), d.withSize(600, 320).withColor("#d03a2a")
                        .withBackground("color:#202830"),
                        "48f31f30f3b45acc95c12b3b3a1cc24244e7e3d3e9bcfbe46f3eb9362737cc9e"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aListingRenderIsUnchanged(String name, Mesh mesh, RenderOptions o, String sha) throws Exception {
        try (RenderService service = new RenderService(2)) {
            assertThat(sha256(service.renderFrame(mesh, o).data)).as(name).isEqualTo(sha);
        }
    }

    @Test
    void turntableFramesAreUnchanged() throws Exception {
        // rendered as the turntable renders its frames: one setup reused frame after frame, the camera turned
        Parallel par = new Parallel(null, 1);
        Model m = Model.of(SampleModels.deskOrganizer(), false, par);
        RenderOptions o = RenderOptions.defaults().withSize(480, 360);
        Camera base = Camera.framed(m, new double[] {0, 90, 180, 270}, o.elevation(), true,
                Framing.safeArea(480, 360, null), par);
        Renderer.Setup su = new Renderer.Setup(480, 360, o.samplesPerSide(), Background.parse(o.background()), true);
        su.reuseFrames = true;
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try {
            for (double az : new double[] {0, 100, 230}) {
                Camera cam = base.atAzimuth(m, az);
                md.update(Renderer.render(m, cam, new Look(o, cam), su, par).data);
            }
        } finally {
            su.releaseBuffers();
        }
        assertThat(HexFormat.of().formatHex(md.digest()))
                .isEqualTo("18e93aee8e94369b0405bd6a94b0469f25442c017e84e61098748465e215a3c9");
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
