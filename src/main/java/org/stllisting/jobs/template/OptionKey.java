package org.stllisting.jobs.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stllisting.mesh.analyze.MeshAnalysis;
import org.stllisting.mesh.validate.ValidationLevel;
import org.stllisting.render.Choice;
import org.stllisting.render.Lighting;
import org.stllisting.render.Material;
import org.stllisting.render.Preset;
import org.stllisting.render.Projection;
import org.stllisting.render.Quality;
import org.stllisting.render.RenderOptions;
import org.stllisting.render.TurntableOptions;
import org.stllisting.render.UpAxis;

/**
 * Every option a template, a queue or a job can set: the one list of keys, with each key's section, type,
 * accepted values, default and meaning. The template checker, the settings resolver and the command line read
 * it; a key that is not here is refused everywhere.
 */
public enum OptionKey {
    WIDTH(Section.RENDER, "width", new OptionType.Whole(16, 16384), D.R.width(),
            "image width in pixels (a preset overrides it)"),
    HEIGHT(Section.RENDER, "height", new OptionType.Whole(16, 16384), D.R.height(),
            "image height in pixels (a preset overrides it)"),
    MATERIAL(Section.RENDER, "material", D.words(Material.class), D.R.material(), "the model's surface"),
    COLOR(Section.RENDER, "color", OptionType.COLOR, D.R.color(), "the model's color"),
    LIGHTING(Section.RENDER, "lighting", D.words(Lighting.class), D.R.lighting(), "the lights"),
    BACKGROUND(Section.RENDER, "background", new OptionType.Background(), D.R.background(), "behind the model"),
    AZIMUTH(Section.RENDER, "azimuth", OptionType.DEGREES, D.R.azimuth(),
            "degrees around the up axis; 0 looks at the front"),
    ELEVATION(Section.RENDER, "elevation", OptionType.DEGREES, D.R.elevation(), "degrees above the floor"),
    UP_AXIS(Section.RENDER, "up_axis", D.words(UpAxis.class), D.R.upAxis(), "the model axis that points up"),
    PROJECTION(Section.RENDER, "projection", D.words(Projection.class), D.R.projection(), "the camera"),
    QUALITY(Section.RENDER, "quality", D.words(Quality.class), D.R.quality(), "anti-aliasing"),
    PRESET(Section.RENDER, "preset", new OptionType.OneOf(Choice.ids(Preset.class), true), D.R.preset(),
            "a fixed image size (square 2000x2000, 4:3 2000x1500) instead of width and height"),
    GENERATE_IMAGE(Section.RENDER, "generate_image", OptionType.FLAG, true,
            "the render step makes the product image"),
    GENERATE_SIZE_CHART(Section.RENDER, "generate_size_chart", OptionType.FLAG, true,
            "the size_chart step draws the size chart"),
    GENERATE_VIDEO(Section.RENDER, "generate_video", OptionType.FLAG, true,
            "the video step makes the turntable"),
    GENERATE_COLOR_VARIATIONS(Section.RENDER, "generate_color_variations", OptionType.FLAG, true,
            "the color_variations step renders the colors"),
    COLORS(Section.RENDER, "colors", new OptionType.Colors(), D.COLORS,
            "the colors of the color variations (an empty list means these)"),
    VIDEO_SECONDS(Section.RENDER, "video_seconds", new OptionType.Decimal(0, 600, "seconds"), D.V.seconds(),
            "length of one turn of the turntable"),
    VIDEO_FPS(Section.RENDER, "video_fps", new OptionType.Whole(1, 120), D.V.fps(), "turntable frames per second"),
    VIDEO_SIZE(Section.RENDER, "video_size", new OptionType.Whole(16, 16384), D.V.width(),
            "turntable width and height in pixels"),
    LEVEL(Section.VALIDATION, "level", new OptionType.OneOf(ValidationLevel.ids(), false), ValidationLevel.STANDARD.id(),
            "how much validation demands"),
    AUTO_REPAIR(Section.VALIDATION, "auto_repair", OptionType.FLAG, true,
            "the repair step repairs (off: it records that it skipped)"),
    REMOVE_SMALL_FRAGMENTS(Section.VALIDATION, "remove_small_fragments", OptionType.FLAG, false,
            "the repair also removes loose shells of fewer than " + D.SMALL_FRAGMENT_FACETS + " facets"),
    DENSITY(Section.VALIDATION, "density_g_per_cm3", new OptionType.Decimal(0, 100, "g/cm³"),
            MeshAnalysis.PLA_DENSITY, "material density for the weight estimate of the analysis");

    /**
     * A job's own value that is no value, for a key that accepts null (the preset): the job keeps the key
     * with null, so the template's value does not apply ("no preset": the job's own width and height). A
     * plain null in a change of a job's options removes its own value instead, giving the template's back.
     */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "no value";
        }
    };

    /** Where a key is written in a template, a queue and a job. */
    public enum Section {
        RENDER("render_options", "render option"), VALIDATION("validation_options", "validation option");

        private final String field;
        private final String noun;

        Section(String field, String noun) {
            this.field = field;
            this.noun = noun;
        }

        /** The JSON field: {@code render_options} or {@code validation_options}. */
        public String field() {
            return field;
        }
    }

    /** Loose shells of fewer facets than this are removed when {@code remove_small_fragments} is on. */
    public static final int SMALL_FRAGMENT_FACETS = D.SMALL_FRAGMENT_FACETS;

    private final Section section;
    private final String key;
    private final OptionType type;
    private final Object defaultValue;
    private final String meaning;

    OptionKey(Section section, String key, OptionType type, Object defaultValue, String meaning) {
        this.section = section;
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    public Section section() {
        return section;
    }

    /** The key as written in JSON ({@code density_g_per_cm3}). */
    public String key() {
        return key;
    }

    public OptionType type() {
        return type;
    }

    /** The value used when no template, queue or job sets the key (null for no preset). */
    public Object defaultValue() {
        return defaultValue;
    }

    public String meaning() {
        return meaning;
    }

    /** The key of {@code section} written {@code key}, or null when there is none. */
    public static OptionKey find(Section section, String key) {
        for (OptionKey k : values()) {
            if (k.section == section && k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }

    /** What is wrong with {@code value} for {@code key} of {@code section} ("is not a known …", "must be …"), or null. */
    public static String problem(Section section, String key, Object value) {
        OptionKey k = find(section, key);
        return k == null ? "is not a known " + section.noun : k.type.problem(value);
    }

    /**
     * Every problem of a set of render and validation options, each named {@code where +
     * "render_options.KEY"}; empty when they can be used. Either map may be null.
     */
    public static List<String> problems(String where, Map<String, Object> render, Map<String, Object> validation) {
        List<String> p = new ArrayList<>();
        for (Section s : Section.values()) {
            Map<String, Object> m = s == Section.RENDER ? render : validation;
            for (Map.Entry<String, Object> e : (m == null ? Map.<String, Object>of() : m).entrySet()) {
                String problem = problem(s, e.getKey(), e.getValue());
                if (problem != null) {
                    p.add(where + s.field + "." + e.getKey() + " " + problem);
                }
            }
        }
        return p;
    }

    /** Defaults that the constants share (a holder, so that the enum's constructors can read them). */
    private static final class D {
        static final RenderOptions R = RenderOptions.defaults();
        static final TurntableOptions V = TurntableOptions.defaults();
        static final List<String> COLORS = List.of("#D32F2F", "#1976D2", "#388E3C", "#FBC02D", "#212121");
        static final int SMALL_FRAGMENT_FACETS = 20;

        static <E extends Enum<E> & Choice> OptionType words(Class<E> type) {
            return new OptionType.OneOf(Choice.ids(type), false);
        }
    }
}
