package org.stllisting.ui.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.shape.TriangleMesh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.mesh.io.StlWriter;

/** STL to the 3D preview's TriangleMesh: points, faces, axes, size and decimation, without a toolkit. */
class PreviewMeshTest {
    @TempDir
    Path tmp;

    @Test
    void anStlBoxBecomesATriangleMeshCentredScaledAndTurnedZUpToYDown() throws Exception {
        Path stl = tmp.resolve("box.stl");
        StlWriter.writeBinary(MeshGenerators.box(40, 20, 10), stl);
        Mesh mesh = StlReader.read(stl);
        PreviewMesh p = PreviewMesh.of(mesh, 1000);
        TriangleMesh fx = p.toTriangleMesh();

        assertThat(fx.getPoints().size()).isEqualTo(mesh.vertexCount() * 3);
        assertThat(fx.getFaces().size()).isEqualTo(mesh.facetCount() * 6);
        assertThat(fx.getFaceSmoothingGroups().size()).isEqualTo(mesh.facetCount());
        assertThat(fx.getTexCoords().size()).isEqualTo(2);
        // each face is p0 t0 p1 t1 p2 t2 with the mesh's own vertex indices
        for (int f = 0; f < mesh.facetCount(); f++) {
            for (int k = 0; k < 3; k++) {
                assertThat(fx.getFaces().get(6 * f + 2 * k)).isEqualTo(mesh.triangles()[3 * f + k]);
                assertThat(fx.getFaces().get(6 * f + 2 * k + 1)).isZero();
            }
        }
        float[] extent = extent(p.points());
        // 40 long in x -> 200 units; the 10 mm height (STL z) runs along JavaFX y, the 20 mm depth along z
        assertThat(extent[0]).isEqualTo(200f, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(extent[1]).isEqualTo(50f, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(extent[2]).isEqualTo(100f, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(p.decimated()).isFalse();
    }

    @Test
    void theTopOfAModelIsUpOnTheScreen() {
        // a box standing on z = 0 whose top is at z = 30: STL z up is JavaFX y down, so the top has the least y
        PreviewMesh p = PreviewMesh.of(MeshGenerators.box(10, 10, 30), 1000);
        Mesh m = MeshGenerators.box(10, 10, 30);
        int top = 0;
        for (int i = 0; i < m.vertexCount(); i++) {
            if (m.vertices()[3 * i + 2] > m.vertices()[3 * top + 2]) {
                top = i;
            }
        }
        assertThat(p.points()[3 * top + 1]).isEqualTo(-100f, org.assertj.core.data.Offset.offset(0.01f));
    }

    @Test
    void aModelAboveTheLimitIsDecimatedBelowItKeepingItsSize() {
        Mesh sphere = MeshGenerators.sphere(25, 120, 240);
        assertThat(sphere.facetCount()).isGreaterThan(40_000);
        PreviewMesh p = PreviewMesh.of(sphere, 5_000);
        assertThat(p.facets()).isPositive().isLessThanOrEqualTo(5_000);
        assertThat(p.sourceFacets()).isEqualTo(sphere.facetCount());
        assertThat(p.decimated()).isTrue();
        float[] extent = extent(p.points());
        assertThat(extent[0]).isBetween(180f, 200.01f);
        for (int i : p.triangles()) {
            assertThat(i).isBetween(0, p.points().length / 3 - 1);
        }
        assertThat(p.toTriangleMesh().getFaces().size()).isEqualTo(p.facets() * 6);
    }

    @Test
    void anEmptyMeshGivesAnEmptyPreviewNotAnError() {
        PreviewMesh p = PreviewMesh.of(new Mesh(new float[0], new int[0]), 10);
        assertThat(p.facets()).isZero();
        assertThat(p.toTriangleMesh().getPoints().size()).isZero();
    }

    private static float[] extent(float[] pts) {
        float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        float[] max = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < pts.length; i += 3) {
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], pts[i + a]);
                max[a] = Math.max(max[a], pts[i + a]);
            }
        }
        return new float[] {max[0] - min[0], max[1] - min[1], max[2] - min[2]};
    }
}
