package org.stllisting.jobs.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stllisting.mesh.repair.RepairReport;
import org.stllisting.mesh.validate.Check;
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

    /**
     * What still keeps the model from passing its level, one line per failed check with what it means for a
     * print: {@code 3 holes, 576 open edges: slicers may drop walls}. Empty when the report passed.
     */
    static List<String> problems(ValidationReport r) {
        List<String> out = new ArrayList<>();
        for (Check c : r.checks()) {
            if (c.passed() || !c.enforced()) {
                continue;
            }
            long n = c.count();
            switch (c.name()) {
                case "facet_count" -> out.add("no facets: there is nothing to print");
                case "open_edges" -> out.addAll(problems(r.openEdges(), r.holes(), 0, 0));
                case "non_manifold_edges" -> out.addAll(problems(0, 0, r.nonManifoldEdges(), 0));
                case "orientation" -> out.addAll(r.reversedFacets() > 0 ? problems(0, 0, 0, r.reversedFacets())
                        : List.of("facet orientation is inconsistent: slicers may misread the inside"));
                case "degenerate_facets" -> out.add(counted(n, "degenerate facet", "degenerate facets")
                        + " (zero area): some slicers refuse the file");
                case "volume" -> out.add("inside out (negative volume): slicers may fill the outside instead");
                case "duplicate_facets" -> out.add(counted(n, "duplicate facet", "duplicate facets")
                        + ": slicers may misread the inside");
                case "normals" -> out.add(counted(n, "stored normal disagrees", "stored normals disagree")
                        + " with the winding: some programs shade or slice those facets wrongly");
                case "nearby_vertices" -> out.add(counted(n, "unshared vertex lies", "unshared vertices lie")
                        + " on top of another: cracks a slicer may leave open");
                case "self_intersections" -> out.add(counted(n, "facet crossing another", "facets crossing others")
                        + ": slicers may fill or drop the overlap");
                default -> out.add(c.message());
            }
        }
        if (!r.passed() && out.isEmpty()) {
            out.add("failed " + r.level().name().toLowerCase(Locale.ROOT) + " validation");
        }
        return out;
    }

    /** The same lines from the counts alone: open edges and holes, non-manifold edges, flipped facets. */
    static List<String> problems(int openEdges, int holes, int nonManifoldEdges, int reversedFacets) {
        List<String> out = new ArrayList<>();
        if (openEdges > 0 || holes > 0) {
            List<String> found = new ArrayList<>();
            count(found, holes, "hole", "holes");
            count(found, openEdges, "open edge", "open edges");
            out.add(String.join(", ", found) + ": slicers may drop walls");
        }
        if (nonManifoldEdges > 0) {
            out.add(counted(nonManifoldEdges, "non-manifold edge", "non-manifold edges")
                    + " (shared by more than two facets): slicers may misread the inside");
        }
        if (reversedFacets > 0) {
            out.add(counted(reversedFacets, "facet flipped", "facets flipped")
                    + " against their neighbours: slicers may misread the inside");
        }
        return out;
    }

    private static String counted(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static void count(List<String> into, long n, String one, String many) {
        if (n > 0) {
            into.add(counted(n, one, many));
        }
    }
}
