package org.stllisting.jobs.runner;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.store.queue.JobDto;

/**
 * A resumed job's results as its checkpoint says they are. A step's checkpoint is written before the queue
 * state records the step, so after a crash between the two the queue state can list fewer files than the
 * step put in place; the checkpoint, and the files on disk, are the truth.
 */
final class FileLists {
    private FileLists() {
    }

    /**
     * Sets the job's file list to the outputs of its checkpoint's completed steps, in the order they were
     * made, that are on disk under {@code root}; adds the steps' warnings and the validation verdict the
     * queue state may have missed. Returns true when anything changed.
     */
    static boolean rebuild(JobDto job, ProcessingState checkpoint, Path root) {
        if (checkpoint == null) {
            return false;
        }
        Set<String> files = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>(job.results.warnings);
        Boolean passed = job.results.validationPassed;
        for (var e : checkpoint.completedSteps.entrySet()) {
            ProcessingState.StepRecord rec = e.getValue();
            for (String f : rec.outputs) {
                Path p = root.resolve(f);
                if (p.normalize().startsWith(root.normalize()) && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p.toString());
                }
            }
            for (String w : rec.warnings) {
                if (!warnings.contains(w)) {
                    warnings.add(w);
                }
            }
            if (StepKind.VALIDATE.id().equals(e.getKey()) && rec.results.get("passed") instanceof Boolean b) {
                passed = b;
            }
        }
        // a file the queue state lists that no completed step made stays listed while it exists
        for (String f : job.results.filesGenerated) {
            if (Files.exists(Path.of(f), LinkOption.NOFOLLOW_LINKS)) {
                files.add(f);
            }
        }
        List<String> list = new ArrayList<>(files);
        boolean changed = !list.equals(job.results.filesGenerated) || !warnings.equals(job.results.warnings)
                || passed != job.results.validationPassed;
        job.results.filesGenerated = list;
        job.results.warnings = warnings;
        job.results.validationPassed = passed;
        return changed;
    }
}
