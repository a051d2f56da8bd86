package org.stllisting.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One value of a fixed set of render choices (a material, a lighting …), named by the lowercase word that
 * templates and the command line use. The enums implementing it are the only list of their words.
 */
public interface Choice {
    /** The word templates and the command line use: the constant's name in lowercase unless overridden. */
    default String id() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /** Every word of {@code type}, in declaration order. */
    static <E extends Enum<E> & Choice> List<String> ids(Class<E> type) {
        List<String> l = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            l.add(e.id());
        }
        return List.copyOf(l);
    }

    /** The value named {@code text} (any case, surrounding blanks ignored), or null when there is none. */
    static <E extends Enum<E> & Choice> E find(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(t)) {
                return e;
            }
        }
        return null;
    }
}
