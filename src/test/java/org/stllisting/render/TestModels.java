package org.stllisting.render;

import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;

/** The small generated models the render tests use. */
final class TestModels {
    private TestModels() {
    }

    static Mesh cube() {
        return MeshGenerators.box(20, 20, 20);
    }

    static Mesh cylinder() {
        return MeshGenerators.cylinder(12, 30, 48);
    }

    static Mesh smoothTorus() {
        return MeshGenerators.torus(30, 10, 64, 32);
    }

    /** A faceted part: an octagonal prism stacked on a wide square base (creases everywhere). */
    static Mesh lowPolyPart() {
        Mesh base = MeshGenerators.box(40, 40, 8);
        Mesh post = MeshGenerators.cylinder(10, 24, 8);
        float[] v = new float[base.vertices().length + post.vertices().length];
        System.arraycopy(base.vertices(), 0, v, 0, base.vertices().length);
        float[] pv = post.vertices();
        int off = base.vertices().length;
        for (int i = 0; i < pv.length; i += 3) {
            v[off + i] = pv[i] + 20;
            v[off + i + 1] = pv[i + 1] + 20;
            v[off + i + 2] = pv[i + 2] + 8;
        }
        int[] t = new int[base.triangles().length + post.triangles().length];
        System.arraycopy(base.triangles(), 0, t, 0, base.triangles().length);
        int vOff = base.vertexCount();
        for (int i = 0; i < post.triangles().length; i++) {
            t[base.triangles().length + i] = post.triangles()[i] + vOff;
        }
        return new Mesh(v, t);
    }

    /** A long thin bar: the hardest shape to frame. */
    static Mesh bar() {
        return MeshGenerators.box(120, 8, 6);
    }
}
