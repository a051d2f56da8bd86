package org.stllisting.render;

/**
 * Where the model may go in the frame. Marketplaces show listing images cropped: a square image as a 4:3
 * thumbnail, a 4:3 image as a square one. The safe area is the part that survives that crop, less a margin, so
 * the model is never cut in a thumbnail.
 */
final class Framing {
    static final double MARGIN = 0.09;

    private Framing() {
    }

    /** x, y, width, height of the safe area in pixels. */
    static double[] safeArea(int w, int h, String preset) {
        double x = 0, y = 0, sw = w, sh = h;
        if ("square".equals(preset)) {
            sh = Math.min(h, w * 0.75);
            y = (h - sh) / 2;
        } else if ("4:3".equals(preset)) {
            sw = Math.min(w, h);
            x = (w - sw) / 2;
        }
        double mx = sw * MARGIN;
        double my = sh * MARGIN;
        return new double[] {x + mx, y + my, sw - 2 * mx, sh - 2 * my};
    }

    /** A smaller area inside {@code safe}, leaving room around the model (for the size chart's labels). */
    static double[] inset(double[] safe, double left, double top, double right, double bottom) {
        return new double[] {safe[0] + safe[2] * left, safe[1] + safe[3] * top,
            safe[2] * (1 - left - right), safe[3] * (1 - top - bottom)};
    }
}
