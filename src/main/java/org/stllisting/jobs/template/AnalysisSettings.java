package org.stllisting.jobs.template;

/** How a job's model is measured: the material density for the weight estimate ({@code density_g_per_cm3}). */
public record AnalysisSettings(double densityGPerCm3) {
}
