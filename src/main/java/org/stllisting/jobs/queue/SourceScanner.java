package org.stllisting.jobs.queue;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stllisting.output.OutputMarker;

/**
 * Turns what a user dropped or typed (files and folders) into the STL files to queue: folders are searched
 * recursively for {@code .stl} in any case, other files are listed as ignored, a path that does not exist
 * is listed as missing. Files in a folder are taken in name order; the same file named twice is queued once,
 * and so is a file reached both directly and through a symbolic link (the file itself is queued).
 *
 * <p>A search never enters an output folder of the program: the run's own output folder, and any folder
 * holding the marker the output code writes ({@link OutputMarker}). What an earlier run wrote there (links to
 * the sources, repaired meshes) would otherwise be queued as new models on every run.
 */
public final class SourceScanner {
    private SourceScanner() {
    }

    /**
     * @param stl absolute, normalized; @param ignored files that are not STL; @param missing paths not found;
     * @param skippedOutputFolders output folders of the program met in the search and not entered
     */
    public record Result(List<Path> stl, List<Path> ignored, List<Path> missing, List<Path> skippedOutputFolders) {
        /**
         * One line saying which output folders were not searched ("skipped 1 output folder of stl-listing:
         * …"), or null when none was met.
         */
        public String skippedLine() {
            if (skippedOutputFolders.isEmpty()) {
                return null;
            }
            int n = skippedOutputFolders.size();
            StringBuilder sb = new StringBuilder("skipped " + n + " output folder" + (n == 1 ? "" : "s")
                    + " of stl-listing: ");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ", ").append(skippedOutputFolders.get(i));
            }
            return sb.toString();
        }
    }

    public static boolean isStl(Path p) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".stl");
    }

    /** {@link #scan(List, Path)} without a run's output folder (only marked output folders are skipped). */
    public static Result scan(List<Path> inputs) throws IOException {
        return scan(inputs, null);
    }

    /**
     * Searches {@code inputs}. A file named directly is always taken; folders are searched without entering
     * {@code outputFolder} (the run's output folder, may be null or not exist yet) or any marked output folder.
     */
    public static Result scan(List<Path> inputs, Path outputFolder) throws IOException {
        Set<Path> skipPaths = new HashSet<>();
        if (outputFolder != null) {
            Path out = outputFolder.toAbsolutePath().normalize();
            skipPaths.add(out);
            skipPaths.add(real(out));
        }
        // real path of each file → the path it is queued under; a file itself wins over a link to it
        Map<Path, Path> stl = new LinkedHashMap<>();
        List<Path> ignored = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        Set<Path> skipped = new LinkedHashSet<>();
        for (Path in : inputs) {
            Path p = in.toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                Files.walkFileTree(p, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                        new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                                if (skipPaths.contains(dir) || OutputMarker.isOutputFolder(dir)
                                        || skipPaths.contains(real(dir))) {
                                    skipped.add(dir);
                                    return FileVisitResult.SKIP_SUBTREE;
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                                if (attrs.isRegularFile()) {
                                    found.add(file);
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                                if (e instanceof FileSystemLoopException) {
                                    return FileVisitResult.CONTINUE; // a link back up: its files are found already
                                }
                                throw e;
                            }
                        });
                found.sort(null);
                for (Path f : found) {
                    if (isStl(f)) {
                        add(stl, f.normalize());
                    } else if (!f.getFileName().toString().startsWith(".")) {
                        ignored.add(f);
                    }
                }
            } else if (Files.exists(p)) {
                if (isStl(p)) {
                    add(stl, p);
                } else {
                    ignored.add(p);
                }
            } else {
                missing.add(p);
            }
        }
        List<Path> skippedSorted = new ArrayList<>(skipped);
        skippedSorted.sort(null);
        return new Result(List.copyOf(stl.values()), List.copyOf(ignored), List.copyOf(missing),
                List.copyOf(skippedSorted));
    }

    private static void add(Map<Path, Path> stl, Path file) {
        Path key = real(file);
        Path earlier = stl.get(key);
        if (earlier == null || Files.isSymbolicLink(earlier) && !Files.isSymbolicLink(file)) {
            stl.put(key, file);
        }
    }

    /** The path with every link resolved, or the path itself when it cannot be resolved (not there yet). */
    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
