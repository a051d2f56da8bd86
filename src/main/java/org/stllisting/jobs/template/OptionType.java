package org.stllisting.jobs.template;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The kind of value an option takes, how it is checked and how it is described to a user. */
public sealed interface OptionType {
    Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");
    /** Any number of degrees. */
    OptionType DEGREES = new Simple("degrees", "must be a number of degrees", v -> v instanceof Number);
    /** True or false. */
    OptionType FLAG = new Simple("true or false", "must be true or false", v -> v instanceof Boolean);
    /** A color as {@code #RRGGBB}. */
    OptionType COLOR = new Simple("#RRGGBB", "must be a color like #RRGGBB",
            v -> v instanceof String s && HEX.matcher(s).matches());

    /** Null when {@code v} can be used, else what it must be ("must be …"). */
    String problem(Object v);

    /** The accepted values in a few words, for help texts. */
    String describe();

    /** A value that {@code accepts} says yes to; {@code mustBe} when it does not. */
    record Simple(String describe, String mustBe, Predicate<Object> accepts) implements OptionType {
        @Override
        public String problem(Object v) {
            return accepts.test(v) ? null : mustBe;
        }
    }

    /** A whole number in {@code min..max}. */
    record Whole(int min, int max) implements OptionType {
        @Override
        public String problem(Object v) {
            if (v instanceof Integer || v instanceof Long) {
                long n = ((Number) v).longValue();
                if (n >= min && n <= max) {
                    return null;
                }
            }
            return "must be a whole number from " + min + " to " + max;
        }

        @Override
        public String describe() {
            return "whole number " + min + ".." + max;
        }
    }

    /** A number above {@code above} and at most {@code atMost}, of {@code unit}. */
    record Decimal(double above, double atMost, String unit) implements OptionType {
        @Override
        public String problem(Object v) {
            return v instanceof Number n && n.doubleValue() > above && n.doubleValue() <= atMost ? null
                    : "must be a number of " + unit + " above " + fmt(above) + " and at most " + fmt(atMost);
        }

        @Override
        public String describe() {
            return unit + ", above " + fmt(above) + " and at most " + fmt(atMost);
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    /** One of a fixed list of words (exactly as written); null too when {@code nullable}. */
    record OneOf(List<String> words, boolean nullable) implements OptionType {
        @Override
        public String problem(Object v) {
            if (v == null ? nullable : words.contains(v)) {
                return null;
            }
            return "must be one of " + String.join(", ", words) + ", not \"" + v + "\"";
        }

        @Override
        public String describe() {
            return String.join(", ", words) + (nullable ? " or null" : "");
        }
    }

    /** A list of colors as {@code #RRGGBB}. */
    record Colors() implements OptionType {
        @Override
        public String problem(Object v) {
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

        @Override
        public String describe() {
            return "list of #RRGGBB";
        }
    }

    /** A background: a color, a gradient, transparent or a picture to read (never a place to write). */
    record Background() implements OptionType {
        private static final String WHAT = "must be color:#hex, gradient:#top,#bottom, transparent or image:PATH";

        @Override
        public String problem(Object v) {
            if (!(v instanceof String s)) {
                return WHAT;
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
                return null;
            }
            return WHAT + ", not \"" + s.replace("\0", "\\0") + "\"";
        }

        @Override
        public String describe() {
            return "color:#hex, gradient:#top,#bottom, transparent or image:PATH";
        }
    }
}
