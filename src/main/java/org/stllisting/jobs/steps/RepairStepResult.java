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
}
