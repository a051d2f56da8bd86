package org.stllisting.output;

import java.util.Locale;

/**
 * What the naming suffixes of an image or video say about it.
 *
 * @param quality draft, standard, high or ultra
 * @param material plastic, metal or resin
 */
public record RenderTags(String quality, String material, int width, int height) {
    /** {@code 1920x1080}, or {@code 4k} for 3840×2160. */
    public String sizeLabel() {
        if (width == 3840 && height == 2160) {
            return "4k";
        }
        return width + "x" + height;
    }

    String qualityLabel() {
        return quality == null ? "standard" : FileNames.colorPart(quality.toLowerCase(Locale.ROOT));
    }

    String materialLabel() {
        return material == null ? "plastic" : FileNames.colorPart(material.toLowerCase(Locale.ROOT));
    }
}
