package org.stllisting.mesh.validate;

import java.util.List;

/**
 * Result of {@link MeshValidator}: counts, a pass/fail per check and warnings for people (README, Validation and repair).
 *
 * @param level the level applied
 * @param passed every enforced check passed
 * @param facets facet count
 * @param vertices distinct vertices
 * @param verticesMergedExact facet corners that share a position with another corner (merged exactly)
 * @param nearbyVertices unshared vertices on open edges lying within {@code mergeToleranceMm} of another one
 * @param mergeToleranceMm the tolerance used for {@code nearbyVertices}
 * @param degenerateFacets facets with repeated vertices or zero area (collinear corners)
 * @param duplicateFacets facets with the same three vertices as an earlier facet (either winding)
 * @param openEdges edges used by one facet only
 * @param holes boundary loops formed by the open edges
 * @param nonManifoldEdges edges used by more than two facets
 * @param inconsistentEdges edges whose two facets run it the same way
 * @param reversedFacets facets whose orientation disagrees with their neighbours (the fewer of the two
 *     orientations in each connected patch)
 * @param normalsMismatched stored normals more than 45° from the winding's normal
 * @param normalsZero stored normals of zero length (harmless: slicers recompute normals)
 * @param shells connected parts
 * @param volumeMm3 signed volume (negative: inside-out)
 * @param selfIntersections facets crossing another facet they share no vertex with; null below strict
 * @param checks every check with its verdict
 * @param warnings human-readable problems and advice
 */
public record ValidationReport(
        ValidationLevel level,
        boolean passed,
        int facets,
        int vertices,
        long verticesMergedExact,
        int nearbyVertices,
        double mergeToleranceMm,
        int degenerateFacets,
        int duplicateFacets,
        int openEdges,
        int holes,
        int nonManifoldEdges,
        int inconsistentEdges,
        int reversedFacets,
        int normalsMismatched,
        int normalsZero,
        int shells,
        double volumeMm3,
        Integer selfIntersections,
        List<Check> checks,
        List<String> warnings) {

    public ValidationReport {
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
    }

    /** The check of that name, or null. */
    public Check check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
