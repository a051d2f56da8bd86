package org.stllisting.ui.mainwindow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.stllisting.jobs.template.JobSettings;
import org.stllisting.jobs.template.OptionKey;
import org.stllisting.render.Choice;
import org.stllisting.render.Lighting;
import org.stllisting.render.Material;
import org.stllisting.render.Preset;

/**
 * The settings a user may give one job or several of their own — material, color, lighting, background,
 * image size and the four outputs — as text fields without any control: each field's text, and for one job
 * where its value comes from. Turns what the user chose into the changes {@code QueueRunner.setOverrides}
 * takes (a value sets a key, null gives the template's back; a width × height of its own comes with
 * {@link OptionKey#NO_VALUE} for the preset, so that a template's fixed size does not apply).
 *
 * <p>Threading: the JavaFX application thread.
 */
public final class OverridesForm {
    /** A field's choice in the dialog for several jobs: leave each job's value alone. */
    public static final String KEEP = "Keep as is";
    /** A field's choice: the template's value again (the job's own value removed). */
    public static final String TEMPLATE = "The template's";

    /** One field of the form and the option keys it sets. */
    public enum Field {
        MATERIAL("Material", OptionKey.MATERIAL),
        COLOR("Color", OptionKey.COLOR),
        LIGHTING("Lighting", OptionKey.LIGHTING),
        BACKGROUND("Background", OptionKey.BACKGROUND),
        SIZE("Image size", OptionKey.PRESET, OptionKey.WIDTH, OptionKey.HEIGHT),
        IMAGE("Product image", OptionKey.GENERATE_IMAGE),
        SIZE_CHART("Size chart", OptionKey.GENERATE_SIZE_CHART),
        VIDEO("Turntable video", OptionKey.GENERATE_VIDEO),
        COLOR_VARIATIONS("Color variations", OptionKey.GENERATE_COLOR_VARIATIONS);

        private final String label;
        private final List<OptionKey> keys;

        Field(String label, OptionKey... keys) {
            this.label = label;
            this.keys = List.of(keys);
        }

        public String label() {
            return label;
        }

        public List<OptionKey> keys() {
            return keys;
        }

        /** True for a yes/no output. */
        public boolean flag() {
            return keys.get(0).type() == org.stllisting.jobs.template.OptionType.FLAG;
        }

        /** True when the user may type a value of their own (besides the ones offered). */
        public boolean typed() {
            return this == COLOR || this == BACKGROUND || this == SIZE;
        }

        /** The values offered. */
        public List<String> offered() {
            return switch (this) {
                case MATERIAL -> Choice.ids(Material.class);
                case LIGHTING -> Choice.ids(Lighting.class);
                case COLOR -> List.of("#4A90D9", "#D32F2F", "#388E3C", "#FBC02D", "#B0B7C3", "#FFFFFF", "#212121");
                case BACKGROUND -> List.of("gradient:#FFFFFF,#D9DEE5", "color:#FFFFFF", "color:#F5F7FA",
                        "color:#212121", "transparent");
                case SIZE -> List.of(SQUARE, FOUR_BY_THREE, "1920 × 1080", "1280 × 720", "1000 × 1000");
                default -> List.of(ON, OFF);
            };
        }
    }

    public static final String ON = "on";
    public static final String OFF = "off";
    static final String SQUARE = size(Preset.SQUARE);
    static final String FOUR_BY_THREE = size(Preset.FOUR_BY_THREE);
    private static final Pattern WXH = Pattern.compile("\\s*(\\d{1,5})\\s*[×xX*]\\s*(\\d{1,5})\\s*");

    /** The option changes of a form: values set, null for a key given back to the template. */
    public record Changes(Map<String, Object> render, Map<String, Object> validation) {
        public boolean isEmpty() {
            return render.isEmpty() && validation.isEmpty();
        }
    }

    private final Map<Field, StringProperty> values = new EnumMap<>(Field.class);
    private final Map<Field, StringProperty> sources = new EnumMap<>(Field.class);
    private final Map<Field, String> shown = new EnumMap<>(Field.class);

    public OverridesForm() {
        for (Field f : Field.values()) {
            values.put(f, new SimpleStringProperty(""));
            sources.put(f, new SimpleStringProperty(""));
        }
    }

    /** For several jobs: every field {@link #KEEP}. */
    public void keepAll() {
        shown.clear();
        for (Field f : Field.values()) {
            values.get(f).set(KEEP);
            sources.get(f).set("");
        }
    }

    /**
     * For one job: each field shows the value in effect and whether it is the job's own ({@code own} holds the
     * job's render options).
     */
    public void show(JobSettings effective, Map<String, Object> own) {
        for (Field f : Field.values()) {
            String text = text(f, effective);
            shown.put(f, text);
            values.get(f).set(text);
            boolean mine = f.keys.stream().anyMatch(k -> own.containsKey(k.key()));
            sources.get(f).set(mine ? "this job's" : "template");
        }
    }

    /** The field's value as the form writes it. */
    static String text(Field f, JobSettings s) {
        return switch (f) {
            case MATERIAL -> s.render().material().id();
            case COLOR -> s.render().color().toUpperCase(Locale.ROOT);
            case LIGHTING -> s.render().lighting().id();
            case BACKGROUND -> s.render().background();
            case SIZE -> s.render().preset() != null ? size(s.render().preset())
                    : s.render().width() + " × " + s.render().height();
            case IMAGE -> s.media().image() ? ON : OFF;
            case SIZE_CHART -> s.media().sizeChart() ? ON : OFF;
            case VIDEO -> s.media().video() ? ON : OFF;
            case COLOR_VARIATIONS -> s.media().colorVariations() ? ON : OFF;
        };
    }

    private static String size(Preset p) {
        return p.id() + " (" + p.width() + " × " + p.height() + ")";
    }

    /**
     * What the user changed: for one job the fields whose text differs from the value in effect, for several
     * the fields not {@link #KEEP}; {@link #TEMPLATE} gives the field's keys back to the template.
     *
     * @throws IllegalArgumentException naming the field and what its value must be
     */
    public Changes changes() {
        Map<String, Object> render = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Field f : Field.values()) {
            String v = values.get(f).get() == null ? "" : values.get(f).get().strip();
            if (v.equals(KEEP) || v.isEmpty() || v.equals(shown.get(f))) {
                continue;
            }
            if (v.equals(TEMPLATE)) {
                f.keys.forEach(k -> render.put(k.key(), null));
                continue;
            }
            String problem = put(f, v, render);
            if (problem != null) {
                problems.add(f.label + ": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new Changes(render, Map.of());
    }

    private String put(Field f, String v, Map<String, Object> render) {
        OptionKey k = f.keys.get(0);
        Object value;
        switch (f) {
            case SIZE -> {
                for (Preset p : Preset.values()) {
                    if (v.equals(size(p)) || v.equalsIgnoreCase(p.id())) {
                        render.put(OptionKey.PRESET.key(), p.id());
                        return null;
                    }
                }
                Matcher m = WXH.matcher(v);
                if (!m.matches()) {
                    return "must be square, 4:3 or a width × height such as 1920 × 1080";
                }
                int w = Integer.parseInt(m.group(1));
                int h = Integer.parseInt(m.group(2));
                String p = OptionKey.WIDTH.type().problem(w);
                if (p == null) {
                    p = OptionKey.HEIGHT.type().problem(h);
                }
                if (p != null) {
                    return "width and height " + p.replace("must be a whole number", "must each be a whole number");
                }
                render.put(OptionKey.WIDTH.key(), w);
                render.put(OptionKey.HEIGHT.key(), h);
                // the job's own "no preset": a template's fixed size does not apply to it
                render.put(OptionKey.PRESET.key(), OptionKey.NO_VALUE);
                return null;
            }
            case COLOR -> value = v.toUpperCase(Locale.ROOT);
            default -> {
                if (f.flag() && !ON.equalsIgnoreCase(v) && !OFF.equalsIgnoreCase(v)) {
                    return "must be on or off";
                }
                value = f.flag() ? (Object) ON.equalsIgnoreCase(v) : v;
            }
        }
        String problem = k.type().problem(value);
        if (problem != null) {
            return problem;
        }
        render.put(k.key(), value);
        return null;
    }

    /** The text of a field ({@link #KEEP}, {@link #TEMPLATE}, a value). */
    public StringProperty valueProperty(Field f) {
        return values.get(f);
    }

    /** For one job: "template" or "this job's"; empty for several jobs. */
    public StringProperty sourceProperty(Field f) {
        return sources.get(f);
    }

    /** The own settings of a job in a few words each ("material metal", "no turntable video"). */
    public static List<String> describe(Map<String, Object> render, Map<String, Object> validation) {
        List<String> words = new ArrayList<>();
        Map<String, Object> rest = new java.util.LinkedHashMap<>(render);
        for (Field f : Field.values()) {
            if (f.flag()) {
                Object v = rest.remove(f.keys.get(0).key());
                if (v != null) {
                    words.add((Boolean.TRUE.equals(v) ? "with " : "no ") + f.label.toLowerCase(Locale.ROOT));
                }
            } else if (f == Field.SIZE) {
                boolean ownPreset = rest.containsKey(OptionKey.PRESET.key());
                Object p = rest.remove(OptionKey.PRESET.key());
                Object w = rest.remove(OptionKey.WIDTH.key());
                Object h = rest.remove(OptionKey.HEIGHT.key());
                if (p != null) {
                    words.add("size " + p);
                } else if (w != null || h != null) {
                    words.add("size " + (w == null ? "?" : w) + " × " + (h == null ? "?" : h));
                } else if (ownPreset) {
                    words.add("no fixed size");
                }
            } else {
                Object v = rest.remove(f.keys.get(0).key());
                if (v != null) {
                    words.add(f.label.toLowerCase(Locale.ROOT) + " " + v);
                }
            }
        }
        rest.forEach((k, v) -> words.add(k.replace('_', ' ') + " " + v));
        validation.forEach((k, v) -> words.add(k.replace('_', ' ') + " " + v));
        return words;
    }
}
