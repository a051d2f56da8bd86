package org.stllisting.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.stllisting.store.SafeNames;

/**
 * Where every file of a run goes (README, The output folder), for one output folder, mode and set
 * of naming options. Every path it hands out has been checked to lie inside the output folder — normalized
 * and compared by path elements, and with existing folders resolved through symlinks — whatever the
 * prefix, the model name or a template asked for; a path that would not is refused with
 * {@link UnsafeOutputPathException} before anything is written.
 *
 * <p>Immutable and thread-safe.
 */
public final class OutputLayout {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final Path root;
    private final OutputMode mode;
    private final NamingOptions naming;

    public OutputLayout(Path root, OutputMode mode, NamingOptions naming) throws UnsafeOutputPathException {
        this.root = root.toAbsolutePath().normalize();
        this.mode = Objects.requireNonNull(mode, "mode");
        this.naming = naming == null ? NamingOptions.defaults() : naming;
        String problem = this.naming.prefixProblem();
        if (problem != null) {
            throw new UnsafeOutputPathException(this.root, this.naming.customPrefix(), "the custom prefix " + problem);
        }
    }

    public Path root() {
        return root;
    }

    public OutputMode mode() {
        return mode;
    }

    public NamingOptions naming() {
        return naming;
    }

    /**
     * This layout moved into {@code subfolder} (a template's folder under the output folder, one plain name;
     * null or empty: this layout itself), refused with the reason when the name could lead anywhere else.
     */
    public OutputLayout under(String subfolder) throws UnsafeOutputPathException {
        if (subfolder == null || subfolder.isEmpty()) {
            return this;
        }
        String problem = OutputRules.subfolderProblem(subfolder);
        if (problem != null) {
            throw new UnsafeOutputPathException(root, OutputRules.printable(subfolder), "the template's subfolder "
                    + problem);
        }
        return new OutputLayout(inside(subfolder), mode, naming);
    }

    /** The files of one model; {@code name} must be unique in this output folder (see {@link ModelNames}). */
    public ModelOutputs model(String name, Instant jobCreated) throws UnsafeOutputPathException {
        String problem = SafeNames.problem(name);
        if (problem == null && name.length() > FileNames.MAX_MODEL_NAME) {
            problem = "is longer than " + FileNames.MAX_MODEL_NAME + " characters";
        }
        if (problem != null || name.isBlank() || name.startsWith(".")) {
            throw new UnsafeOutputPathException(root, name, "the model name " + (problem != null ? problem : "is not a plain name"));
        }
        return new ModelOutputs(this, name, jobCreated);
    }

    /** {@code queue_summary.json} at the top. */
    public Path queueSummary() throws UnsafeOutputPathException {
        return inside("queue_summary.json");
    }

    /** {@code report.html} at the top: the run's page, a card per model. */
    public Path report() throws UnsafeOutputPathException {
        return inside("report.html");
    }

    /** {@code listing.csv} at the top: one row per model, for a spreadsheet or a shop's bulk upload. */
    public Path listingCsv() throws UnsafeOutputPathException {
        return inside("listing.csv");
    }

    /** {@code processing_log.txt} at the top: the combined log of every job. */
    public Path processingLog() throws UnsafeOutputPathException {
        return inside("processing_log.txt");
    }

    public Path failedDir() throws UnsafeOutputPathException {
        return inside("failed");
    }

    /** {@code failed/<model><ext>}: a link to the source that could not be processed. */
    public Path failedLink(String modelName, String extension) throws UnsafeOutputPathException {
        return inside("failed/" + modelName + extension);
    }

    /** {@code failed/<model>_error.log}: why it failed. */
    public Path failedErrorLog(String modelName) throws UnsafeOutputPathException {
        return inside("failed/" + modelName + "_error.log");
    }

    /**
     * Resolves a relative path under the output folder, refusing anything that would end up outside it:
     * absolute paths, {@code ..} that climbs out, and existing folders that are symlinks leading out.
     */
    public Path inside(String relative) throws UnsafeOutputPathException {
        Path rel = Path.of(relative);
        if (rel.isAbsolute() || relative.startsWith("~")) {
            throw new UnsafeOutputPathException(root, relative, "an absolute path is not allowed");
        }
        Path p = root.resolve(rel).normalize();
        return check(p, relative);
    }

    /** Checks a path built elsewhere; returns it normalized. */
    public Path check(Path candidate) throws UnsafeOutputPathException {
        return check(candidate.toAbsolutePath().normalize(), candidate.toString());
    }

    private Path check(Path p, String requested) throws UnsafeOutputPathException {
        if (!p.startsWith(root) || p.equals(root)) {
            throw new UnsafeOutputPathException(root, requested, "it is outside the output folder");
        }
        // an existing folder on the way could be a symlink that leads elsewhere
        try {
            Path realRoot = Files.exists(root) ? root.toRealPath() : root;
            Path existing = p.getParent();
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing != null && existing.startsWith(root) && !existing.toRealPath().startsWith(realRoot)) {
                throw new UnsafeOutputPathException(root, requested, "the folder " + existing + " leads outside the output folder");
            }
        } catch (UnsafeOutputPathException e) {
            throw e;
        } catch (IOException e) {
            if (existingLinkLeadsNowhere(p)) {
                throw new UnsafeOutputPathException(root, requested, "a folder on the way is a symbolic link to "
                        + "something that does not exist");
            }
            // an unreadable folder will fail the write itself with a clearer message
        }
        return p;
    }

    /** True when the nearest existing folder above {@code p} is a symbolic link whose target is missing. */
    private static boolean existingLinkLeadsNowhere(Path p) {
        Path existing = p.getParent();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        return existing != null && Files.isSymbolicLink(existing) && !Files.exists(existing);
    }

    String stamp(Instant created) {
        return STAMP.format(created == null ? Instant.EPOCH : created);
    }
}
