package org.stllisting.jobs.runner;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stllisting.jobs.steps.LoadResult;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.jobs.steps.RepairStepResult;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.jobs.steps.ValidateResult;
import org.stllisting.jobs.steps.Verdict;
import org.stllisting.store.queue.JobDto;

/**
 * What a completed step records on its job, in one place: when the step completes, and again from the
 * checkpoint when an interrupted job resumes. A step's checkpoint is written before the queue state
 * records the step, so after a crash between the two the queue state can lack what the step did (files,
 * warnings, the source identity it read, the validation verdict); the checkpoint, and the files on disk, are
 * the truth.
 */
final class FileLists {
    private FileLists() {
    }

    /**
     * Records one completed step on {@code job}: its files (made absolute under {@code root}), its warnings,
     * the source identity the load step read, and the model's verdict: set by validation, then by the repair
     * when it ran.
     */
    static void applyStep(JobDto job, Path root, String stepId, ProcessingState.StepRecord rec) {
        for (String f : rec.outputs) {
            String abs = root.resolve(f).toString();
            if (!job.results.filesGenerated.contains(abs)) {
                job.results.filesGenerated.add(abs);
            }
        }
        for (String w : rec.warnings) {
            if (!job.results.warnings.contains(w)) {
                job.results.warnings.add(w);
            }
        }
        if (StepKind.LOAD.id().equals(stepId)) {
            LoadResult load = rec.results(LoadResult.class);
            if (load.sha256() != null) {
                // what was read is now the job's source identity (the file may have been edited while queued)
                job.sourceSha256 = load.sha256();
                if (load.sizeBytes() != null) {
                    job.sourceSize = load.sizeBytes();
                }
                if (load.mtime() != null) {
                    job.sourceMtime = load.mtime();
                }
            }
        }
        if (StepKind.VALIDATE.id().equals(stepId)) {
            ValidateResult validation = rec.results(ValidateResult.class);
            if (validation.passed() != null) {
                job.results.validationPassed = validation.passed();
                job.results.verdict = (validation.passed() ? Verdict.PASSED : Verdict.PROBLEMS).id();
                job.results.problems = new ArrayList<>(validation.problemsSaid());
            }
        }
        if (StepKind.REPAIR.id().equals(stepId)) {
            RepairStepResult repair = rec.results(RepairStepResult.class);
            Verdict found = Verdict.of(job.results.verdict);
            Boolean passed = repair.passed();
            if (found != null && passed != null) {
                // a model valid as it came stays "passed" whatever the repair touched
                job.results.verdict = (!passed ? Verdict.PROBLEMS
                        : found == Verdict.PASSED ? Verdict.PASSED : Verdict.REPAIRED).id();
                job.results.problems = new ArrayList<>(passed ? List.of() : repair.problemsSaid());
            }
        }
    }

    /**
     * Brings a resumed job's results up to its checkpoint: every completed step applied in the order they
     * were made, the file list kept to files that are on disk under {@code root} (a file the queue state lists
     * that no completed step made stays listed while it exists). Returns true when anything changed.
     */
    static boolean rebuild(JobDto job, ProcessingState checkpoint, Path root) {
        if (checkpoint == null) {
            return false;
        }
        JobDto before = job.copy();
        List<String> listed = job.results.filesGenerated;
        job.results.filesGenerated = new ArrayList<>();
        for (var e : checkpoint.completedSteps.entrySet()) {
            applyStep(job, root, e.getKey(), e.getValue());
        }
        Set<String> files = new LinkedHashSet<>();
        Path top = root.normalize();
        for (String f : job.results.filesGenerated) {
            Path p = Path.of(f);
            if (p.normalize().startsWith(top) && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                files.add(f);
            }
        }
        for (String f : listed) {
            if (Files.exists(Path.of(f), LinkOption.NOFOLLOW_LINKS)) {
                files.add(f);
            }
        }
        job.results.filesGenerated = new ArrayList<>(files);
        return !job.results.filesGenerated.equals(before.results.filesGenerated)
                || !job.results.warnings.equals(before.results.warnings)
                || job.results.validationPassed != before.results.validationPassed
                || !java.util.Objects.equals(job.results.verdict, before.results.verdict)
                || !job.results.problems.equals(before.results.problems)
                || !java.util.Objects.equals(job.sourceSha256, before.sourceSha256);
    }
}
