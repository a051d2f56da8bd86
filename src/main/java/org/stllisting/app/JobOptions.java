package org.stllisting.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.stllisting.jobs.template.JobSettings;
import org.stllisting.jobs.template.SettingsResolver;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.store.queue.JobDto;
import org.stllisting.store.queue.JobState;
import org.stllisting.store.queue.QueueStateStore;

/**
 * One queued job's settings as the window's detail pane shows them: what its template (with the queue's
 * options) gives it, what it runs with once its own values are laid over them, its own values, and whether
 * they can still be changed (only before the job begins).
 *
 * @param inherited the template's and the queue's settings, without the job's own values
 * @param effective the settings the job runs with
 * @param renderOverrides the job's own render options
 * @param validationOverrides the job's own validation options
 * @param editable the job waits and no step of it is done
 * @param problem why the settings cannot be read (an option the vocabulary refuses), else null; then
 *     {@code inherited} and {@code effective} are null
 */
public record JobOptions(String jobId, String template, JobSettings inherited, JobSettings effective,
        Map<String, Object> renderOverrides, Map<String, Object> validationOverrides, boolean editable,
        String problem) {

    /** Why a job's settings cannot be changed, in one plain line. */
    public static final String NOT_EDITABLE = "Settings can be changed only before a job starts";

    /**
     * The settings of job {@code jobId} in {@code queue}, or empty when it is not queued or its template is
     * not known; {@code templates} finds a template by name (null when unknown).
     */
    public static Optional<JobOptions> of(QueueStateStore queue, Function<String, Template> templates,
            String jobId) {
        record Read(JobDto job, String queueTemplate, Map<String, Object> render, Map<String, Object> validation) {
        }
        Read r = queue.read(q -> {
            JobDto j = q.job(jobId);
            return j == null ? null : new Read(j.copy(), q.head().template,
                    new LinkedHashMap<>(q.head().globalRenderOptions), new LinkedHashMap<>(q.head().globalValidationOptions));
        });
        if (r == null) {
            return Optional.empty();
        }
        JobDto j = r.job();
        String name = j.template != null ? j.template : r.queueTemplate();
        Template t = name == null ? null : templates.apply(name);
        if (t == null) {
            return Optional.empty();
        }
        boolean editable = j.state == JobState.PENDING && j.lastCompletedStep == null;
        try {
            JobSettings inherited = SettingsResolver.resolve(t, r.render(), r.validation(), null, null);
            JobSettings effective = SettingsResolver.resolve(t, r.render(), r.validation(), j.renderOptions,
                    j.validationOptions);
            return Optional.of(new JobOptions(jobId, t.name, inherited, effective, own(j.renderOptions),
                    own(j.validationOptions), editable, null));
        } catch (TemplateException e) {
            return Optional.of(new JobOptions(jobId, t.name, null, null, own(j.renderOptions),
                    own(j.validationOptions), editable, e.getMessage()));
        }
    }

    private static Map<String, Object> own(Map<String, Object> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
