package org.stllisting.mesh.validate;

/**
 * One validation check.
 *
 * @param name stable identifier, e.g. {@code open_edges}
 * @param passed false when the check counts at this level and found a problem
 * @param count how many offending items were found (facets, edges, holes, …)
 * @param enforced whether the check decides pass/fail at this level (others are informational)
 * @param message a sentence for people
 */
public record Check(String name, boolean passed, long count, boolean enforced, String message) {
}
