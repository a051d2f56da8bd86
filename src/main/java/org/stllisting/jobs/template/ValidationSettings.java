package org.stllisting.jobs.template;

import org.stllisting.mesh.validate.ValidationLevel;

/**
 * How a job's mesh is checked and repaired ({@code level}, {@code auto_repair} and
 * {@code remove_small_fragments} of {@code validation_options}).
 */
public record ValidationSettings(ValidationLevel level, boolean autoRepair, boolean removeSmallFragments) {
}
