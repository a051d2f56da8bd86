package org.stllisting.ui.preview;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.shape.TriangleMesh;
import org.stllisting.mesh.Mesh;

/**
 * A model made ready for the 3D preview: centred on the origin, its largest side {@link #SIZE} units long,
 * turned from the STL's Z-up into JavaFX's Y-down axes, and — above a facet limit — decimated by vertex
 * clustering (vertices in one grid cell become their average; facets that collapse are dropped) with a
 * cell that doubles until the facets fit. The source mesh is not changed. Made off the UI thread.
 *
 * @param points x, y, z per vertex, in JavaFX axes
 * @param triangles three vertex indices per facet
 * @param sourceFacets the model's facet count before decimation
 */
public record PreviewMesh(float[] points, int[] triangles, int sourceFacets) {
    /** The largest side of the model in scene units. */
    public static final float SIZE = 200f;

    public int facets() {
        return triangles.length / 3;
    }

    public boolean decimated() {
        return facets() < sourceFacets;
    }

    /** {@code mesh} as the preview shows it, with at most {@code maxFacets} facets. */
    public static PreviewMesh of(Mesh mesh, int maxFacets) {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        int n = v.length / 3;
        float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] max = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], v[3 * i + a]);
                max[a] = Math.max(max[a], v[3 * i + a]);
            }
        }
        float largest = n == 0 ? 1 : Math.max(max[0] - min[0], Math.max(max[1] - min[1], max[2] - min[2]));
        float scale = largest > 0 ? SIZE / largest : 1;
        float[] c = new float[3];
        for (int a = 0; a < 3; a++) {
            c[a] = n == 0 ? 0 : (min[a] + max[a]) / 2;
        }
        // STL (x, y, z) with z up -> JavaFX (x, -z, y): a rotation, so the facets keep their winding
        float[] p = new float[v.length];
        for (int i = 0; i < n; i++) {
            float x = (v[3 * i] - c[0]) * scale;
            float y = (v[3 * i + 1] - c[1]) * scale;
            float z = (v[3 * i + 2] - c[2]) * scale;
            p[3 * i] = x;
            p[3 * i + 1] = -z;
            p[3 * i + 2] = y;
        }
        int facets = t.length / 3;
        if (facets <= maxFacets) {
            return new PreviewMesh(p, t.clone(), facets);
        }
        float cell = SIZE / 512;
        PreviewMesh out;
        do {
            out = cluster(p, t, cell, facets);
            cell *= 2;
        } while (out.facets() > maxFacets && cell < SIZE);
        return out;
    }

    private static PreviewMesh cluster(float[] p, int[] t, float cell, int sourceFacets) {
        int n = p.length / 3;
        int[] map = new int[n];
        Map<Long, Integer> cells = new HashMap<>();
        float[] sum = new float[p.length];
        int[] count = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            long key = key(p[3 * i], cell) * 1_000_003L * 1_000_003L + key(p[3 * i + 1], cell) * 1_000_003L
                    + key(p[3 * i + 2], cell);
            Integer k = cells.get(key);
            if (k == null) {
                k = next++;
                cells.put(key, k);
            }
            map[i] = k;
            sum[3 * k] += p[3 * i];
            sum[3 * k + 1] += p[3 * i + 1];
            sum[3 * k + 2] += p[3 * i + 2];
            count[k]++;
        }
        float[] points = new float[3 * next];
        for (int k = 0; k < next; k++) {
            for (int a = 0; a < 3; a++) {
                points[3 * k + a] = sum[3 * k + a] / count[k];
            }
        }
        int[] kept = new int[t.length];
        int m = 0;
        for (int f = 0; f < t.length; f += 3) {
            int a = map[t[f]];
            int b = map[t[f + 1]];
            int d = map[t[f + 2]];
            if (a != b && b != d && a != d) {
                kept[m++] = a;
                kept[m++] = b;
                kept[m++] = d;
            }
        }
        return new PreviewMesh(points, java.util.Arrays.copyOf(kept, m), sourceFacets);
    }

    private static long key(float x, float cell) {
        return (long) Math.floor((x + SIZE) / cell);
    }

    /**
     * The JavaFX mesh: these points, one texture coordinate, each facet {@code p0 0 p1 0 p2 0}, and every facet
     * in smoothing group 0 (flat shaded: a box's edges stay sharp).
     */
    public TriangleMesh toTriangleMesh() {
        TriangleMesh m = new TriangleMesh();
        m.getPoints().setAll(points);
        m.getTexCoords().setAll(0, 0);
        int[] faces = new int[triangles.length * 2];
        for (int i = 0; i < triangles.length; i++) {
            faces[2 * i] = triangles[i];
        }
        m.getFaces().setAll(faces);
        m.getFaceSmoothingGroups().setAll(new int[facets()]);
        return m;
    }
}
