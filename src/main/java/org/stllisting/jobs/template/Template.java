package org.stllisting.jobs.template;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.store.Json;

/**
 * A processing template (README, Application home (templates)): a named, versioned set of steps and render, validation and output
 * options. A plain DTO for {@code templates/*.json}. The option keys, their values and defaults are listed in
 * {@link OptionKey}; {@link SettingsResolver} turns the options into the typed {@link JobSettings} steps use.
 */
public final class Template {
    /** The template format this build writes; 1 is the seed-004 shape (no steps, {@code output_settings}). */
    public static final int CURRENT_VERSION = 2;

    /** Every step in processing order (README, Processing a folder); {@code load} and {@code finalize} always run. */
    public static final List<String> ALL_STEPS = Arrays.stream(StepKind.values()).map(StepKind::id).toList();

    public int version = CURRENT_VERSION;
    /** The file stem: lowercase letters, digits, {@code _} and {@code -}. */
    public String name;
    public String displayName;
    public String description;
    /** The steps that run, in processing order. */
    public List<String> steps = new ArrayList<>();
    public Map<String, Object> renderOptions = new LinkedHashMap<>();
    public Map<String, Object> validationOptions = new LinkedHashMap<>();
    public OutputOptions outputOptions = new OutputOptions();
    public Instant createdAt;
    public String createdBy;

    @JsonIgnore
    private boolean builtIn;

    @JsonIgnore
    public boolean isBuiltIn() {
        return builtIn;
    }

    Template markBuiltIn() {
        builtIn = true;
        return this;
    }

    public boolean runs(String step) {
        return steps.contains(step);
    }

    public Template copy() {
        Template t = Json.mapper().convertValue(this, Template.class);
        t.builtIn = builtIn;
        return t;
    }
}
