package org.stllisting.jobs.steps;

import java.time.Instant;

/**
 * What the load step read, as its checkpoint record keeps it: the source's identity at that moment (which
 * becomes the job's) and what the file holds. A field is null when an older checkpoint lacks it.
 */
public record LoadResult(String sha256, Long sizeBytes, Instant mtime, String format, Integer solids,
        Integer facets, Integer vertices) {
}
