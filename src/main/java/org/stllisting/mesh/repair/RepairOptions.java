package org.stllisting.mesh.repair;

/**
 * Which repair steps run, in admesh's order (see {@link MeshRepairer}). Exact vertex merging, removal of
 * degenerate and duplicate facets and the final normal recomputation always run (the exact merge is skipped when
 * the caller vouches for it, see {@code verticesMerged}).
 *
 * @param nearby merge unshared boundary vertices lying close together, with a growing tolerance
 * @param nearbyToleranceMm the largest tolerance; 0 chooses it from the mesh (half the shortest open edge)
 * @param removeUnconnected remove facets that share no edge with any other facet
 * @param minShellFacets also remove shells with fewer facets than this (0: keep all fragments)
 * @param fillHoles close every boundary loop with new facets
 * @param fixOrientation make the winding consistent across each shell and the shells face outward
 * @param verticesMerged the caller vouches that no two vertices of the input share a position (meshes from
 *     {@code StlReader} are merged exactly as they are read), so the exact merge has nothing to do and is skipped
 */
public record RepairOptions(boolean nearby, double nearbyToleranceMm, boolean removeUnconnected,
        int minShellFacets, boolean fillHoles, boolean fixOrientation, boolean verticesMerged) {

    /** Everything, as {@code auto_repair} does. */
    public static RepairOptions defaults() {
        return new RepairOptions(true, 0, true, 0, true, true, false);
    }

    /** Only the steps that always run (exact merge, degenerate and duplicate removal, normals). */
    public static RepairOptions minimal() {
        return new RepairOptions(false, 0, false, 0, false, false, false);
    }

    /** The same options for a mesh whose vertices are known to be merged exactly already (as read). */
    public RepairOptions withVerticesMerged(boolean merged) {
        return new RepairOptions(nearby, nearbyToleranceMm, removeUnconnected, minShellFacets, fillHoles,
                fixOrientation, merged);
    }

    public RepairOptions withNearby(boolean on) {
        return new RepairOptions(on, nearbyToleranceMm, removeUnconnected, minShellFacets, fillHoles, fixOrientation,
                verticesMerged);
    }

    public RepairOptions withNearbyTolerance(double mm) {
        return new RepairOptions(nearby, mm, removeUnconnected, minShellFacets, fillHoles, fixOrientation,
                verticesMerged);
    }

    public RepairOptions withRemoveUnconnected(boolean on) {
        return new RepairOptions(nearby, nearbyToleranceMm, on, minShellFacets, fillHoles, fixOrientation,
                verticesMerged);
    }

    public RepairOptions withMinShellFacets(int n) {
        return new RepairOptions(nearby, nearbyToleranceMm, removeUnconnected, n, fillHoles, fixOrientation,
                verticesMerged);
    }

    public RepairOptions withFillHoles(boolean on) {
        return new RepairOptions(nearby, nearbyToleranceMm, removeUnconnected, minShellFacets, on, fixOrientation,
                verticesMerged);
    }

    public RepairOptions withFixOrientation(boolean on) {
        return new RepairOptions(nearby, nearbyToleranceMm, removeUnconnected, minShellFacets, fillHoles, on,
                verticesMerged);
    }
}
