package org.stllisting.output;

import java.time.Instant;

/**
 * {@code file_info.json} beside the link to a model's source: where the original is, what it was when it
 * was processed, and whether a link could be made (where it could not — a file system without symlinks —
 * {@code original_path} is the way back to the file).
 *
 * @param link the link's file name in this folder, or null when none could be made
 * @param linkError why no link could be made, or null
 */
public record SourceFileInfo(String modelName, String originalPath, String fileName, long sizeBytes,
        Instant modifiedAt, String sha256, String format, Integer facets, Boolean validationPassed,
        String link, String linkError) {
}
