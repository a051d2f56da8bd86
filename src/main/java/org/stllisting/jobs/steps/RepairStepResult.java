package org.stllisting.jobs.steps;

import java.util.List;

/**
 * What the repair step recorded in its checkpoint, the fields the job's verdict needs. A field is null when
 * an older checkpoint lacks it.
 *
 * @param skipped true when the template's auto_repair is off: nothing was repaired
 * @param meshFile the repaired mesh, relative to the output folder
 * @param passedAfter whether the repaired mesh passes the template's validation level
 * @param problems what the repaired mesh still fails, in plain words (empty when it passes)
 */
public record RepairStepResult(Boolean skipped, String meshFile, Boolean changed, Boolean watertight,
        Boolean passedAfter, List<String> problems) {

    /**
     * Whether the repaired mesh passes its level: as recorded, or for an older checkpoint that lacks it whether
     * the repair left it watertight; null when neither is known (the repair did not run).
     */
    public Boolean passed() {
        return Boolean.TRUE.equals(skipped) ? null : passedAfter != null ? passedAfter : watertight;
    }

    /** What the repaired mesh still fails, in plain words; for an older checkpoint that it is not watertight. */
    public List<String> problemsSaid() {
        if (problems != null || !Boolean.FALSE.equals(passed())) {
            return problems == null ? List.of() : problems;
        }
        return List.of("not watertight after repair: slicers may drop walls");
    }
}
