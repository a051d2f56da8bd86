package org.stllisting.ui.mainwindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stllisting.app.JobDetails;
import org.stllisting.jobs.template.Template;

/**
 * What a template does, in a few plain lines for the template picker: its steps, what it makes (pictures
 * and their size, size chart, video, color variations), its material and look, how it checks the model, and
 * where its output goes.
 */
public final class TemplateSummary {
    private TemplateSummary() {
    }

    /** The lines that describe {@code t}, its description first. */
    public static List<String> lines(Template t) {
        List<String> lines = new ArrayList<>();
        if (t.description != null && !t.description.isBlank()) {
            lines.add(t.description);
        }
        lines.add("Steps: " + String.join(", ", t.steps.stream().map(JobDetails::label).toList()));
        Map<String, Object> r = t.renderOptions;
        List<String> makes = new ArrayList<>();
        if (t.runs("render")) {
            if (on(r, "generate_image")) {
                makes.add("product image " + size(r));
            }
            if (on(r, "generate_size_chart")) {
                makes.add("size chart");
            }
            if (on(r, "generate_color_variations")) {
                makes.add("color variations");
            }
            if (on(r, "generate_video")) {
                makes.add("turntable video");
            }
        }
        if (t.runs("analyze")) {
            makes.add("dimensions, volume and weight");
        }
        if (t.runs("validate")) {
            makes.add("a validation report");
        }
        if (t.runs("repair") && on(t.validationOptions, "auto_repair")) {
            makes.add("the repaired STL with a repair report");
        }
        lines.add("Makes: " + (makes.isEmpty() ? "nothing but the run's report" : String.join(", ", makes)));
        if (t.runs("render")) {
            List<String> look = new ArrayList<>();
            addIf(look, r.get("material"), "");
            addIf(look, r.get("color"), "");
            addIf(look, r.get("lighting"), " lighting");
            addIf(look, r.get("quality"), " quality");
            if (!look.isEmpty()) {
                lines.add("Material: " + String.join(", ", look));
            }
        }
        Object level = t.validationOptions.get("level");
        if (level != null || t.runs("validate")) {
            lines.add("Checks: " + (level == null ? "standard" : level) + " validation, "
                    + (on(t.validationOptions, "auto_repair") || t.runs("repair") ? "repairs what it can"
                            : "no repair"));
        }
        if (t.outputOptions != null && t.outputOptions.mode != null) {
            lines.add("Output: " + t.outputOptions.mode + (t.outputOptions.subfolder == null ? ""
                    : " in " + t.outputOptions.subfolder));
        }
        return lines;
    }

    /** The lines joined for a tooltip. */
    public static String text(Template t) {
        return String.join("\n", lines(t));
    }

    private static boolean on(Map<String, Object> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }

    private static String size(Map<String, Object> r) {
        Object w = r.get("width");
        Object h = r.get("height");
        return w == null || h == null ? "" : String.format(Locale.ROOT, "%s×%s", num(w), num(h));
    }

    private static String num(Object o) {
        return o instanceof Number n ? String.valueOf(n.intValue()) : String.valueOf(o);
    }

    private static void addIf(List<String> into, Object value, String suffix) {
        if (value != null && !String.valueOf(value).isBlank()) {
            into.add(value + suffix);
        }
    }
}
