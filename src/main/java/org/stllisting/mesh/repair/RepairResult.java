package org.stllisting.mesh.repair;

import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshTopology;

/**
 * The repaired mesh (a new one; the input is untouched), what was done to it, and its edge topology as the repair
 * left it (the same as {@link MeshTopology#of} would build again; validating with it saves that work).
 */
public record RepairResult(Mesh mesh, RepairReport report, MeshTopology topology) {
    public RepairResult {
        if (topology.mesh() != mesh) {
            throw new IllegalArgumentException("the topology must be the repaired mesh's");
        }
    }
}
