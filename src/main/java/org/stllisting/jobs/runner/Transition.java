package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.stllisting.jobs.queue.SourceIdentity;
import org.stllisting.jobs.steps.ProcessingState;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;

/**
 * One named change of a job (docs/ARCHITECTURE.md, Job states): the state the job must be in, the state it
 * goes to, the fields it sets, and what listeners are told. Every change the runner makes to a job is one of
 * the factories below, applied by {@link JobStates#apply}, which writes it as a compare-and-set and then
 * posts the event.
 *
 * @param announce whether listeners are told ({@code JobStateChanged}); not for a change within a state or
 *     recovery putting jobs back before anyone listens
 * @param reason the event's reason (an error message, "retry", "stopped" …), may be null
 */
record Transition(String name, JobState from, JobState to, boolean announce, String reason,
        UnaryOperator<JobDto> patch) {

    /** The job as this change would leave it (for the history row and logs written before it is stored). */
    JobDto preview(JobDto current) {
        JobDto d = patch.apply(current.copy());
        d.state = to;
        return d;
    }

    /** This change with more fields set after it. */
    Transition andThen(UnaryOperator<JobDto> more) {
        return new Transition(name, from, to, announce, reason, d -> more.apply(patch.apply(d)));
    }

    /**
     * The scheduler takes a pending job: attempt counted, start time set on the first attempt, a stretch of
     * work begun; {@code estimate} fills a missing {@code estimated_duration} (a job queued by an older
     * version), may be null.
     */
    static Transition start(int attemptsBefore, Double estimate) {
        int attempt = attemptsBefore + 1;
        return new Transition("start", JobState.PENDING, JobState.RUNNING, true, attempt > 1 ? "attempt " + attempt
                : "started", d -> {
                    d.attempts++;
                    if (d.startedAt == null || d.attempts == 1) {
                        d.startedAt = Instant.now();
                    }
                    d.nextRetryAt = null;
                    d.progressMessage = "Starting";
                    if (d.estimatedDuration == null) {
                        d.estimatedDuration = estimate;
                    }
                    WorkTime.begin(d, Instant.now());
                    return d;
                });
    }

    /** A step's files and checkpoint are in place: the job lists them and moves on to {@code next}. */
    static Transition stepDone(String step, String next, double percent, String message, Path outputRoot,
            ProcessingState.StepRecord rec) {
        return new Transition("step done", JobState.RUNNING, JobState.RUNNING, false, null, d -> {
            d.lastCompletedStep = step;
            d.currentStep = next;
            d.progress = percent;
            d.progressMessage = message;
            FileLists.applyStep(d, outputRoot, step, rec);
            WorkTime.checkpoint(d, rec.completedAt);
            return d;
        });
    }

    /** Stopped by the user or the end of the run: the job waits and resumes with {@code next}. */
    static Transition stopped(String next) {
        return new Transition("stop", JobState.RUNNING, JobState.PENDING, true, "stopped", d -> {
            d.currentStep = null;
            d.progressMessage = next == null ? "Stopped" : "Stopped; resumes with " + next;
            d.etaSeconds = null;
            WorkTime.end(d, Instant.now());
            return d;
        });
    }

    /** A failure that may heal: the job waits until {@code at} and is tried again. */
    static Transition retryLater(Instant failedAt, Instant at, double delaySeconds, String error) {
        return new Transition("schedule retry", JobState.RUNNING, JobState.PENDING, true, "retry scheduled", d -> {
            d.currentStep = null;
            d.nextRetryAt = at;
            WorkTime.end(d, failedAt);
            d.errorMessage = error;
            d.results.errors.add(error);
            d.progressMessage = String.format(Locale.ROOT, "Retrying in %.0f s: %s", delaySeconds, error);
            return d;
        });
    }

    /**
     * Queued again by the user. It continues from its checkpoint unless {@code restart} (its source changed
     * and exists): then it starts over with the new file.
     */
    static Transition retry(JobState from, boolean restart, Path source) {
        return new Transition("retry", from, JobState.PENDING, true, "retry", d -> {
            d.attempts = 0;
            d.errorMessage = null;
            d.nextRetryAt = null;
            d.completedAt = null;
            d.actualDuration = null;
            WorkTime.reset(d);
            d.progressMessage = "Queued again";
            d.etaSeconds = null;
            Object gen = d.results.details.get(JobFields.GENERATION);
            d.results.details.put(JobFields.GENERATION, gen instanceof Number n ? n.intValue() + 1 : 1);
            d.results.details.remove(JobFields.SOURCE_PROBLEM);
            d.results.errors.clear();
            if (restart) {
                try {
                    SourceIdentity.record(d, source);
                } catch (IOException e) {
                    // unreadable now: the load step will say so
                }
                d.sourceSha256 = null;
                forgetWork(d);
            }
            return d;
        });
    }

    /** The job has done no step: its checkpoint, file list and results are forgotten. */
    private static void forgetWork(JobDto d) {
        d.lastCompletedStep = null;
        d.progress = 0;
        d.results.filesGenerated.clear();
        d.results.warnings.clear();
        d.results.validationPassed = null;
        d.results.verdict = null;
        d.results.problems.clear();
    }

    /**
     * The job runs again from its first step: a finished job the user runs again (from {@code from}, a final
     * state), or a waiting job put back after a removal whose checkpoint is gone (from pending). Its file list,
     * results and times are cleared; its next run overwrites its old outputs. Like a retry, the attempts count
     * from one again and the history counts one generation more.
     */
    static Transition startOver(JobState from, Path source, String reason, String message) {
        // as a retry of a changed source: the file as it is now is the one processed
        UnaryOperator<JobDto> asRetry = retry(from, Files.exists(source), source).patch();
        return new Transition(from == JobState.PENDING ? "start over" : "run again", from, JobState.PENDING,
                from != JobState.PENDING, reason, d -> {
                    asRetry.apply(d);
                    forgetWork(d);
                    d.startedAt = null;
                    d.currentStep = null;
                    d.progressMessage = message;
                    d.results.details.remove(JobFields.HISTORY_PENDING);
                    return d;
                });
    }

    /**
     * A final state: completed, failed, cancelled or skipped at {@code at}, after {@code durationSeconds} of
     * work, with {@code error} (null when completed).
     */
    static Transition finish(JobState from, JobState to, String error, Instant at, double durationSeconds) {
        return new Transition("finish", from, to, true, error, d -> {
            d.completedAt = at;
            d.actualDuration = durationSeconds;
            WorkTime.end(d, at);
            d.errorMessage = error;
            d.currentStep = null;
            if (to == JobState.COMPLETED) {
                d.progress = 100;
            }
            d.progressMessage = switch (to) {
                case COMPLETED -> "Done";
                case FAILED -> "Failed: " + error;
                case CANCELLED -> "Cancelled";
                case SKIPPED -> "Skipped: " + error;
                default -> d.progressMessage;
            };
            d.etaSeconds = null;
            d.nextRetryAt = null;
            if (error != null && !d.results.errors.contains(error)) {
                d.results.errors.add(error);
            }
            return d;
        });
    }

    /**
     * The user gave a job that has not begun another template: it runs with {@code template}, is expected to
     * take {@code estimate} seconds (null: unknown) and writes to {@code outputFolder}.
     */
    static Transition templateChanged(String template, Double estimate, String outputFolder) {
        return new Transition("change template", JobState.PENDING, JobState.PENDING, true, "template changed",
                d -> {
                    d.template = template;
                    d.estimatedDuration = estimate;
                    d.outputFolder = outputFolder;
                    return d;
                });
    }

    /**
     * The user changed a job's own options before it began: {@code render} and {@code validation} are its
     * overrides from now on (the template's value where a key is absent), and it is expected to take
     * {@code estimate} seconds (null: unknown).
     */
    static Transition overridesChanged(Map<String, Object> render, Map<String, Object> validation,
            Double estimate) {
        return new Transition("change overrides", JobState.PENDING, JobState.PENDING, true, "settings changed",
                d -> {
                    d.renderOptions = new LinkedHashMap<>(render);
                    d.validationOptions = new LinkedHashMap<>(validation);
                    d.estimatedDuration = estimate;
                    return d;
                });
    }

    /** Recovery: why a job is skipped without running ({@code missing} or {@code changed} source). */
    static UnaryOperator<JobDto> sourceProblem(String problem) {
        return d -> {
            d.results.details.put(JobFields.SOURCE_PROBLEM, problem);
            return d;
        };
    }

    /**
     * Recovery: an interrupted job waits again, resuming after its checkpoint ({@code last}, at
     * {@code percent}); its file list is rebuilt from the checkpoint when {@code outputRoot} is known.
     */
    static Transition interrupted(JobState from, ProcessingState checkpoint, Path outputRoot, double percent,
            String nextStep) {
        return new Transition("interrupted", from, JobState.PENDING, false, null, d -> {
            if (outputRoot != null) {
                // a crash between a step's checkpoint and the queue's save leaves the list short
                FileLists.rebuild(d, checkpoint, outputRoot);
            }
            d.currentStep = null;
            WorkTime.interrupted(d);
            d.lastCompletedStep = checkpoint == null ? null : checkpoint.lastCompletedStep;
            d.progress = percent;
            d.etaSeconds = null;
            d.progressMessage = nextStep == null ? "Interrupted; resumes" : "Interrupted; resumes with " + nextStep;
            return d;
        });
    }

    /** Recovery: a job the store calls running that no worker runs goes back to pending. */
    static Transition released() {
        return new Transition("release", JobState.RUNNING, JobState.PENDING, false, null, d -> {
            d.currentStep = null;
            WorkTime.interrupted(d);
            return d;
        });
    }

    /** A job queued without a model name (a version 1.0 queue names none) gets its name and output folder. */
    static Transition named(JobState state, String modelName, String outputFolder) {
        return new Transition("name", state, state, false, null, d -> {
            d.results.details.put(JobFields.MODEL_NAME, modelName);
            d.outputFolder = outputFolder;
            return d;
        });
    }

    /** A finished job's history row is written ({@code recorded}) or waits for the history to work again. */
    static Transition historyMark(JobState state, boolean recorded) {
        return new Transition("history", state, state, false, null, historyFlag(recorded));
    }

    static UnaryOperator<JobDto> historyFlag(boolean recorded) {
        return d -> {
            if (recorded) {
                d.results.details.remove(JobFields.HISTORY_PENDING);
            } else {
                d.results.details.put(JobFields.HISTORY_PENDING, true);
            }
            return d;
        };
    }

    /** True when the change would restart the job from scratch (its source changed and exists). */
    static boolean restarts(boolean sourceChanged, Path source) {
        return sourceChanged && Files.exists(source);
    }
}
