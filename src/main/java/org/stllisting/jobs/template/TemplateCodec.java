package org.stllisting.jobs.template;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.stllisting.jobs.steps.StepKind;
import org.stllisting.output.OutputMode;
import org.stllisting.store.Json;
import org.stllisting.store.JsonLimitException;
import org.stllisting.store.JsonLimits;
import org.stllisting.store.SafeNames;
import org.stllisting.output.OutputRules;

/**
 * Reads, upgrades and checks template JSON. Strict on purpose: a template can come from anyone, so unknown
 * fields and option keys are refused rather than ignored, and nothing may name a place outside the output
 * folder. Stateless and thread-safe.
 */
public final class TemplateCodec {
    private static final ObjectReader STRICT = Json.mapper().readerFor(Template.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private TemplateCodec() {
    }

    /**
     * Parses a template document of any known version, upgrades it and checks it.
     *
     * @param source names the document in error messages (a file name)
     */
    public static Template parse(byte[] json, String source) throws TemplateException {
        JsonNode tree;
        try {
            tree = Json.readTree(json, source, JsonLimits.TEMPLATE);
        } catch (JsonLimitException e) {
            throw new TemplateException(e.getMessage());
        } catch (IOException e) {
            throw new TemplateException(source + " is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new TemplateException(source + " is not a template (expected a JSON object)");
        }
        int version = root.path("version").asInt(1);
        if (!root.has("version")) {
            version = 1;
        }
        if (version < 1 || version > Template.CURRENT_VERSION) {
            throw new TemplateException(source + " has template version " + root.get("version")
                    + "; this build reads versions 1 to " + Template.CURRENT_VERSION);
        }
        if (version == 1) {
            upgradeFrom1(root);
        }
        Template t;
        try {
            t = STRICT.readValue(root);
        } catch (UnrecognizedPropertyException e) {
            throw new TemplateException(source + " has an unknown field \"" + e.getPropertyName() + "\"");
        } catch (IOException e) {
            throw new TemplateException(source + " does not follow the template format ("
                    + firstLine(e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()) + ")");
        }
        normalize(t);
        List<String> problems = check(t);
        if (!problems.isEmpty()) {
            throw new TemplateException(source + " is not a valid template", problems);
        }
        return t;
    }

    /** Checks a template built in code (save-as); throws with every problem found. */
    public static void validate(Template t, String source) throws TemplateException {
        normalize(t);
        List<String> problems = check(t);
        if (!problems.isEmpty()) {
            throw new TemplateException(source + " is not a valid template", problems);
        }
    }

    /** A file stem for a display name: "My Fancy Set!" → "my_fancy_set". */
    public static String slug(String displayName) {
        String s = displayName == null ? "" : displayName.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty()) {
            s = "template";
        }
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    /**
     * Version 1 (seed 004's QueueTemplate): name, description, render_options, validation_options,
     * output_settings, created_at, created_by; the steps followed from the generate_* flags.
     */
    private static void upgradeFrom1(ObjectNode root) {
        String name = root.path("name").asText("");
        if (!root.has("display_name")) {
            root.put("display_name", name);
        }
        root.put("name", slug(name));
        JsonNode render = root.get("render_options");
        if (render instanceof ObjectNode r && r.has("background_image")) {
            String bg = r.get("background_image").asText("");
            r.remove("background_image");
            if (!bg.isBlank() && !r.has("background")) {
                r.put("background", "image:" + bg);
            }
        }
        if (root.has("output_settings")) {
            JsonNode os = root.remove("output_settings");
            ObjectNode out = root.putObject("output_options");
            ObjectNode naming = out.putObject("naming");
            if (os instanceof ObjectNode o) {
                Iterator<Map.Entry<String, JsonNode>> it = o.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    switch (e.getKey()) {
                        case "mode", "output_mode", "organization" -> out.set("mode", e.getValue());
                        case "subfolder" -> out.set("subfolder", e.getValue());
                        case "custom_prefix", "prefix" -> naming.set("custom_prefix", e.getValue());
                        case "include_timestamp", "timestamp_suffix" -> naming.set("timestamp_suffix", e.getValue());
                        case "quality_suffix", "include_quality" -> naming.set("quality_suffix", e.getValue());
                        case "material_suffix", "include_material" -> naming.set("material_suffix", e.getValue());
                        case "size_suffix", "include_size" -> naming.set("size_suffix", e.getValue());
                        default -> out.set(e.getKey(), e.getValue()); // refused below as unknown
                    }
                }
            }
        }
        if (!root.has("steps")) {
            ArrayNode steps = root.putArray("steps");
            JsonNode ro = root.path("render_options");
            JsonNode vo = root.path("validation_options");
            steps.add(StepKind.LOAD.id());
            steps.add(StepKind.VALIDATE.id());
            if (vo.path(OptionKey.AUTO_REPAIR.key()).asBoolean(false)) {
                steps.add(StepKind.REPAIR.id());
            }
            steps.add(StepKind.ANALYZE.id());
            if (ro.path(OptionKey.GENERATE_IMAGE.key()).asBoolean(false)) {
                steps.add(StepKind.RENDER.id());
            }
            if (ro.path(OptionKey.GENERATE_SIZE_CHART.key()).asBoolean(false)) {
                steps.add(StepKind.SIZE_CHART.id());
            }
            if (ro.path(OptionKey.GENERATE_COLOR_VARIATIONS.key()).asBoolean(false)) {
                steps.add(StepKind.COLOR_VARIATIONS.id());
            }
            if (ro.path(OptionKey.GENERATE_VIDEO.key()).asBoolean(false)) {
                steps.add(StepKind.VIDEO.id());
            }
            steps.add(StepKind.FINALIZE.id());
        }
        root.put("version", Template.CURRENT_VERSION);
    }

    /** Puts the steps in processing order and makes sure load and finalize are there. */
    private static void normalize(Template t) {
        if (t.steps == null) {
            t.steps = new ArrayList<>();
        }
        if (t.renderOptions == null) {
            t.renderOptions = new java.util.LinkedHashMap<>();
        }
        if (t.validationOptions == null) {
            t.validationOptions = new java.util.LinkedHashMap<>();
        }
        if (t.outputOptions == null) {
            t.outputOptions = new OutputOptions();
        }
        if (t.outputOptions.naming == null) {
            t.outputOptions.naming = new org.stllisting.store.queue.NamingOptionsDto();
        }
        List<String> unknown = new ArrayList<>();
        for (String s : t.steps) {
            if (s == null || !Template.ALL_STEPS.contains(s)) {
                unknown.add(s);
            }
        }
        if (unknown.isEmpty()) {
            List<String> ordered = new ArrayList<>();
            for (String s : Template.ALL_STEPS) {
                if (t.steps.contains(s) || s.equals(StepKind.LOAD.id()) || s.equals(StepKind.FINALIZE.id())) {
                    ordered.add(s);
                }
            }
            t.steps = ordered;
        }
    }

    /**
     * Every problem of a set of render and validation options with the rules of a template (used for a
     * queue's options and per-job overrides from an imported queue too), each named {@code where +
     * "render_options.KEY"}; empty when they can be used. Either map may be null.
     */
    public static List<String> optionProblems(String where, Map<String, Object> render,
            Map<String, Object> validation) {
        return OptionKey.problems(where, render, validation);
    }

    private static List<String> check(Template t) {
        List<String> p = new ArrayList<>();
        if (t.name == null || !NAME.matcher(t.name).matches()) {
            p.add("name \"" + t.name + "\" must be 1-64 lowercase letters, digits, '_' or '-'");
        }
        if (t.displayName == null || t.displayName.isBlank()) {
            p.add("display_name is missing");
        } else if (t.displayName.chars().anyMatch(c -> c < 0x20)) {
            p.add("display_name contains control characters");
        }
        for (String s : t.steps) {
            if (s == null || !Template.ALL_STEPS.contains(s)) {
                p.add("unknown step \"" + s + "\" (known: " + String.join(", ", Template.ALL_STEPS) + ")");
            }
        }
        p.addAll(optionProblems("", t.renderOptions, t.validationOptions));
        OutputOptions o = t.outputOptions;
        List<String> modes = Arrays.stream(OutputMode.values()).map(OutputMode::label).toList();
        if (o.mode != null && !modes.contains(o.mode)) {
            p.add("output_options.mode must be one of " + String.join(", ", modes) + ", not \"" + o.mode + "\"");
        }
        // the same rule a run applies, so that an imported template is never refused later
        p.addAll(OutputRules.problems("output_options", null, o.naming == null ? null : o.naming.customPrefix,
                o.subfolder));
        return p;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }
}
