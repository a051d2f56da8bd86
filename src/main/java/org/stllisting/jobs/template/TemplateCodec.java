package org.stllisting.jobs.template;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
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
    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");

    static final Set<String> RENDER_KEYS = Set.of("width", "height", "material", "color", "lighting",
            "background", "azimuth", "elevation", "up_axis", "projection", "quality", "preset", "generate_image",
            "generate_size_chart", "generate_video", "generate_color_variations", "colors", "video_seconds",
            "video_fps", "video_size");
    static final Set<String> VALIDATION_KEYS = Set.of("level", "auto_repair", "remove_small_fragments",
            "density_g_per_cm3");

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
            steps.add("load");
            steps.add("validate");
            if (vo.path("auto_repair").asBoolean(false)) {
                steps.add("repair");
            }
            steps.add("analyze");
            if (ro.path("generate_image").asBoolean(false)) {
                steps.add("render");
            }
            if (ro.path("generate_size_chart").asBoolean(false)) {
                steps.add("size_chart");
            }
            if (ro.path("generate_color_variations").asBoolean(false)) {
                steps.add("color_variations");
            }
            if (ro.path("generate_video").asBoolean(false)) {
                steps.add("video");
            }
            steps.add("finalize");
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
                if (t.steps.contains(s) || s.equals("load") || s.equals("finalize")) {
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
        List<String> p = new ArrayList<>();
        for (Map.Entry<String, Object> e : (render == null ? Map.<String, Object>of() : render).entrySet()) {
            String problem = checkRender(e.getKey(), e.getValue());
            if (problem != null) {
                p.add(where + "render_options." + e.getKey() + " " + problem);
            }
        }
        for (Map.Entry<String, Object> e : (validation == null ? Map.<String, Object>of() : validation).entrySet()) {
            String problem = checkValidation(e.getKey(), e.getValue());
            if (problem != null) {
                p.add(where + "validation_options." + e.getKey() + " " + problem);
            }
        }
        return p;
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
        if (o.mode != null && !Set.of("per-model", "flat", "grouped").contains(o.mode)) {
            p.add("output_options.mode must be per-model, flat or grouped, not \"" + o.mode + "\"");
        }
        // the same rule a run applies, so that an imported template is never refused later
        p.addAll(OutputRules.problems("output_options", null, o.naming == null ? null : o.naming.customPrefix,
                o.subfolder));
        return p;
    }

    private static String checkRender(String key, Object v) {
        if (!RENDER_KEYS.contains(key)) {
            return "is not a known render option";
        }
        switch (key) {
            case "width", "height", "video_size" -> {
                return intIn(v, 16, 16384);
            }
            case "video_fps" -> {
                return intIn(v, 1, 120);
            }
            case "video_seconds" -> {
                return v instanceof Number n && n.doubleValue() > 0 && n.doubleValue() <= 600 ? null
                        : "must be a number of seconds between 0 and 600";
            }
            case "azimuth", "elevation" -> {
                return v instanceof Number ? null : "must be a number of degrees";
            }
            case "material" -> {
                return oneOf(v, "plastic", "metal", "resin");
            }
            case "lighting" -> {
                return oneOf(v, "studio", "natural", "dramatic");
            }
            case "up_axis" -> {
                return oneOf(v, "z", "y");
            }
            case "projection" -> {
                return oneOf(v, "perspective", "orthographic");
            }
            case "quality" -> {
                return oneOf(v, "draft", "standard", "high", "ultra");
            }
            case "preset" -> {
                return v == null ? null : oneOf(v, "square", "4:3");
            }
            case "color" -> {
                return v instanceof String s && HEX.matcher(s).matches() ? null : "must be a color like #RRGGBB";
            }
            case "colors" -> {
                if (!(v instanceof List<?> l)) {
                    return "must be a list of colors like #RRGGBB";
                }
                for (Object c : l) {
                    if (!(c instanceof String s) || !HEX.matcher(s).matches()) {
                        return "must be a list of colors like #RRGGBB (\"" + c + "\" is not)";
                    }
                }
                return null;
            }
            case "background" -> {
                return checkBackground(v);
            }
            default -> {
                return v instanceof Boolean ? null : "must be true or false";
            }
        }
    }

    private static String checkBackground(Object v) {
        if (!(v instanceof String s)) {
            return "must be color:#hex, gradient:#top,#bottom, transparent or image:PATH";
        }
        if (s.equals("transparent")) {
            return null;
        }
        if (s.startsWith("color:") && HEX.matcher(s.substring(6)).matches()) {
            return null;
        }
        if (s.startsWith("gradient:")) {
            String[] c = s.substring(9).split(",");
            if (c.length == 2 && HEX.matcher(c[0].trim()).matches() && HEX.matcher(c[1].trim()).matches()) {
                return null;
            }
        }
        if (s.startsWith("image:") && s.length() > 6 && s.indexOf('\0') < 0) {
            return null; // a picture to read, never a place to write
        }
        return "must be color:#hex, gradient:#top,#bottom, transparent or image:PATH, not \"" + printable(s) + "\"";
    }

    private static String checkValidation(String key, Object v) {
        if (!VALIDATION_KEYS.contains(key)) {
            return "is not a known validation option";
        }
        return switch (key) {
            case "level" -> oneOf(v, "basic", "standard", "strict");
            case "density_g_per_cm3" -> v instanceof Number n && n.doubleValue() > 0 && n.doubleValue() < 100 ? null
                    : "must be a density in g/cm³";
            default -> v instanceof Boolean ? null : "must be true or false";
        };
    }

    private static String intIn(Object v, int min, int max) {
        if (v instanceof Integer || v instanceof Long) {
            long n = ((Number) v).longValue();
            if (n >= min && n <= max) {
                return null;
            }
        }
        return "must be a whole number from " + min + " to " + max;
    }

    private static String oneOf(Object v, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return null;
            }
        }
        return "must be one of " + String.join(", ", allowed) + ", not \"" + v + "\"";
    }

    private static String printable(String s) {
        return s == null ? "" : s.replace("\0", "\\0");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }
}
