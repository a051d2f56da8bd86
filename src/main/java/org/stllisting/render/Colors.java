package org.stllisting.render;

/** sRGB ↔ linear conversions and color parsing. Pure functions, thread-safe. */
final class Colors {
    private static final int LUT_BITS = 14;
    private static final int LUT_SIZE = 1 << LUT_BITS;
    /** Linear [0,1] → sRGB byte, indexed by round(v * (LUT_SIZE - 1)). */
    private static final byte[] TO_SRGB = new byte[LUT_SIZE];
    private static final float[] TO_LINEAR = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            TO_LINEAR[i] = (float) linearOf(i / 255.0);
        }
        // The table is a staircase: entry i is srgbByte(i), which never decreases with i. Rather than evaluating
        // it at all 16384 entries (a pow each, a noticeable part of a small render's start), find where each of
        // the 255 steps begins — the inverse curve gives the place, srgbByte itself settles the entries beside
        // it — and fill the runs between. Same bytes as the entry-by-entry table (test).
        int from = 0;
        for (int k = 1; k <= 255; k++) {
            double s = (k - 0.5) / 255;
            // only a first guess (srgbByte decides), so the quick Math.pow will do
            int at = (int) Math.ceil((s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4)) * (LUT_SIZE - 1));
            at = Math.max(from, Math.min(LUT_SIZE, at));
            while (at > from && srgbByte(at - 1) >= k) {
                at--;
            }
            while (at < LUT_SIZE && srgbByte(at) < k) {
                at++;
            }
            java.util.Arrays.fill(TO_SRGB, from, at, (byte) (k - 1));
            from = at;
        }
        java.util.Arrays.fill(TO_SRGB, from, LUT_SIZE, (byte) 255);
    }

    /** The sRGB byte of table entry {@code i} (linear value i / (LUT_SIZE - 1)), rounded to nearest. */
    static int srgbByte(int i) {
        double v = i / (double) (LUT_SIZE - 1);
        double s = v <= 0.0031308 ? 12.92 * v : 1.055 * StrictMath.pow(v, 1 / 2.4) - 0.055;
        return Math.max(0, Math.min(255, (int) Math.floor(s * 255 + 0.5)));
    }

    private static double linearOf(double s) {
        return s <= 0.04045 ? s / 12.92 : StrictMath.pow((s + 0.055) / 1.055, 2.4);
    }

    static int lutSize() {
        return LUT_SIZE;
    }

    /** The table entry {@code i}, for tests. */
    static int lutEntry(int i) {
        return TO_SRGB[i] & 0xff;
    }

    private Colors() {
    }

    /** Linear value (clamped to [0,1]) to an sRGB byte value 0..255. */
    static int toSrgb(float linear) {
        if (!(linear > 0)) {
            return 0;
        }
        if (linear >= 1) {
            return 255;
        }
        return TO_SRGB[(int) (linear * (LUT_SIZE - 1) + 0.5f)] & 0xff;
    }

    static float toLinear(int srgb8) {
        return TO_LINEAR[srgb8 & 0xff];
    }

    /** Parses "#RRGGBB" (or "RRGGBB") to 0xRRGGBB. */
    static int parse(String hex, String what) throws RenderException {
        if (hex == null) {
            throw new RenderException(what + " is missing (use #RRGGBB)");
        }
        String h = hex.trim();
        if (h.startsWith("#")) {
            h = h.substring(1);
        }
        if (h.length() != 6) {
            throw new RenderException(what + " '" + hex + "' is not a color (use #RRGGBB)");
        }
        try {
            return Integer.parseInt(h, 16);
        } catch (NumberFormatException e) {
            throw new RenderException(what + " '" + hex + "' is not a color (use #RRGGBB)");
        }
    }

    /** 0xRRGGBB to linear r, g, b. */
    static float[] linear(int rgb) {
        return new float[] {toLinear(rgb >> 16), toLinear(rgb >> 8), toLinear(rgb)};
    }
}
