package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stllisting.mesh.gen.MeshGenerators;

class GroundShadowTest {
    @Test
    void fineMeshShadowFromItsVerticesMatchesTheOneFromItsFacets() throws Exception {
        // 600k facets, each well under half a shadow cell: the vertices stand for the surface
        Model m;
        try (RenderService rs = new RenderService(2)) {
            m = Model.of(MeshGenerators.torus(40, 14, 1000, 300), false, rs.parallel());
            GroundShadow fromFacets = GroundShadow.of(m, rs.parallel(), false);
            GroundShadow fromVertices = GroundShadow.of(m, rs.parallel(), true);
            assertThat(m.allVerticesUsed).isTrue();
            assertThat((double) m.facetExtent).isLessThan(fromVertices.cell / 2);
            double maxDiff = 0;
            double darkest = 0;
            for (double x = m.minX - 30; x <= m.maxX + 30; x += 0.37) {
                for (double y = m.minY - 30; y <= m.maxY + 30; y += 0.37) {
                    double a = fromFacets.at(x, y);
                    maxDiff = Math.max(maxDiff, Math.abs(a - fromVertices.at(x, y)));
                    darkest = Math.max(darkest, a);
                }
            }
            assertThat(darkest).as("there is a shadow").isGreaterThan(0.5);
            assertThat(maxDiff).isLessThan(0.01);
        }
    }
}
