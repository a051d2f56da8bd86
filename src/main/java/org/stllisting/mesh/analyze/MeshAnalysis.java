package org.stllisting.mesh.analyze;

/**
 * Measures of one mesh (README, Validation and repair). Lengths in millimetres unless the name says inches.
 *
 * @param facets facet count
 * @param vertices distinct vertex count
 * @param bboxMin smallest x, y, z
 * @param bboxMax largest x, y, z
 * @param sizeMm extent along x, y, z in millimetres
 * @param sizeIn extent along x, y, z in inches
 * @param volumeMm3 signed enclosed volume; negative when the facets face inward; meaningful when watertight
 * @param areaMm2 total surface area
 * @param shells connected parts
 * @param watertight no open and no non-manifold edges
 * @param centerOfMass of the enclosed solid (of the surface when it encloses no volume)
 * @param density material density in g/cm³ used for {@code materialGrams}
 * @param materialGrams estimated material: |volume| times density
 */
public record MeshAnalysis(
        int facets,
        int vertices,
        double[] bboxMin,
        double[] bboxMax,
        double[] sizeMm,
        double[] sizeIn,
        double volumeMm3,
        double areaMm2,
        int shells,
        boolean watertight,
        double[] centerOfMass,
        double density,
        double materialGrams) {

    /** PLA, the most common filament. */
    public static final double PLA_DENSITY = 1.24;
}
