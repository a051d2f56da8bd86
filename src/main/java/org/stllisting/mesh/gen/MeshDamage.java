package org.stllisting.mesh.gen;

import java.util.Arrays;
import org.stllisting.mesh.Mesh;

/**
 * Broken variants of a mesh, the way real downloads are broken, for tests and benchmarks. Each returns a new mesh
 * and touches facets spread evenly over the mesh so that the damage is isolated, countable and deterministic.
 */
public final class MeshDamage {
    private MeshDamage() {
    }

    /** Removes {@code count} facets spread over the mesh: each leaves a hole of three open edges when isolated. */
    public static Mesh punchHoles(Mesh m, int count) {
        int nf = m.facetCount();
        boolean[] remove = new boolean[nf];
        for (int i : spread(nf, count)) {
            remove[i] = true;
        }
        int kept = nf - count;
        int[] t = new int[3 * kept];
        int k = 0;
        for (int f = 0; f < nf; f++) {
            if (!remove[f]) {
                System.arraycopy(m.triangles(), 3 * f, t, 3 * k++, 3);
            }
        }
        return new Mesh(m.vertices(), t);
    }

    /** Reverses the winding of {@code count} facets spread over the mesh. */
    public static Mesh flipFacets(Mesh m, int count) {
        int[] t = m.triangles().clone();
        for (int f : spread(m.facetCount(), count)) {
            int x = t[3 * f + 1];
            t[3 * f + 1] = t[3 * f + 2];
            t[3 * f + 2] = x;
        }
        return new Mesh(m.vertices(), t);
    }

    /** Reverses every facet: the mesh becomes inside-out. */
    public static Mesh insideOut(Mesh m) {
        return flipFacets(m, m.facetCount());
    }

    /** Appends a copy of {@code count} facets spread over the mesh. */
    public static Mesh duplicateFacets(Mesh m, int count) {
        int nf = m.facetCount();
        int[] t = Arrays.copyOf(m.triangles(), 3 * (nf + count));
        int k = nf;
        for (int f : spread(nf, count)) {
            System.arraycopy(m.triangles(), 3 * f, t, 3 * k++, 3);
        }
        return new Mesh(m.vertices(), t);
    }

    /**
     * Appends {@code count} degenerate facets: alternately a facet on one edge of an existing facet with a repeated
     * corner, and a zero-area facet whose third corner is that edge's start again seen from the other end.
     */
    public static Mesh degenerateFacets(Mesh m, int count) {
        int nf = m.facetCount();
        int[] t = Arrays.copyOf(m.triangles(), 3 * (nf + count));
        int k = nf;
        int[] src = m.triangles();
        int i = 0;
        for (int f : spread(nf, count)) {
            int a = src[3 * f];
            int b = src[3 * f + 1];
            t[3 * k] = a;
            t[3 * k + 1] = b;
            t[3 * k + 2] = i++ % 2 == 0 ? a : b;
            k++;
        }
        return new Mesh(m.vertices(), t);
    }

    /** Moves the whole mesh by (dx, dy, dz). */
    public static Mesh translate(Mesh m, float dx, float dy, float dz) {
        float[] v = m.vertices().clone();
        for (int i = 0; i < v.length; i += 3) {
            v[i] += dx;
            v[i + 1] += dy;
            v[i + 2] += dz;
        }
        return new Mesh(v, m.triangles().clone());
    }

    /** Scales the mesh about the origin. */
    public static Mesh scale(Mesh m, float s) {
        float[] v = m.vertices().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
        return new Mesh(v, m.triangles().clone());
    }

    /** Both meshes in one (separate shells). */
    public static Mesh combine(Mesh a, Mesh b) {
        float[] v = Arrays.copyOf(a.vertices(), a.vertices().length + b.vertices().length);
        System.arraycopy(b.vertices(), 0, v, a.vertices().length, b.vertices().length);
        int[] t = Arrays.copyOf(a.triangles(), a.triangles().length + b.triangles().length);
        int off = a.vertexCount();
        for (int i = 0; i < b.triangles().length; i++) {
            t[a.triangles().length + i] = b.triangles()[i] + off;
        }
        return new Mesh(v, t);
    }

    /** {@code count} facet indices spread evenly over {@code n}, starting half a stride in. */
    static int[] spread(int n, int count) {
        if (count > n) {
            throw new IllegalArgumentException(count + " of " + n);
        }
        int[] out = new int[count];
        double stride = (double) n / count;
        for (int i = 0; i < count; i++) {
            out[i] = (int) (stride * i + stride / 2);
        }
        return out;
    }
}
