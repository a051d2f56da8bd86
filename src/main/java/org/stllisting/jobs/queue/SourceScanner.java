package org.stllisting.jobs.queue;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what a user dropped or typed (files and folders) into the STL files to queue: folders are searched
 * recursively for {@code .stl} in any case, other files are listed as ignored, a path that does not exist
 * is listed as missing. Files in a folder are taken in name order; the same file named twice is queued once.
 */
public final class SourceScanner {
    private SourceScanner() {
    }

    /** @param stl absolute, normalized; @param ignored files that are not STL; @param missing paths not found */
    public record Result(List<Path> stl, List<Path> ignored, List<Path> missing) {
    }

    public static boolean isStl(Path p) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".stl");
    }

    public static Result scan(List<Path> inputs) throws IOException {
        Set<Path> stl = new LinkedHashSet<>();
        List<Path> ignored = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        for (Path in : inputs) {
            Path p = in.toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                try (Stream<Path> s = Files.walk(p, FileVisitOption.FOLLOW_LINKS)) {
                    s.filter(Files::isRegularFile).forEach(found::add);
                }
                found.sort(null);
                for (Path f : found) {
                    if (isStl(f)) {
                        stl.add(f.normalize());
                    } else if (!f.getFileName().toString().startsWith(".")) {
                        ignored.add(f);
                    }
                }
            } else if (Files.exists(p)) {
                if (isStl(p)) {
                    stl.add(p);
                } else {
                    ignored.add(p);
                }
            } else {
                missing.add(p);
            }
        }
        return new Result(List.copyOf(stl), List.copyOf(ignored), List.copyOf(missing));
    }
}
