package org.stllisting.mesh.analyze;

import java.util.Locale;
import java.util.Optional;
import org.stllisting.mesh.Mesh;

/**
 * The one rule for a likely unit mistake: STL files carry no unit and are read as millimetres, so a whole model
 * under 1 mm across was probably exported in metres or centimetres, and one over 5 m in micrometres or another
 * unit. Validation, a job's analysis and the {@code render} command all warn with these words.
 */
public final class UnitScale {
    /** A model whose largest side is under this many millimetres is warned about. */
    public static final double MIN_MM = 1;
    /** A model whose largest side is over this many millimetres is warned about. */
    public static final double MAX_MM = 5000;

    private UnitScale() {
    }

    /** The warning for a model whose largest side measures {@code largestSideMm}, or empty when it looks right. */
    public static Optional<String> warning(double largestSideMm) {
        if (largestSideMm > 0 && largestSideMm < MIN_MM) {
            return Optional.of(String.format(Locale.ROOT, "the whole model is %s mm across: likely exported in "
                    + "metres or centimetres instead of millimetres; scale it", twoDigits(largestSideMm)));
        }
        if (largestSideMm > MAX_MM) {
            return Optional.of(String.format(Locale.ROOT, "the model is %.0f mm (%.1f m) across: likely exported in "
                    + "micrometres or another unit instead of millimetres; scale it", largestSideMm,
                    largestSideMm / 1000));
        }
        return Optional.empty();
    }

    /** The same warning in a few words, for a line on a picture, or empty when the model looks right. */
    public static Optional<String> shortNote(double largestSideMm) {
        if (largestSideMm > 0 && largestSideMm < MIN_MM) {
            return Optional.of("Check the units: " + twoDigits(largestSideMm)
                    + " mm across, likely exported in metres or centimetres");
        }
        if (largestSideMm > MAX_MM) {
            return Optional.of(String.format(Locale.ROOT, "Check the units: %.1f m across, likely not exported in "
                    + "millimetres", largestSideMm / 1000));
        }
        return Optional.empty();
    }

    /** The warning for a mesh, by the largest side of its bounding box, or empty when it looks right. */
    public static Optional<String> warning(Mesh mesh) {
        double[][] box = MeshAnalyzer.boundingBox(mesh);
        double largest = 0;
        for (int i = 0; i < 3; i++) {
            largest = Math.max(largest, box[1][i] - box[0][i]);
        }
        return mesh.facetCount() == 0 ? Optional.empty() : warning(largest);
    }

    /** A length below 1 with two significant digits (0.047, 0.50). */
    private static String twoDigits(double v) {
        int decimals = Math.min(8, Math.max(1, (int) Math.ceil(-Math.log10(v)) + 1));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
