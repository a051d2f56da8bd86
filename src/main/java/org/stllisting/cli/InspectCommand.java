package org.stllisting.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.analyze.MeshAnalysis;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.io.MeshReadException;
import org.stllisting.mesh.io.StlFile;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.output.OutputFiles;
import org.stllisting.mesh.repair.MeshRepairer;
import org.stllisting.mesh.repair.RepairOptions;
import org.stllisting.mesh.repair.RepairResult;
import org.stllisting.mesh.validate.Check;
import org.stllisting.mesh.validate.MeshValidator;
import org.stllisting.mesh.validate.ValidationLevel;
import org.stllisting.mesh.validate.ValidationReport;
import org.stllisting.store.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stl-listing inspect FILE [--level basic|standard|strict] [--repair OUT.stl] [--json]} (README, Command line):
 * validate and analyze one file without a queue. Exit 0 when the file passes validation (with {@code --repair}:
 * when the repaired mesh does), 1 when it fails, 2 when it cannot be read or the usage is wrong.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Validate and analyze one STL file; optionally write a repaired copy.")
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The STL file (binary or ASCII).")
    Path file;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "standard",
            completionCandidates = ChoiceWords.Levels.class,
            description = "Validation level: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--repair", paramLabel = "OUT.stl", description = "Repair the mesh and write it as binary STL.")
    Path repairOut;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Option(names = "--density", paramLabel = "G_PER_CM3", defaultValue = "" + MeshAnalysis.PLA_DENSITY,
            description = "Material density for the weight estimate (default: PLA, ${DEFAULT-VALUE} g/cm³).")
    double density;

    /** The stable {@code --json} document; keys come out in snake_case. */
    @JsonPropertyOrder({"file", "format", "facets", "vertices", "size_mm", "volume_mm3", "area_mm2", "shells",
        "watertight", "open_edges", "holes", "non_manifold_edges", "degenerate_facets", "duplicate_facets",
        "reversed_facets", "normals_mismatched", "passed", "warnings", "repair"})
    record Report(String file, String format, int facets, int vertices, double[] sizeMm, double volumeMm3,
            double areaMm2, int shells, boolean watertight, int openEdges, int holes, int nonManifoldEdges,
            int degenerateFacets, int duplicateFacets, int reversedFacets, int normalsMismatched, boolean passed,
            List<String> warnings, @JsonInclude(JsonInclude.Include.NON_NULL) RepairJson repair, String level,
            int solids, double[] sizeIn, double[] bboxMin, double[] bboxMax, double[] centerOfMass,
            double materialGrams, double density, @JsonInclude(JsonInclude.Include.NON_NULL)
            Integer selfIntersections, List<Check> checks) {
    }

    /** The {@code repair} object of the JSON document. */
    @JsonPropertyOrder({"facets_removed", "facets_added", "facets_reversed", "edges_fixed", "normals_fixed",
        "volume_mm3", "watertight"})
    record RepairJson(int facetsRemoved, int facetsAdded, int facetsReversed, int edgesFixed, int normalsFixed,
            double volumeMm3, boolean watertight, String output, int facets, int openEdges, boolean passed,
            List<String> warnings) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ValidationLevel lvl;
        try {
            lvl = ValidationLevel.parse(level);
        } catch (IllegalArgumentException e) {
            err.println("stl-listing: unknown level '" + level + "' (" + String.join(", ", ValidationLevel.ids()) + ")");
            return ExitCodes.USAGE;
        }
        if (!(density > 0) || !Double.isFinite(density)) {
            err.println("stl-listing: --density must be a positive number");
            return ExitCodes.USAGE;
        }
        StlFile stl;
        try {
            stl = StlReader.readFile(file);
        } catch (MeshReadException e) {
            log().info("inspect: cannot read {}", file, e);
            err.println("stl-listing: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        releaseTemporaries(stl.mesh());
        MeshTopology topo = MeshTopology.of(stl.mesh());
        releaseTemporaries(stl.mesh());
        ValidationReport v = MeshValidator.validate(topo, lvl);
        MeshAnalysis a = MeshAnalyzer.analyze(topo, density);
        List<String> warnings = new ArrayList<>(stl.warnings());
        warnings.addAll(v.warnings());
        RepairJson repair = null;
        boolean ok = v.passed();
        if (repairOut != null) {
            releaseTemporaries(stl.mesh());
            // the reader merges exactly-equal vertices as it reads
            RepairResult r = MeshRepairer.repair(topo, RepairOptions.defaults().withVerticesMerged(true));
            topo = null;
            ValidationReport after = MeshValidator.validate(r.topology(), lvl);
            try {
                Path abs = repairOut.toAbsolutePath();
                // written new: a link at the temporary name is removed, never written through
                Path tmp = OutputFiles.fresh(abs.resolveSibling(abs.getFileName() + ".tmp"));
                StlWriter.writeBinary(r.mesh(), tmp);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                log().warn("inspect: cannot write {}", repairOut, e);
                err.println("stl-listing: " + repairOut + ": cannot write the repaired mesh: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            List<String> rw = new ArrayList<>(r.report().warnings());
            rw.addAll(after.warnings());
            var rr = r.report();
            repair = new RepairJson(rr.facetsRemoved(), rr.facetsAdded(), rr.facetsReversed(), rr.edgesFixed(),
                    rr.normalsFixed(), rr.volumeMm3(), rr.watertight(), repairOut.toString(), rr.facetsAfter(),
                    rr.openEdgesAfter(), after.passed(), rw);
            ok = after.passed();
        }
        Report report = new Report(file.toString(), stl.format().label(), v.facets(), a.vertices(), a.sizeMm(),
                a.volumeMm3(), a.areaMm2(), a.shells(), a.watertight(), v.openEdges(), v.holes(),
                v.nonManifoldEdges(), v.degenerateFacets(), v.duplicateFacets(), v.reversedFacets(),
                v.normalsMismatched(), v.passed(), warnings, repair, lvl.name().toLowerCase(Locale.ROOT),
                stl.solids(), a.sizeIn(), a.bboxMin(), a.bboxMax(), a.centerOfMass(), a.materialGrams(),
                a.density(), v.selfIntersections(), v.checks());
        if (json) {
            try {
                out.println(Json.mapper().writeValueAsString(report));
            } catch (IOException e) {
                return CliErrors.report(err, e);
            }
        } else {
            printText(out, report);
        }
        out.flush();
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * Collects the previous step's temporaries of a large mesh (the reader's vertex merge, the topology's
     * vertex index: hundreds of MB for millions of facets) so that the next step reuses their memory instead
     * of touching fresh pages, each of which costs the kernel a page fault; a collection with only the mesh
     * alive takes a few milliseconds.
     */
    private static void releaseTemporaries(Mesh mesh) {
        if (mesh.facetCount() >= 500_000) {
            System.gc();
        }
    }

    /** Looked up only on the error paths: initialising logging costs a fresh process noticeable time. */
    private static Logger log() {
        return LoggerFactory.getLogger(InspectCommand.class);
    }

    private static void printText(PrintWriter out, Report r) {
        out.printf(Locale.ROOT, "%s (%s STL%s)%n", r.file(), r.format(),
                r.solids() > 1 ? ", " + r.solids() + " solids" : "");
        out.printf(Locale.ROOT, "  facets %d, vertices %d, shells %d%n", r.facets(), r.vertices(), r.shells());
        out.printf(Locale.ROOT, "  size %.3f × %.3f × %.3f mm (%.3f × %.3f × %.3f in)%n", r.sizeMm()[0],
                r.sizeMm()[1], r.sizeMm()[2], r.sizeIn()[0], r.sizeIn()[1], r.sizeIn()[2]);
        out.printf(Locale.ROOT, "  volume %.3f mm³, area %.3f mm², %.2f g at %.2f g/cm³%n", r.volumeMm3(),
                r.areaMm2(), r.materialGrams(), r.density());
        out.printf(Locale.ROOT, "  watertight %s; open edges %d (holes: %d); non-manifold edges %d%n",
                r.watertight() ? "yes" : "no", r.openEdges(), r.holes(), r.nonManifoldEdges());
        out.printf(Locale.ROOT, "  degenerate %d, duplicate %d, reversed %d facets; mismatched normals %d%n",
                r.degenerateFacets(), r.duplicateFacets(), r.reversedFacets(), r.normalsMismatched());
        out.printf(Locale.ROOT, "  validation (%s): %s%n", r.level(), r.passed() ? "PASSED" : "FAILED");
        for (Check c : r.checks()) {
            if (c.enforced()) {
                out.printf(Locale.ROOT, "    [%s] %s: %s%n", c.passed() ? "ok" : "FAIL", c.name(), c.message());
            }
        }
        for (String w : r.warnings()) {
            out.println("  warning: " + w);
        }
        RepairJson p = r.repair();
        if (p != null) {
            out.printf(Locale.ROOT, "  repaired into %s: %d facets removed, %d added, %d reversed, %d edges fixed, "
                    + "%d normals fixed; volume %.3f mm³, watertight %s, validation %s%n", p.output(),
                    p.facetsRemoved(), p.facetsAdded(), p.facetsReversed(), p.edgesFixed(), p.normalsFixed(),
                    p.volumeMm3(), p.watertight() ? "yes" : "no", p.passed() ? "PASSED" : "FAILED");
            for (String w : p.warnings()) {
                out.println("    note: " + w);
            }
        }
    }
}
