package org.stllisting.jobs.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stllisting.mesh.repair.RepairReport;
import org.stllisting.mesh.validate.ValidationReport;

/**
 * The warnings a job keeps (in its results, its error log and the history) from validation and repair: what
 * validation found in the model and what repair changed in it, one line each, then each report's own notes.
 */
final class StepWarnings {
    private StepWarnings() {
    }

    /** {@code validation failed (standard): 3 open edges, 1 hole, 2 facets flipped}, then the report's warnings. */
    static List<String> validation(ValidationReport r) {
        List<String> out = new ArrayList<>();
        if (!r.passed()) {
            List<String> found = new ArrayList<>();
            count(found, r.openEdges(), "open edge", "open edges");
            count(found, r.holes(), "hole", "holes");
            count(found, r.nonManifoldEdges(), "non-manifold edge", "non-manifold edges");
            count(found, r.reversedFacets(), "facet flipped", "facets flipped");
            count(found, r.duplicateFacets(), "duplicate facet", "duplicate facets");
            count(found, r.degenerateFacets(), "degenerate facet", "degenerate facets");
            if (r.selfIntersections() != null) {
                count(found, r.selfIntersections(), "facet crossing another", "facets crossing others");
            }
            out.add("validation failed (" + r.level().name().toLowerCase(Locale.ROOT) + ")"
                    + (found.isEmpty() ? "" : ": " + String.join(", ", found)));
        }
        for (String w : r.warnings()) {
            out.add("validation: " + w);
        }
        return out;
    }

    /** {@code repair changed the mesh: 1 hole filled, 2 facets reversed; now watertight}, then its notes. */
    static List<String> repair(RepairReport r) {
        List<String> out = new ArrayList<>();
        if (r.changed()) {
            List<String> done = new ArrayList<>();
            count(done, r.holesFilled(), "hole filled", "holes filled");
            count(done, r.facetsReversed(), "facet reversed", "facets reversed");
            count(done, r.edgesFixed(), "open edge closed by merging nearby vertices",
                    "open edges closed by merging nearby vertices");
            count(done, r.degenerateRemoved(), "degenerate facet removed", "degenerate facets removed");
            count(done, r.duplicatesRemoved(), "duplicate facet removed", "duplicate facets removed");
            count(done, r.unconnectedRemoved(), "unconnected facet removed", "unconnected facets removed");
            count(done, r.normalsFixed(), "stored normal corrected", "stored normals corrected");
            String result = r.watertight() ? "now watertight"
                    : "still " + r.openEdgesAfter() + " open and " + r.nonManifoldEdgesAfter() + " non-manifold edges";
            out.add("repair changed the mesh" + (done.isEmpty() ? "" : ": " + String.join(", ", done)) + "; "
                    + result);
        }
        for (String w : r.warnings()) {
            out.add("repair: " + w);
        }
        return out;
    }

    private static void count(List<String> into, long n, String one, String many) {
        if (n > 0) {
            into.add(n + " " + (n == 1 ? one : many));
        }
    }
}
