package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.stllisting.mesh.Mesh;

/**
 * The occlusion is estimated on a grid of cells and smoothed one grid row at a time as the composite reaches it;
 * every pixel must get exactly what the plain definition gives: the mean of the estimates around its cell that
 * saw a surface, at full resolution (small images) and on 2 × 2 cells (big ones, odd sizes included).
 */
class AmbientOcclusionTest {
    @Test
    void smoothedRowsEqualThePlainMeanAtFullResolution() throws Exception {
        check(TestModels.lowPolyPart(), 161, 121);
    }

    @Test
    void smoothedRowsEqualThePlainMeanOnTwoByTwoCellsWithOddSizes() throws Exception {
        check(TestModels.smoothTorus(), 801, 603);
    }

    private static void check(Mesh mesh, int w, int h) throws Exception {
        Parallel serial = new Parallel(null, 1);
        RenderOptions o = RenderOptions.defaults().withSize(w, h);
        Model m = Model.of(mesh, false, serial);
        Camera cam = Camera.framed(m, new double[] {o.azimuth()}, o.elevation(), true,
                Framing.safeArea(w, h, null), serial);
        Renderer.Setup su = new Renderer.Setup(w, h, o.samplesPerSide(), Background.parse(o.background()), true);
        Renderer.render(m, cam, new Look(o, cam), su, serial);
        float[] depth = su.buffers().depth;
        float[] raw = AmbientOcclusion.compute(m, cam, w, h, depth, su.buffers().normal, serial);
        int step = AmbientOcclusion.step(w, h);
        assertThat(step).isEqualTo((long) w * h >= 400_000 ? 2 : 1);
        int gw = (w + step - 1) / step;
        float[] cell = new float[gw];
        int surface = 0;
        int occluded = 0;
        for (int y = 0; y < h; y++) {
            if (y % step == 0) {
                // cells without a surface are left as they are: NaN here shows any cell that is not filled
                Arrays.fill(cell, Float.NaN);
                AmbientOcclusion.smoothRow(raw, depth, w, h, y / step, cell);
            }
            for (int x = 0; x < w; x++) {
                if (depth[y * w + x] == Float.POSITIVE_INFINITY) {
                    continue;
                }
                float expected = plainMean(raw, depth, w, h, step, x, y);
                assertThat(cell[x / step]).as("pixel %d, %d", x, y).isEqualTo(expected);
                surface++;
                occluded += expected < 1 ? 1 : 0;
            }
        }
        assertThat(surface).isGreaterThan(w * h / 20);
        assertThat(occluded).isGreaterThan(surface / 50);
    }

    /** The mean of the estimates on the grid points around the pixel's cell whose pixels show a surface. */
    private static float plainMean(float[] raw, float[] depth, int w, int h, int step, int x, int y) {
        int gw = (w + step - 1) / step;
        int lo = step == 1 ? -2 : -1;
        int x0 = x - x % step;
        int y0 = y - y % step;
        float s = 0;
        int n = 0;
        for (int j = lo; j <= 1; j++) {
            int yy = y0 + j * step;
            for (int i = lo; i <= 1; i++) {
                int xx = x0 + i * step;
                if (xx < 0 || yy < 0 || xx >= w || yy >= h || depth[yy * w + xx] == Float.POSITIVE_INFINITY) {
                    continue;
                }
                float r = raw[(yy / step) * gw + xx / step];
                assertThat(r).isBetween(0f, 1f);
                s += r;
                n++;
            }
        }
        return Math.min(1f, n == 0 ? 1 : s / n);
    }
}
