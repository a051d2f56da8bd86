package org.stllisting.mesh.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.Parallel;
import org.stllisting.mesh.gen.MeshGenerators;

class StlWriterTest {
    /** Large enough that the facets are encoded and written by several threads. */
    private static final Mesh SPHERE = MeshGenerators.sphere(50, 170, 600);

    @Test
    void binaryFileHoldsEveryFacetInOrderWithComputedOrStoredNormals(@TempDir Path dir) throws Exception {
        assertThat(SPHERE.facetCount()).isGreaterThan(Parallel.MIN_ITEMS);
        float[] stored = new float[SPHERE.triangles().length];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = i * 0.25f - 7;
        }
        for (Mesh m : new Mesh[] {SPHERE, new Mesh(SPHERE.vertices(), SPHERE.triangles(), stored)}) {
            Path f = dir.resolve("out.stl");
            Files.write(f, new byte[20_000_000]); // an older, longer file is replaced, not overwritten in part
            StlWriter.writeBinary(m, f, "solid-looking header");
            assertThat(Files.readAllBytes(f)).isEqualTo(reference(m));
            Mesh back = StlReader.read(f);
            assertThat(back.facetCount()).isEqualTo(m.facetCount());
        }
    }

    /** One facet at a time through a little-endian buffer: the format as the specification spells it. */
    private static byte[] reference(Mesh m) {
        int n = m.facetCount();
        ByteBuffer bb = ByteBuffer.allocate(84 + 50 * n).order(ByteOrder.LITTLE_ENDIAN);
        byte[] h = "STL solid-looking header".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        bb.put(h).put(new byte[80 - h.length]).putInt(n);
        float[] v = m.vertices();
        int[] t = m.triangles();
        float[] nrm = new float[3];
        for (int f = 0; f < n; f++) {
            StlWriter.normal(v, t, m.storedNormals(), f, nrm);
            bb.putFloat(nrm[0]).putFloat(nrm[1]).putFloat(nrm[2]);
            for (int k = 0; k < 3; k++) {
                int i = 3 * t[3 * f + k];
                bb.putFloat(v[i]).putFloat(v[i + 1]).putFloat(v[i + 2]);
            }
            bb.putShort((short) 0);
        }
        return bb.array();
    }
}
