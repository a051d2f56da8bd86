package org.stllisting.render;

/**
 * A 360° turntable video. The model turns once, starting at the render options' azimuth.
 *
 * @param width video width in pixels (rounded down to even, as H.264 in yuv420p needs)
 * @param height video height in pixels (rounded down to even)
 * @param seconds length of one full turn
 * @param fps frames per second
 * @param quality anti-aliasing quality of the frames ("draft", "standard", "high", "ultra")
 * @param crf x264 constant rate factor: lower is better and bigger (18–28 is sensible)
 */
public record TurntableOptions(int width, int height, double seconds, int fps, String quality, int crf) {

    public static TurntableOptions defaults() {
        return new TurntableOptions(1080, 1080, 8, 30, "standard", 20);
    }

    public TurntableOptions withSize(int w, int h) {
        return new TurntableOptions(w, h, seconds, fps, quality, crf);
    }

    public TurntableOptions withLength(double s, int f) {
        return new TurntableOptions(width, height, s, f, quality, crf);
    }

    public TurntableOptions withQuality(String q) {
        return new TurntableOptions(width, height, seconds, fps, q, crf);
    }

    public int evenWidth() {
        return width & ~1;
    }

    public int evenHeight() {
        return height & ~1;
    }

    public int frameCount() {
        return (int) Math.round(seconds * fps);
    }

    void validate() throws RenderException {
        if (evenWidth() < 16 || evenHeight() < 16 || width > RenderOptions.MAX_SIDE || height > RenderOptions.MAX_SIDE) {
            throw new RenderException("video size " + width + "x" + height + " is outside 16.." + RenderOptions.MAX_SIDE);
        }
        if (fps < 1 || fps > 120 || !(seconds > 0) || seconds > 600 || frameCount() < 1) {
            throw new RenderException("video length must be 0..600 s at 1..120 fps");
        }
        if (crf < 0 || crf > 51) {
            throw new RenderException("crf must be 0..51");
        }
    }
}
