package org.stllisting.mesh.validate;

/**
 * How much a validation demands.
 * <ul>
 *   <li>{@link #BASIC}: facets exist, none degenerate, closed (no open edges), manifold, not inside-out.</li>
 *   <li>{@link #STANDARD}: basic, plus no duplicate facets and consistent orientation.</li>
 *   <li>{@link #STRICT}: standard, plus no self-intersections, stored normals agree with the winding and no
 *   unshared vertices lying on top of each other.</li>
 * </ul>
 */
public enum ValidationLevel {
    BASIC, STANDARD, STRICT;

    /** The word templates and the command line use: {@code basic}, {@code standard} or {@code strict}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every level's word, from the least demanding. */
    public static java.util.List<String> ids() {
        return java.util.Arrays.stream(values()).map(ValidationLevel::id).toList();
    }

    /** Parses {@code basic}, {@code standard} or {@code strict}, case-insensitively. */
    public static ValidationLevel parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
