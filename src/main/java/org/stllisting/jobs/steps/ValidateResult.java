package org.stllisting.jobs.steps;

/**
 * The validation step's verdict and counts, as its checkpoint record keeps them; {@code passed} is null when an
 * older checkpoint lacks it.
 *
 * @param level the level checked: basic, standard or strict
 */
public record ValidateResult(Boolean passed, String level, Integer openEdges, Integer holes,
        Integer nonManifoldEdges, Integer reversedFacets, Integer shells) {
}
