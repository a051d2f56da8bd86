package org.stllisting.jobs.steps;

import java.util.List;

/**
 * The validation step's verdict and counts, as its checkpoint record keeps them; {@code passed} is null when an
 * older checkpoint lacks it.
 *
 * @param level the level checked: basic, standard or strict
 * @param problems what failed, in plain words (empty when passed); null when an older checkpoint lacks it
 */
public record ValidateResult(Boolean passed, String level, Integer openEdges, Integer holes,
        Integer nonManifoldEdges, Integer reversedFacets, Integer shells, List<String> problems) {

    /** What failed in plain words: as recorded, or for an older checkpoint said again from its counts. */
    public List<String> problemsSaid() {
        if (problems != null || passed == null || passed) {
            return problems == null ? List.of() : problems;
        }
        List<String> out = StepWarnings.problems(n(openEdges), n(holes), n(nonManifoldEdges), n(reversedFacets));
        return out.isEmpty() ? List.of("failed " + level + " validation") : out;
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}
