package org.stllisting.mesh.repair;

import org.stllisting.mesh.Mesh;

/** The repaired mesh (a new one; the input is untouched) and what was done to it. */
public record RepairResult(Mesh mesh, RepairReport report) {
}
