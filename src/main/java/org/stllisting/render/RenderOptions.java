package org.stllisting.render;

import java.util.Locale;
import java.util.Set;

/**
 * Everything that decides how a render looks. Immutable; {@link #defaults()} is a 1920×1080 three-quarter
 * product shot. Values are validated by {@link #validate()} (called by {@link RenderService} before rendering),
 * so a template or a command line can carry any string and get a clear message back.
 *
 * @param width image width in pixels (a preset overrides it)
 * @param height image height in pixels (a preset overrides it)
 * @param material a {@link Material} word: "plastic", "metal" or "resin"
 * @param color the model's color as "#RRGGBB"
 * @param lighting a {@link Lighting} word: "studio" (key, fill, rim), "natural" or "dramatic"
 * @param background "color:#RRGGBB", "gradient:#top,#bottom", "transparent" or "image:/path/to/file"
 * @param azimuth degrees around the up axis; 0 looks at the model's front (from −Y), positive turns right
 * @param elevation degrees above the ground plane
 * @param upAxis an {@link UpAxis} word: "z" (STL's usual convention) or "y"
 * @param projection a {@link Projection} word: "perspective" or "orthographic"
 * @param quality a {@link Quality} word: "draft", "standard", "high" or "ultra" (1, 4, 9 or 16 samples per pixel)
 * @param preset null or a {@link Preset} word: "square" (2000×2000) or "4:3" (2000×1500); both keep the model
 *     inside a safe area
 */
public record RenderOptions(int width, int height, String material, String color, String lighting,
                            String background, double azimuth, double elevation, String upAxis,
                            String projection, String quality, String preset) {

    public static final Set<String> MATERIALS = Set.copyOf(Choice.ids(Material.class));
    public static final Set<String> LIGHTINGS = Set.copyOf(Choice.ids(Lighting.class));
    public static final Set<String> QUALITIES = Set.copyOf(Choice.ids(Quality.class));
    public static final Set<String> PROJECTIONS = Set.copyOf(Choice.ids(Projection.class));
    /** The largest image side accepted; bigger requests are almost always a typo and would need gigabytes. */
    public static final int MAX_SIDE = 8192;

    public static RenderOptions defaults() {
        return new RenderOptions(1920, 1080, "plastic", "#3f7fd6", "studio", "gradient:#ffffff,#dfe3e8",
                35, 24, "z", "perspective", "standard", null);
    }

    public RenderOptions withSize(int w, int h) {
        return new RenderOptions(w, h, material, color, lighting, background, azimuth, elevation, upAxis,
                projection, quality, preset);
    }

    public RenderOptions withMaterial(String v) {
        return new RenderOptions(width, height, v, color, lighting, background, azimuth, elevation, upAxis,
                projection, quality, preset);
    }

    public RenderOptions withColor(String v) {
        return new RenderOptions(width, height, material, v, lighting, background, azimuth, elevation, upAxis,
                projection, quality, preset);
    }

    public RenderOptions withLighting(String v) {
        return new RenderOptions(width, height, material, color, v, background, azimuth, elevation, upAxis,
                projection, quality, preset);
    }

    public RenderOptions withBackground(String v) {
        return new RenderOptions(width, height, material, color, lighting, v, azimuth, elevation, upAxis,
                projection, quality, preset);
    }

    public RenderOptions withAzimuth(double v) {
        return new RenderOptions(width, height, material, color, lighting, background, v, elevation, upAxis,
                projection, quality, preset);
    }

    public RenderOptions withElevation(double v) {
        return new RenderOptions(width, height, material, color, lighting, background, azimuth, v, upAxis,
                projection, quality, preset);
    }

    public RenderOptions withUpAxis(String v) {
        return new RenderOptions(width, height, material, color, lighting, background, azimuth, elevation, v,
                projection, quality, preset);
    }

    public RenderOptions withProjection(String v) {
        return new RenderOptions(width, height, material, color, lighting, background, azimuth, elevation, upAxis,
                v, quality, preset);
    }

    public RenderOptions withQuality(String v) {
        return new RenderOptions(width, height, material, color, lighting, background, azimuth, elevation, upAxis,
                projection, v, preset);
    }

    public RenderOptions withPreset(String v) {
        return new RenderOptions(width, height, material, color, lighting, background, azimuth, elevation, upAxis,
                projection, quality, v);
    }

    /** The image width after applying the preset. */
    public int effectiveWidth() {
        return preset == null ? width : presetSize().width();
    }

    /** The image height after applying the preset. */
    public int effectiveHeight() {
        return preset == null ? height : presetSize().height();
    }

    /** The preset named, square when the name is unknown (which {@link #validate()} refuses). */
    private Preset presetSize() {
        Preset p = Choice.find(Preset.class, preset);
        return p == null ? Preset.SQUARE : p;
    }

    /** Anti-aliasing samples per pixel side (the sample count is its square). */
    public int samplesPerSide() {
        Quality q = Choice.find(Quality.class, quality);
        return (q == null ? Quality.STANDARD : q).samplesPerSide();
    }

    /** Checks every field; the message names the option and the accepted values. */
    public void validate() throws RenderException {
        int w = effectiveWidth();
        int h = effectiveHeight();
        if (w < 16 || h < 16 || w > MAX_SIDE || h > MAX_SIDE) {
            throw new RenderException("image size " + w + "x" + h + " is outside 16.." + MAX_SIDE + " pixels");
        }
        oneOf("material", material, MATERIALS);
        oneOf("lighting", lighting, LIGHTINGS);
        oneOf("quality", quality, QUALITIES);
        oneOf("projection", projection, PROJECTIONS);
        oneOf("up axis", upAxis, Set.copyOf(Choice.ids(UpAxis.class)));
        if (preset != null && !Choice.ids(Preset.class).contains(preset)) {
            throw new RenderException("unknown preset '" + preset + "' (use "
                    + String.join(" or ", Choice.ids(Preset.class)) + ")");
        }
        Colors.parse(color, "color");
        Background.parse(background);
        if (!Double.isFinite(azimuth)) {
            throw new RenderException("azimuth " + degrees(azimuth) + " is not a number of degrees");
        }
        if (!Double.isFinite(elevation) || Math.abs(elevation) > 89.9) {
            throw new RenderException("elevation " + degrees(elevation) + " is outside -89.9 to 89.9 degrees: the "
                    + "camera cannot look straight down or up (89.9 is a view from above)");
        }
    }

    /** {@code 90}, {@code 35.5}, {@code NaN}: an angle as the user typed it. */
    private static String degrees(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void oneOf(String what, String value, Set<String> allowed) throws RenderException {
        if (value == null || !allowed.contains(lower(value))) {
            throw new RenderException("unknown " + what + " '" + value + "' (use one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
