package org.stllisting.mesh.repair;

import java.util.List;

/**
 * What {@link MeshRepairer} did, with admesh's counters.
 *
 * @param facetsBefore facets of the input
 * @param facetsAfter facets of the result
 * @param facetsRemoved degenerate, duplicate and unconnected facets removed (and facets replaced by splits)
 * @param facetsAdded facets added to fill holes or to split a neighbour of a collinear facet
 * @param facetsReversed facets whose winding was reversed (inconsistent ones, then whole inside-out shells)
 * @param edgesFixed open edges closed by merging nearby vertices
 * @param normalsFixed stored normals that differed from the recomputed ones (missing ones included)
 * @param verticesMerged vertices merged into others (exactly equal, then nearby)
 * @param degenerateRemoved degenerate facets removed
 * @param duplicatesRemoved duplicate facets removed
 * @param unconnectedRemoved facets removed because they touch nothing (or belong to a tiny fragment)
 * @param holesFilled boundary loops closed
 * @param openEdgesBefore open edges of the input
 * @param openEdgesAfter open edges of the result
 * @param nonManifoldEdgesAfter non-manifold edges of the result
 * @param shells connected parts of the result
 * @param volumeMm3 volume of the result, exact in double precision
 * @param watertight the result has no open and no non-manifold edges
 * @param changed whether the result differs from the input in any way
 * @param warnings steps that were refused because they would have made the mesh worse, and other notes
 */
public record RepairReport(
        int facetsBefore,
        int facetsAfter,
        int facetsRemoved,
        int facetsAdded,
        int facetsReversed,
        int edgesFixed,
        int normalsFixed,
        int verticesMerged,
        int degenerateRemoved,
        int duplicatesRemoved,
        int unconnectedRemoved,
        int holesFilled,
        int openEdgesBefore,
        int openEdgesAfter,
        int nonManifoldEdgesAfter,
        int shells,
        double volumeMm3,
        boolean watertight,
        boolean changed,
        List<String> warnings) {

    public RepairReport {
        warnings = List.copyOf(warnings);
    }
}
