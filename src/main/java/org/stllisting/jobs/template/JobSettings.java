package org.stllisting.jobs.template;

/**
 * Everything a job's steps are told: the template's options with the queue's and the job's on top, checked
 * and typed once by {@link SettingsResolver}.
 */
public record JobSettings(RenderSettings render, MediaSettings media, ValidationSettings validation,
        AnalysisSettings analysis) {
}
