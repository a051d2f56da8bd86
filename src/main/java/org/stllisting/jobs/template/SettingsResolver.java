package org.stllisting.jobs.template;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.stllisting.mesh.validate.ValidationLevel;
import org.stllisting.render.Choice;
import org.stllisting.render.Lighting;
import org.stllisting.render.Material;
import org.stllisting.render.Preset;
import org.stllisting.render.Projection;
import org.stllisting.render.Quality;
import org.stllisting.render.UpAxis;

/**
 * Turns the options of a template, a queue and a job (later ones win, key by key) into {@link JobSettings},
 * refusing an unknown key or a value the {@link OptionKey} vocabulary does not accept with a message that names
 * the template file, the layer and the key. Stateless and thread-safe.
 */
public final class SettingsResolver {
    private SettingsResolver() {
    }

    /** Every key at its default. */
    public static JobSettings defaults() {
        return typed(new EnumMap<>(OptionKey.class));
    }

    /**
     * The settings of a job of template {@code t} in a queue with the given options and the job's own
     * overrides; any map may be null.
     *
     * @throws TemplateException naming the template file ({@code NAME.json}), where the bad option was set and
     *     every problem
     */
    public static JobSettings resolve(Template t, Map<String, Object> queueRender, Map<String, Object> queueValidation,
            Map<String, Object> jobRender, Map<String, Object> jobValidation) throws TemplateException {
        List<String> problems = new ArrayList<>();
        problems.addAll(OptionKey.problems("", t.renderOptions, t.validationOptions));
        problems.addAll(OptionKey.problems("queue option ", queueRender, queueValidation));
        problems.addAll(OptionKey.problems("job option ", jobRender, jobValidation));
        if (!problems.isEmpty()) {
            throw new TemplateException("template " + t.name + ".json: options cannot be used", problems);
        }
        Map<OptionKey, Object> values = new EnumMap<>(OptionKey.class);
        put(values, t.renderOptions, t.validationOptions);
        put(values, queueRender, queueValidation);
        put(values, jobRender, jobValidation);
        return typed(values);
    }

    private static void put(Map<OptionKey, Object> values, Map<String, Object> render,
            Map<String, Object> validation) {
        for (OptionKey.Section s : OptionKey.Section.values()) {
            Map<String, Object> m = s == OptionKey.Section.RENDER ? render : validation;
            if (m != null) {
                m.forEach((key, v) -> values.put(OptionKey.find(s, key), v));
            }
        }
    }

    /** The records from checked values; a key without a value takes its default. */
    private static JobSettings typed(Map<OptionKey, Object> values) {
        Values v = new Values(values);
        RenderSettings render = new RenderSettings(v.whole(OptionKey.WIDTH), v.whole(OptionKey.HEIGHT),
                v.choice(OptionKey.MATERIAL, Material.class), v.text(OptionKey.COLOR),
                v.choice(OptionKey.LIGHTING, Lighting.class), v.text(OptionKey.BACKGROUND),
                v.number(OptionKey.AZIMUTH), v.number(OptionKey.ELEVATION), v.choice(OptionKey.UP_AXIS, UpAxis.class),
                v.choice(OptionKey.PROJECTION, Projection.class), v.choice(OptionKey.QUALITY, Quality.class),
                v.choice(OptionKey.PRESET, Preset.class));
        List<String> colors = v.texts(OptionKey.COLORS);
        MediaSettings media = new MediaSettings(v.flag(OptionKey.GENERATE_IMAGE), v.flag(OptionKey.GENERATE_SIZE_CHART),
                v.flag(OptionKey.GENERATE_COLOR_VARIATIONS), v.flag(OptionKey.GENERATE_VIDEO),
                colors.isEmpty() ? texts(OptionKey.COLORS.defaultValue()) : colors, v.number(OptionKey.VIDEO_SECONDS),
                v.whole(OptionKey.VIDEO_FPS), v.whole(OptionKey.VIDEO_SIZE));
        ValidationSettings validation = new ValidationSettings(
                ValidationLevel.parse(v.text(OptionKey.LEVEL)),
                v.flag(OptionKey.AUTO_REPAIR), v.flag(OptionKey.REMOVE_SMALL_FRAGMENTS));
        return new JobSettings(render, media, validation, new AnalysisSettings(v.number(OptionKey.DENSITY)));
    }

    private static List<String> texts(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    /** Checked values by key, defaults for the keys not set. */
    private record Values(Map<OptionKey, Object> set) {
        Object get(OptionKey k) {
            return set.containsKey(k) ? set.get(k) : k.defaultValue();
        }

        int whole(OptionKey k) {
            return ((Number) get(k)).intValue();
        }

        double number(OptionKey k) {
            return ((Number) get(k)).doubleValue();
        }

        boolean flag(OptionKey k) {
            return (Boolean) get(k);
        }

        String text(OptionKey k) {
            return (String) get(k);
        }

        List<String> texts(OptionKey k) {
            return SettingsResolver.texts(get(k));
        }

        <E extends Enum<E> & Choice> E choice(OptionKey k, Class<E> type) {
            return Choice.find(type, text(k));
        }
    }
}
