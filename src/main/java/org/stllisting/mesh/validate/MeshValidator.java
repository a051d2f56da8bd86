package org.stllisting.mesh.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshChecks;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.Parallel;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.analyze.UnitScale;

/**
 * Checks whether a mesh will print (README, Validation and repair). The input is never modified.
 *
 * <p>Counts are computed at every level except self-intersections (strict only); the level decides which
 * checks are enforced, i.e. decide {@link ValidationReport#passed()}:
 * <ul>
 *   <li>{@code facet_count} (basic): at least one facet.</li>
 *   <li>{@code degenerate_facets} (basic): no facet with repeated corners or negligible area (a corner
 *   within float rounding of the opposite edge's line at the model's scale), see {@link MeshChecks#isDegenerate}.</li>
 *   <li>{@code open_edges} (basic): every edge shared by two facets; holes are the boundary loops.</li>
 *   <li>{@code non_manifold_edges} (basic): no edge shared by more than two facets.</li>
 *   <li>{@code volume} (basic): signed volume not negative (inside-out).</li>
 *   <li>{@code duplicate_facets} (standard): no two facets on the same three vertices.</li>
 *   <li>{@code orientation} (standard): neighbours run each shared edge in opposite directions.</li>
 *   <li>{@code normals} (strict): stored normals within 45° of the winding's normal.</li>
 *   <li>{@code nearby_vertices} (strict): no unshared boundary vertices within the merge tolerance,
 *   {@code max(1e-5 mm, 1e-6 × bounding-box diagonal)}.</li>
 *   <li>{@code self_intersections} (strict): no facet crosses another.</li>
 *   <li>{@code shells} and {@code units}: informational; several shells and a likely unit mistake (whole model
 *   under 1 mm or over 5 m) only give warnings.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class MeshValidator {
    private static final double COS_45 = Math.sqrt(0.5);

    private MeshValidator() {
    }

    public static ValidationReport validate(Mesh mesh, ValidationLevel level) {
        return validate(MeshTopology.of(mesh), level);
    }

    /** Validation reusing a topology already built (e.g. for analysis of the same mesh). */
    public static ValidationReport validate(MeshTopology topo, ValidationLevel level) {
        Mesh mesh = topo.mesh();
        int nf = mesh.facetCount();
        List<Check> checks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean standard = level.compareTo(ValidationLevel.STANDARD) >= 0;
        boolean strict = level == ValidationLevel.STRICT;

        double[][] box = MeshAnalyzer.boundingBox(mesh);
        double dx = box[1][0] - box[0][0];
        double dy = box[1][1] - box[0][1];
        double dz = box[1][2] - box[0][2];
        double diag = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double largest = Math.max(dx, Math.max(dy, dz));
        double tol = Math.max(1e-5, diag * 1e-6);

        int[] facetCounts = facetChecks(mesh);
        int degenerate = facetCounts[0];
        int[] normals = {facetCounts[1], facetCounts[2]};
        int duplicates = MeshChecks.countDuplicates(topo);
        int holes = MeshChecks.countHoles(topo);
        MeshChecks.Orientation orient = MeshChecks.orientation(topo);
        int reversed = orient.reversed();
        int nearby = MeshChecks.countNearbyBoundaryVertices(topo, tol);
        int shells = topo.shellCount();
        double volume = MeshAnalyzer.volume(mesh);
        long used = MeshAnalyzer.usedVertexCount(mesh);
        long mergedExact = 3L * nf - used;
        Integer selfHits = strict ? SelfIntersections.count(mesh) : null;

        checks.add(new Check("facet_count", nf > 0, nf, true,
                nf > 0 ? counted(nf, "facet", "facets") : "the mesh has no facets"));
        checks.add(new Check("degenerate_facets", degenerate == 0, degenerate, true, degenerate == 0
                ? "no degenerate facets"
                : counted(degenerate, "degenerate facet", "degenerate facets")
                        + " (repeated corners or zero area); repair removes them"));
        checks.add(new Check("open_edges", topo.openEdges() == 0, topo.openEdges(), true, topo.openEdges() == 0
                ? "closed: every edge joins two facets"
                : counted(topo.openEdges(), "open edge", "open edges") + " forming "
                        + counted(holes, "hole", "holes")
                        + "; the model is not watertight and may slice with gaps"));
        checks.add(new Check("non_manifold_edges", topo.nonManifoldEdges() == 0, topo.nonManifoldEdges(), true,
                topo.nonManifoldEdges() == 0 ? "no edge is shared by more than two facets"
                        : counted(topo.nonManifoldEdges(), "edge is", "edges are")
                                + " shared by more than two facets; slicers may "
                                + "misread the inside"));
        boolean negative = volume < 0;
        checks.add(new Check("volume", !negative, negative ? 1 : 0, true, negative
                ? String.format(Locale.ROOT, "negative volume (%.3f mm³): the model is inside-out", volume)
                : String.format(Locale.ROOT, "volume %.3f mm³", volume)));
        checks.add(new Check("duplicate_facets", duplicates == 0 || !standard, duplicates, standard,
                duplicates == 0 ? "no duplicate facets" : counted(duplicates, "duplicate facet", "duplicate facets")));
        boolean orientOk = reversed == 0 && topo.inconsistentEdges() == 0;
        checks.add(new Check("orientation", orientOk || !standard, reversed, standard, orientOk
                ? "facet orientation is consistent"
                : counted(reversed, "facet is", "facets are") + " flipped against their neighbours ("
                        + counted(topo.inconsistentEdges(), "edge runs", "edges run")
                        + " the same way in both facets)"));
        checks.add(new Check("normals", normals[0] == 0 || !strict, normals[0], strict,
                mesh.hasStoredNormals() ? counted(normals[0], "stored normal disagrees", "stored normals disagree")
                        + " with the winding"
                        : "no stored normals (generated mesh)"));
        checks.add(new Check("nearby_vertices", nearby == 0 || !strict, nearby, strict, nearby == 0
                ? "no unshared vertices lie on top of each other"
                : String.format(Locale.ROOT, "%s within %.6f mm of another without being "
                        + "shared (cracks a nearby merge would close)",
                        counted(nearby, "boundary vertex lies", "boundary vertices lie"), tol)));
        if (strict) {
            checks.add(new Check("self_intersections", selfHits == 0, selfHits, true, selfHits == 0
                    ? "no facet crosses another"
                    : counted(selfHits, "facet crosses", "facets cross") + " other facets"));
        }
        checks.add(new Check("shells", true, shells, false, counted(shells, "shell", "shells")));

        for (Check c : checks) {
            if (!c.passed()) {
                warnings.add(c.message());
            }
        }
        if (!standard && duplicates > 0) {
            warnings.add(counted(duplicates, "duplicate facet", "duplicate facets"));
        }
        if (!standard && reversed > 0) {
            warnings.add(counted(reversed, "facet is", "facets are") + " flipped against their neighbours");
        }
        if (normals[0] > 0 && !strict) {
            warnings.add(counted(normals[0], "stored normal disagrees", "stored normals disagree")
                    + " with the winding (slicers usually recompute them)");
        }
        if (normals[1] > 0) {
            warnings.add(counted(normals[1], "facet stores", "facets store")
                    + " a zero normal (harmless: slicers recompute normals)");
        }
        if (nearby > 0 && !strict) {
            warnings.add(String.format(Locale.ROOT,
                    "%s within %.6f mm of another without being shared",
                    counted(nearby, "boundary vertex lies", "boundary vertices lie"), tol));
        }
        if (orient.conflicts() > 0) {
            warnings.add("part of the surface cannot be oriented consistently (a Möbius-like patch)");
        }
        if (shells > 1) {
            warnings.add(shells + " separate shells (parts); check that they are meant to print together");
        }
        if (nf > 0) {
            UnitScale.warning(largest).ifPresent(warnings::add);
        }
        boolean passed = checks.stream().allMatch(Check::passed);
        return new ValidationReport(level, passed, nf, (int) used, mergedExact, nearby, tol, degenerate,
                duplicates, topo.openEdges(), holes, topo.nonManifoldEdges(), topo.inconsistentEdges(), reversed,
                normals[0], normals[1], shells, volume, selfHits, checks, warnings);
    }

    /**
     * {degenerate facets, mismatched stored normals, zero stored normals}, in one pass over the facets (both
     * cores on large meshes).
     */
    static int[] facetChecks(Mesh mesh) {
        int nf = mesh.facetCount();
        int parts = Parallel.parts(nf);
        int[][] r = new int[parts][];
        double tol = MeshChecks.degenerateTolerance(mesh);
        Parallel.run(parts, p -> {
            float[] v = mesh.vertices();
            int[] t = mesh.triangles();
            float[] n = mesh.storedNormals();
            double[] cross = new double[3];
            int[] c = new int[3];
            for (int f = (int) ((long) nf * p / parts), e = (int) ((long) nf * (p + 1) / parts); f < e; f++) {
                if (MeshChecks.isDegenerate(v, t, f, tol)) {
                    c[0]++;
                }
                if (n != null) {
                    int k = normal(n, v, t, f, cross);
                    if (k > 0) {
                        c[k]++;
                    }
                }
            }
            r[p] = c;
        });
        int[] sum = new int[3];
        for (int[] x : r) {
            for (int k = 0; k < 3; k++) {
                sum[k] += x[k];
            }
        }
        return sum;
    }

    /** {mismatched, zero} stored normals. */
    static int[] normals(Mesh mesh) {
        float[] n = mesh.storedNormals();
        if (n == null) {
            return new int[] {0, 0};
        }
        int[] c = new int[3];
        double[] cross = new double[3];
        for (int f = 0; f < mesh.facetCount(); f++) {
            c[normal(n, mesh.vertices(), mesh.triangles(), f, cross)]++;
        }
        return new int[] {c[1], c[2]};
    }

    /**
     * Facet {@code f}'s stored normal: 1 when it is more than 45° off the winding's normal, 2 when it is zero
     * (or not finite), 0 otherwise (including degenerate facets, which have no winding normal and are counted
     * as degenerate).
     */
    private static int normal(float[] n, float[] v, int[] t, int f, double[] cross) {
        double sx = n[3 * f];
        double sy = n[3 * f + 1];
        double sz = n[3 * f + 2];
        double sl = Math.sqrt(sx * sx + sy * sy + sz * sz);
        if (sl == 0 || !Double.isFinite(sl)) {
            return 2;
        }
        double nl = MeshChecks.windingNormal(v, t, f, cross);
        if (nl == 0) {
            return 0;
        }
        return (sx * cross[0] + sy * cross[1] + sz * cross[2]) / (sl * nl) < COS_45 ? 1 : 0;
    }

    /** A count with its words in the right number: "1 facet stores", "3 facets store". */
    static String counted(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
