package org.stllisting.jobs.template;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Json;
import org.stllisting.store.SafeNames;

/**
 * The template reader and checker take anything: no input makes them throw anything but
 * {@link TemplateException} (with a message), and a template they accept is one the program can use safely
 * (a plain name, known steps with load and finalize, no path out of the output folder) and reads back the same.
 * In a plain test run this replays the inputs in {@code TemplateCodecFuzzTestInputs/}; to fuzz one method, run
 * {@code JAZZER_FUZZ=1 mvn test -Djazzer.hooks=true -Dtest='TemplateCodecFuzzTest#anyBytes'} (the hooks give the
 * fuzzer its coverage feedback; a failing input is saved beside the others).
 */
class TemplateCodecFuzzTest {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Loaded on first use: classes loaded before the fuzzer starts are not instrumented for coverage. */
    private static List<byte[]> builtIns;
    private static final String[] FIELDS = {"version", "name", "display_name", "description", "steps",
        "render_options", "validation_options", "output_options", "created_at", "created_by", "output_settings",
        "mode", "subfolder", "naming", "custom_prefix", "timestamp_suffix", "background", "colors", "width",
        "level", "density_g_per_cm3", "video_seconds", "generate_image", "auto_repair", "preset", "unknown"};

    @FuzzTest(maxDuration = "150s")
    void anyBytes(byte[] data) {
        check(data);
    }

    @FuzzTest(maxDuration = "150s")
    void mutatedBuiltIns(FuzzedDataProvider data) throws IOException {
        if (builtIns == null) {
            builtIns = builtIns();
        }
        JsonNode root = Json.mapper().readTree(builtIns.get(data.consumeInt(0, builtIns.size() - 1)));
        int mutations = data.consumeInt(1, 8);
        for (int i = 0; i < mutations && data.remainingBytes() > 0; i++) {
            root = mutate(root, data);
        }
        check(Json.mapper().writeValueAsBytes(root));
    }

    private static void check(byte[] json) {
        Template t;
        try {
            t = TemplateCodec.parse(json, "fuzz.json");
        } catch (TemplateException refused) {
            if (refused.getMessage() == null || !refused.getMessage().startsWith("fuzz.json ")) {
                throw new AssertionError("the refusal does not name the file: " + refused.getMessage());
            }
            return;
        }
        if (t.name == null || !NAME.matcher(t.name).matches()) {
            throw new AssertionError("accepted a template named " + t.name);
        }
        if (!t.steps.contains("load") || !t.steps.contains("finalize") || !Template.ALL_STEPS.containsAll(t.steps)) {
            throw new AssertionError("accepted steps " + t.steps);
        }
        if (SafeNames.problem(t.outputOptions.subfolder) != null
                || SafeNames.problem(t.outputOptions.naming.customPrefix) != null) {
            throw new AssertionError("accepted a path out of the output folder: " + t.outputOptions.subfolder + " / "
                    + t.outputOptions.naming.customPrefix);
        }
        byte[] written;
        try {
            written = Json.mapper().writeValueAsBytes(t);
        } catch (IOException e) {
            throw new AssertionError("an accepted template cannot be written", e);
        }
        Template again;
        try {
            again = TemplateCodec.parse(written, "fuzz.json");
        } catch (TemplateException e) {
            throw new AssertionError("an accepted template is refused once written: " + e.getMessage()
                    + " " + e.problems(), e);
        }
        try {
            if (!Json.mapper().readTree(written).equals(Json.mapper().readTree(Json.mapper().writeValueAsBytes(again)))) {
                throw new AssertionError("an accepted template reads back differently");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One change somewhere in the tree: a field set, removed or added; a value replaced; an array grown. */
    private static JsonNode mutate(JsonNode root, FuzzedDataProvider data) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(data.consumeInt(0, containers.size() - 1));
        if (target instanceof ObjectNode o) {
            String field = data.consumeBoolean() ? data.pickValue(FIELDS) : data.consumeString(12);
            switch (data.consumeInt(0, 2)) {
                case 0 -> o.remove(field);
                case 1 -> o.set(existingOr(o, field, data), value(data));
                default -> o.set(field, value(data));
            }
        } else if (target instanceof ArrayNode a) {
            if (a.size() > 0 && data.consumeBoolean()) {
                a.set(data.consumeInt(0, a.size() - 1), value(data));
            } else {
                a.add(value(data));
            }
        }
        return root;
    }

    private static String existingOr(ObjectNode o, String field, FuzzedDataProvider data) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? field : names.get(data.consumeInt(0, names.size() - 1));
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext();) {
                collect(it.next(), out);
            }
        }
    }

    private static JsonNode value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(data.consumeBoolean());
            case 2 -> NODES.numberNode(data.consumeInt());
            case 3 -> NODES.numberNode(data.consumeDouble());
            case 4 -> NODES.textNode(data.pickValue(new String[] {"load", "finalize", "render", "video", "..",
                "../x", "/etc", "a/b", "image:/x.png", "color:#FFFFFF", "gradient:#000000,#FFFFFF", "#12345G",
                "per-model", "flat", "grouped", "standard", "C:", "nul\u0000", " ", ""}));
            case 5 -> NODES.arrayNode().add(value(data));
            case 6 -> NODES.objectNode().set(data.pickValue(FIELDS), value(data));
            case 7 -> NODES.numberNode(data.consumeLong());
            default -> NODES.textNode(data.consumeString(40));
        };
    }

    private static List<byte[]> builtIns() {
        List<byte[]> out = new ArrayList<>();
        try {
            Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "template-fuzz-no-user-templates");
            for (Template t : new TemplateRepository(nowhere, new ConfigStore(nowhere.resolve("config.json")))
                    .builtIns()) {
                out.add(Json.mapper().writeValueAsBytes(t));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
