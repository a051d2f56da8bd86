package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LookTest {
    /** The batched passes must give exactly the point-by-point definition's bits, for every look. */
    @Test
    void shadingManyPointsAtOnceGivesTheSameBitsAsOneByOne() throws Exception {
        Parallel serial = new Parallel(null, 1);
        Model m = Model.of(TestModels.smoothTorus(), false, serial);
        Random rnd = new Random(7);
        int checked = 0;
        for (String material : new String[] {"plastic", "metal", "resin"}) {
            for (String lighting : new String[] {"studio", "natural", "dramatic"}) {
                for (double az : new double[] {0, 35, 200}) {
                    RenderOptions o = RenderOptions.defaults().withMaterial(material).withLighting(lighting)
                            .withColor(rnd.nextBoolean() ? "#3f7fd6" : "#c8a040");
                    Camera cam = Camera.framed(m, new double[] {az}, 24, true, Framing.safeArea(400, 300, null),
                            serial);
                    Look look = new Look(o, cam);
                    // odd counts leave tails after the vector-wide part of each pass
                    for (int n : new int[] {0, 1, 7, 333}) {
                        Look.Points p = new Look.Points(400);
                        for (int i = 0; i < n; i++) {
                            float[] nrm = unit(rnd, i);
                            float[] v = unit(rnd, i + 1);
                            p.nx[i] = nrm[0];
                            p.ny[i] = nrm[1];
                            p.nz[i] = nrm[2];
                            p.vx[i] = v[0];
                            p.vy[i] = v[1];
                            p.vz[i] = v[2];
                            p.lift[i] = i % 5 == 0 ? 0 : rnd.nextFloat() * 1.2f;
                        }
                        look.shade(p, n);
                        float[] one = new float[3];
                        for (int i = 0; i < n; i++) {
                            look.shade(p.nx[i], p.ny[i], p.nz[i], p.vx[i], p.vy[i], p.vz[i], p.lift[i], one);
                            String what = material + "/" + lighting + " point " + i;
                            assertThat(Float.floatToIntBits(p.r[i])).as(what).isEqualTo(Float.floatToIntBits(one[0]));
                            assertThat(Float.floatToIntBits(p.g[i])).as(what).isEqualTo(Float.floatToIntBits(one[1]));
                            assertThat(Float.floatToIntBits(p.b[i])).as(what).isEqualTo(Float.floatToIntBits(one[2]));
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(27 * 341);
    }

    /** Unit vectors all over the sphere, with the axes (exact zeros, grazing light) among them. */
    private static float[] unit(Random rnd, int i) {
        if (i % 11 == 3) {
            float[][] axes = {{0, 0, 1}, {0, 0, -1}, {1, 0, 0}, {0, -1, 0}};
            return axes[(i / 11) % axes.length];
        }
        double x = rnd.nextGaussian(), y = rnd.nextGaussian(), z = rnd.nextGaussian();
        double l = Math.sqrt(x * x + y * y + z * z);
        return new float[] {(float) (x / l), (float) (y / l), (float) (z / l)};
    }
}
