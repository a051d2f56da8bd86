package org.stllisting.output;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Collision-free model names for an output folder: {@code ModelA}, then {@code ModelA_2}, {@code ModelA_3}
 * for further sources with the same base name. Names compare case-insensitively because the output folder
 * may live on a case-insensitive file system (macOS, Windows, a USB stick).
 */
public final class ModelNames {
    private ModelNames() {
    }

    /** A name for the source file {@code fileName} not among {@code taken}. */
    public static String unique(String fileName, Collection<String> taken) {
        Set<String> lower = taken.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return unique(fileName, lower::contains);
    }

    /**
     * A name for {@code fileName} that {@code takenLowercase} does not hold (it is asked about lowercased
     * names), for callers that keep their own set while naming many files.
     */
    public static String unique(String fileName, Predicate<String> takenLowercase) {
        String base = FileNames.modelName(fileName);
        if (!takenLowercase.test(base.toLowerCase(Locale.ROOT))) {
            return base;
        }
        for (int i = 2; ; i++) {
            String candidate = base + "_" + i;
            if (!takenLowercase.test(candidate.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
    }
}
