package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.gen.SampleModels;

/**
 * A seller who asks for black gets black: the lit top faces of a flat plate and of a gear show the requested
 * color, within a CIEDE2000 difference of 10, under every lighting, in plastic and resin; black stays dark; and the
 * faces still differ enough to show the form.
 */
class ColorFidelityTest {
    static final int W = 320;
    static final int H = 240;
    /** Black, white, a strong red, a saturated blue and a pastel mint. */
    static final String[] COLORS = {"#212121", "#FFFFFF", "#D32F2F", "#1E40DC", "#A8E6CF"};
    static final double MAX_DELTA_E = 10;
    /** L* under which black still reads as black. */
    static final double BLACK_MAX_L = 25;

    private final Parallel par = new Parallel(null, 1);
    /** The model and the pixels of its top faces, by shape: the camera does not depend on color or lighting. */
    private static final Map<String, Prepared> PREPARED = new ConcurrentHashMap<>();

    private record Prepared(Model model, boolean[] top) {
    }

    static Stream<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        for (String lighting : RenderOptions.LIGHTINGS.stream().sorted().toList()) {
            for (String material : List.of("plastic", "resin")) {
                l.add(Arguments.of("plate", MeshGenerators.box(60, 60, 4), material, lighting));
                l.add(Arguments.of("gear", SampleModels.spurGear(), material, lighting));
            }
        }
        return l.stream();
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("cases")
    void topFacesShowTheRequestedColor(String shape, Mesh mesh, String material, String lighting) throws Exception {
        RenderOptions base = RenderOptions.defaults().withSize(W, H).withMaterial(material).withLighting(lighting);
        Prepared prepared = PREPARED.get(shape);
        if (prepared == null) {
            Model pm = Model.of(mesh, false, par);
            prepared = new Prepared(pm, FaceMask.of(pm, camera(pm, base), W, H, 0, 0, 1, 2));
            PREPARED.put(shape, prepared);
        }
        Model m = prepared.model();
        boolean[] top = prepared.top();
        assertThat(count(top)).as("pixels of the top faces").isGreaterThan(400);
        List<String> wrong = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (String color : COLORS) {
            Frame f = RenderService.renderModel(m, base.withColor(color), null, par);
            int seen = median(f, top);
            int asked = Colors.parse(color, "color");
            double de = Ciede2000.between(asked, seen);
            double l = Ciede2000.lab(seen)[0];
            String line = String.format("%s → #%06X (ΔE00 %.1f, L* %.0f)", color, seen, de, l);
            all.append("\n  ").append(line);
            if (de > MAX_DELTA_E || color.equals("#212121") && l > BLACK_MAX_L) {
                wrong.add(line);
            }
        }
        assertThat(wrong).as(shape + ", " + material + ", " + lighting + ":" + all).isEmpty();
    }

    /** Top, front and right faces of a cube seen from the usual three-quarter view. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lightings")
    void theFacesOfACubeStillDifferInLightness(String lighting) throws Exception {
        Model m = Model.of(MeshGenerators.box(30, 30, 30), false, par);
        RenderOptions o = RenderOptions.defaults().withSize(W, H).withLighting(lighting).withColor("#D32F2F");
        Camera cam = camera(m, o);
        Frame f = RenderService.renderModel(m, o, null, par);
        double top = Ciede2000.lab(median(f, FaceMask.of(m, cam, W, H, 0, 0, 1, 2)))[0];
        double front = Ciede2000.lab(median(f, FaceMask.of(m, cam, W, H, 0, -1, 0, 2)))[0];
        double right = Ciede2000.lab(median(f, FaceMask.of(m, cam, W, H, 1, 0, 0, 2)))[0];
        String what = String.format("%s: L* top %.0f, front %.0f, right %.0f", lighting, top, front, right);
        assertThat(Math.min(Math.abs(top - front), Math.min(Math.abs(top - right), Math.abs(front - right))))
                .as(what).isGreaterThanOrEqualTo(4);
    }

    static Stream<String> lightings() {
        return RenderOptions.LIGHTINGS.stream().sorted();
    }

    @Test
    void theColorDifferenceMatchesPublishedTestData() {
        // pairs 1, 7, 17, 25 and 34 of Sharma, Wu and Dalal's CIEDE2000 test data
        double[][] pairs = {
            {50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425},
            {50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669},
            {50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492},
            {60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644},
            {2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082},
        };
        for (double[] p : pairs) {
            double de = Ciede2000.deltaE(Arrays.copyOfRange(p, 0, 3), Arrays.copyOfRange(p, 3, 6));
            assertThat(de).as(Arrays.toString(p)).isCloseTo(p[6], within(1e-4));
        }
        assertThat(Ciede2000.lab(0xFFFFFF)[0]).isCloseTo(100, within(1e-3));
        assertThat(Ciede2000.lab(0xFFFFFF)[1]).isCloseTo(0, within(1e-2));
    }

    private Camera camera(Model m, RenderOptions o) throws InterruptedException {
        return Camera.framed(m, new double[] {o.azimuth()}, o.elevation(), true,
                Framing.safeArea(o.effectiveWidth(), o.effectiveHeight(), o.preset()), par);
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** The per-channel median of the masked pixels, 0xRRGGBB. */
    static int median(Frame f, boolean[] mask) {
        int n = count(mask);
        int[][] ch = new int[3][n];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                int c = f.argb(i % f.width, i / f.width);
                ch[0][k] = (c >> 16) & 0xff;
                ch[1][k] = (c >> 8) & 0xff;
                ch[2][k] = c & 0xff;
                k++;
            }
        }
        int rgb = 0;
        for (int[] c : ch) {
            Arrays.sort(c);
            rgb = rgb << 8 | c[n / 2];
        }
        return rgb;
    }
}
