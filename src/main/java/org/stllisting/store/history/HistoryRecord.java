package org.stllisting.store.history;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.QueueStateDto;

/**
 * One row of {@code job_history} (seed 004 plus template and attempts). Options are kept as the JSON text
 * they were stored with.
 */
public record HistoryRecord(String id, String stlPath, String stlFilename, long stlSize, String stlChecksum,
        String outputFolder, String queueSessionId, String renderOptions, String validationOptions, String state,
        Instant createdAt, Instant startedAt, Instant completedAt, Double estimatedDuration, Double actualDuration,
        Boolean validationPassed, List<String> filesGenerated, String errorMessage, List<String> warnings,
        String appVersion, String createdBy, String template, int attempts) {

    /** How a history warning says a problem the model still has when its job ended. */
    public static final String PROBLEM_PREFIX = "still has problems: ";

    public HistoryRecord {
        filesGenerated = filesGenerated == null ? List.of() : List.copyOf(filesGenerated);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * The row for a job that reached its final state: the queue's global options with the job's overrides
     * on top, its results, and where it came from.
     *
     * @param createdBy {@code gui} or {@code cli}
     */
    public static HistoryRecord fromJob(JobDto job, QueueStateDto queue, String appVersion, String createdBy) {
        Map<String, Object> render = new LinkedHashMap<>(queue.globalRenderOptions);
        render.putAll(job.renderOptions);
        Map<String, Object> validation = new LinkedHashMap<>(queue.globalValidationOptions);
        validation.putAll(job.validationOptions);
        Path p = Path.of(job.stlPath);
        String out = job.outputFolder != null ? job.outputFolder
                : queue.queueSettings.outputBaseFolder != null ? queue.queueSettings.outputBaseFolder : "";
        return new HistoryRecord(job.id, job.stlPath, p.getFileName() == null ? job.stlPath : p.getFileName().toString(),
                job.sourceSize == null ? 0 : job.sourceSize, job.sourceSha256 == null ? "" : job.sourceSha256, out,
                queue.queueSessionId == null ? "" : queue.queueSessionId, HistoryStore.json(render),
                HistoryStore.json(validation), job.state.json(),
                job.createdAt == null ? Instant.now() : job.createdAt, job.startedAt,
                job.completedAt == null ? Instant.now() : job.completedAt, job.estimatedDuration, job.actualDuration,
                job.results == null ? null : job.results.validationPassed,
                job.results == null ? List.of() : job.results.filesGenerated, job.errorMessage,
                warnings(job), appVersion, createdBy,
                job.template != null ? job.template : queue.template, Math.max(1, job.attempts));
    }

    /** The job's warnings, then one {@code still has problems: …} line per problem its model still has. */
    private static List<String> warnings(JobDto job) {
        if (job.results == null) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>(job.results.warnings);
        if ("problems".equals(job.results.verdict)) {
            for (String p : job.results.problems) {
                out.add(PROBLEM_PREFIX + p);
            }
        }
        return out;
    }
}
