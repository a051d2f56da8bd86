package org.stllisting.mesh.gen;

import org.stllisting.mesh.Mesh;

/**
 * Closed, outward-oriented meshes with known analytic measures, for samples, tests and benchmarks.
 * All are Z-up, resting on z = 0 unless stated, in millimetres.
 */
public final class MeshGenerators {
    private MeshGenerators() {
    }

    /** An axis-aligned box from (0,0,0) to (sx,sy,sz): 8 vertices, 12 facets. */
    public static Mesh box(float sx, float sy, float sz) {
        float[] v = {
            0, 0, 0, sx, 0, 0, sx, sy, 0, 0, sy, 0,
            0, 0, sz, sx, 0, sz, sx, sy, sz, 0, sy, sz,
        };
        int[] t = {
            0, 2, 1, 0, 3, 2, // bottom (-z)
            4, 5, 6, 4, 6, 7, // top (+z)
            0, 1, 5, 0, 5, 4, // front (-y)
            2, 3, 7, 2, 7, 6, // back (+y)
            1, 2, 6, 1, 6, 5, // right (+x)
            3, 0, 4, 3, 4, 7, // left (-x)
        };
        return new Mesh(v, t);
    }

    /** A closed cylinder of the given radius and height with {@code segments} sides, axis along z. */
    public static Mesh cylinder(float radius, float height, int segments) {
        int n = Math.max(3, segments);
        float[] v = new float[(2 * n + 2) * 3];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            float x = (float) (radius * Math.cos(a));
            float y = (float) (radius * Math.sin(a));
            put(v, i, x, y, 0);
            put(v, n + i, x, y, height);
        }
        int bottomCenter = 2 * n;
        int topCenter = 2 * n + 1;
        put(v, bottomCenter, 0, 0, 0);
        put(v, topCenter, 0, 0, height);
        int[] t = new int[n * 4 * 3];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            k = tri(t, k, i, j, n + j);
            k = tri(t, k, i, n + j, n + i);
            k = tri(t, k, bottomCenter, j, i);
            k = tri(t, k, topCenter, n + i, n + j);
        }
        return new Mesh(v, t);
    }

    /**
     * A UV sphere centred at (0,0,radius) with {@code rings} latitude bands and {@code segments} longitude
     * bands; facet count is {@code 2 * segments * (rings - 1)}.
     */
    public static Mesh sphere(float radius, int rings, int segments) {
        int r = Math.max(2, rings);
        int s = Math.max(3, segments);
        int ringVerts = (r - 1) * s;
        float[] v = new float[(ringVerts + 2) * 3];
        for (int i = 1; i < r; i++) {
            double phi = Math.PI * i / r;
            for (int j = 0; j < s; j++) {
                double th = 2 * Math.PI * j / s;
                put(v, (i - 1) * s + j,
                        (float) (radius * Math.sin(phi) * Math.cos(th)),
                        (float) (radius * Math.sin(phi) * Math.sin(th)),
                        (float) (radius + radius * Math.cos(phi)));
            }
        }
        int north = ringVerts;
        int south = ringVerts + 1;
        put(v, north, 0, 0, 2 * radius);
        put(v, south, 0, 0, 0);
        int[] t = new int[2 * s * (r - 1) * 3];
        int k = 0;
        for (int j = 0; j < s; j++) {
            int jn = (j + 1) % s;
            k = tri(t, k, north, j, jn);
            k = tri(t, k, south, (r - 2) * s + jn, (r - 2) * s + j);
        }
        for (int i = 0; i < r - 2; i++) {
            for (int j = 0; j < s; j++) {
                int jn = (j + 1) % s;
                int a = i * s + j;
                int b = i * s + jn;
                int c = (i + 1) * s + j;
                int d = (i + 1) * s + jn;
                k = tri(t, k, a, c, d);
                k = tri(t, k, a, d, b);
            }
        }
        return new Mesh(v, t);
    }

    /**
     * A torus around the z axis, major radius {@code big}, tube radius {@code small}, resting on z = 0;
     * facet count is {@code 2 * majorSegments * minorSegments}.
     */
    public static Mesh torus(float big, float small, int majorSegments, int minorSegments) {
        int m = Math.max(3, majorSegments);
        int n = Math.max(3, minorSegments);
        float[] v = new float[m * n * 3];
        for (int i = 0; i < m; i++) {
            double u = 2 * Math.PI * i / m;
            for (int j = 0; j < n; j++) {
                double w = 2 * Math.PI * j / n;
                double rr = big + small * Math.cos(w);
                put(v, i * n + j, (float) (rr * Math.cos(u)), (float) (rr * Math.sin(u)),
                        (float) (small + small * Math.sin(w)));
            }
        }
        int[] t = new int[m * n * 2 * 3];
        int k = 0;
        for (int i = 0; i < m; i++) {
            int in = (i + 1) % m;
            for (int j = 0; j < n; j++) {
                int jn = (j + 1) % n;
                int a = i * n + j;
                int b = in * n + j;
                int c = in * n + jn;
                int d = i * n + jn;
                k = tri(t, k, a, b, c);
                k = tri(t, k, a, c, d);
            }
        }
        return new Mesh(v, t);
    }

    private static void put(float[] v, int i, float x, float y, float z) {
        v[3 * i] = x;
        v[3 * i + 1] = y;
        v[3 * i + 2] = z;
    }

    private static int tri(int[] t, int k, int a, int b, int c) {
        t[k] = a;
        t[k + 1] = b;
        t[k + 2] = c;
        return k + 3;
    }
}
