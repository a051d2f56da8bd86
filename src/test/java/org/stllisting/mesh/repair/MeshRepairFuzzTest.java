package org.stllisting.mesh.repair;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.validate.MeshValidator;
import org.stllisting.mesh.validate.ValidationLevel;

/**
 * Validation and repair of any small mesh end without an exception, and the repair keeps its promises: the
 * result has no more open or non-manifold edges than the input, its corners are vertices it has, and it is
 * reported watertight only when it is. The meshes are built from a few corners on a coarse grid or anywhere, so
 * that repeated, collinear and coplanar corners, slivers and doubled facets are common. Plain runs replay
 * {@code MeshRepairFuzzTestInputs/}; see {@code StlReaderFuzzTest} for fuzzing.
 */
class MeshRepairFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void repairKeepsItsPromises(FuzzedDataProvider in) {
        int nv = in.consumeInt(3, 14);
        float[] v = new float[3 * nv];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.consumeBoolean() ? in.consumeInt(-3, 3) * 0.5f : in.consumeRegularFloat(-1e4f, 1e4f);
        }
        int nf = in.consumeInt(1, 48);
        int[] t = new int[3 * nf];
        for (int i = 0; i < t.length; i++) {
            t[i] = in.consumeInt(0, nv - 1);
        }
        Mesh mesh = new Mesh(v, t);
        MeshTopology before = MeshTopology.of(mesh);
        MeshValidator.validate(before, ValidationLevel.STRICT);
        RepairOptions options = RepairOptions.defaults();
        RepairResult r = MeshRepairer.repair(before, options);
        Mesh out = r.mesh();
        for (int x : out.triangles()) {
            if (x < 0 || x >= out.vertexCount()) {
                throw new AssertionError("corner " + x + " outside 0.." + (out.vertexCount() - 1));
            }
        }
        MeshTopology after = MeshTopology.of(out);
        if (after.openEdges() > before.openEdges() || after.nonManifoldEdges() > before.nonManifoldEdges()) {
            throw new AssertionError("repair made it worse: " + before.openEdges() + "/" + before.nonManifoldEdges()
                    + " open/non-manifold edges became " + after.openEdges() + "/" + after.nonManifoldEdges());
        }
        if (r.report().watertight() != after.watertight()) {
            throw new AssertionError("reported watertight " + r.report().watertight() + " but is "
                    + after.watertight());
        }
        MeshValidator.validate(out, ValidationLevel.STRICT);
    }
}
