package org.stllisting.store.history;

import java.util.List;

/**
 * Statistics over the jobs that finished in the last {@code days} days.
 *
 * @param successRate completed / (completed + failed): cancelled and skipped jobs are not failures; null when no
 *                    job completed or failed
 * @param meanDurationSeconds mean actual duration of completed jobs, or null
 */
public record HistoryStats(int days, long total, long completed, long failed, long cancelled, long skipped,
        Double successRate, Double meanDurationSeconds, List<TemplateStats> perTemplate) {

    public HistoryStats {
        perTemplate = List.copyOf(perTemplate);
    }

    /** The same figures for one template ({@code "(none)"} for jobs without one). */
    public record TemplateStats(String template, long total, long completed, Double successRate,
            Double meanDurationSeconds) {
    }
}
