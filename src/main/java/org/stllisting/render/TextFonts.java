package org.stllisting.render;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;

/**
 * Fonts for text the charts draw from user input (a model's name): the chart's own font where it has every
 * glyph, else the first installed font that has them all, so a name in Chinese or Arabic is not drawn as boxes.
 */
final class TextFonts {
    /** The installed font families, read once (the list does not change while the program runs). */
    private static volatile List<String> families;

    private TextFonts() {
    }

    /** {@code base}, or an installed font of the same style and size that can draw all of {@code text}. */
    static Font forText(Font base, String text) {
        if (base.canDisplayUpTo(text) == -1) {
            return base;
        }
        for (String family : families()) {
            Font f = new Font(family, base.getStyle(), base.getSize());
            if (f.canDisplayUpTo(text) == -1) {
                return f;
            }
        }
        return base;
    }

    /** The characters of {@code text} that {@code font} cannot draw, in order, each once; empty if none. */
    static String undrawable(Font font, String text) {
        StringBuilder missing = new StringBuilder();
        text.codePoints().distinct().filter(cp -> !font.canDisplay(cp)).forEach(missing::appendCodePoint);
        return missing.toString();
    }

    private static List<String> families() {
        List<String> f = families;
        if (f == null) {
            f = List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
            families = f;
        }
        return f;
    }
}
