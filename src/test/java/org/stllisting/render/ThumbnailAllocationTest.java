package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;

/**
 * A queue-window thumbnail (96 px, one render thread, each model new to the service) allocates little besides
 * what its mesh needs: the floor shadow's grid follows the picture's size and the PNG writer reuses its arrays.
 * The window makes thousands of them; every byte here feeds the young collections of the window's process.
 */
class ThumbnailAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path tmp;

    @Test
    void aThumbnailOfASmallModelAllocatesUnderHalfAMegabyte() throws Exception {
        // small models (a few hundred facets), as most rows of a long queue: what is left is per picture
        Mesh[] meshes = new Mesh[12];
        for (int i = 0; i < meshes.length; i++) {
            float s = 12 + i;
            meshes[i] = i % 2 == 0 ? MeshGenerators.torus(s / 2, s / 6, 24 + i, 12)
                    : MeshGenerators.cylinder(s / 2, s, 24 + i);
        }
        try (RenderService rs = new RenderService(1)) {
            // the first ones load classes and fill the reused arrays
            for (int i = 0; i < 4; i++) {
                rs.thumbnail(meshes[i], 96, tmp.resolve("warm" + i + ".png"));
            }
            long thread = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(thread);
            for (int i = 4; i < meshes.length; i++) {
                rs.thumbnail(meshes[i], 96, tmp.resolve("t" + i + ".png"));
            }
            long perThumbnail = (THREADS.getThreadAllocatedBytes(thread) - before) / (meshes.length - 4);
            // 2.6 MB when the shadow grid had 320 cells across whatever the picture's size and the PNG writer took
            // new arrays for each slice; 0.3 MB since
            assertThat(perThumbnail).as("bytes allocated per thumbnail").isLessThan(512 * 1024);
        }
    }

    @Test
    void aThumbnailsShadowGridFollowsItsSizeAndEachSizeOfGridIsMadeOnce() throws Exception {
        Model m = Model.of(MeshGenerators.torus(20, 7, 48, 24), false, new Parallel(null, 1));
        GroundShadow thumb = m.shadow(96, 96);
        assertThat(thumb.nx).isLessThanOrEqualTo(150);
        assertThat(thumb.ny).isLessThanOrEqualTo(150);
        assertThat(m.shadow(96, 60)).as("the same larger side, the same grid").isSameAs(thumb);
        GroundShadow full = m.shadow(320, 240);
        assertThat(full.nx).isGreaterThan(320);
        assertThat(m.shadow(2000, 2000)).as("every listing size shares the full grid").isSameAs(full);
        assertThat(m.shadow(96, 96)).as("kept").isSameAs(thumb);
    }
}
