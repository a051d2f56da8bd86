package org.stllisting.render;

/** A finished 8-bit sRGB image: RGB, or RGBA when {@code alpha} (straight, not premultiplied), row by row. */
final class Frame {
    final int width;
    final int height;
    final boolean alpha;
    final byte[] data;

    Frame(int width, int height, boolean alpha, byte[] data) {
        this.width = width;
        this.height = height;
        this.alpha = alpha;
        this.data = data;
    }

    int channels() {
        return alpha ? 4 : 3;
    }

    /** 0xAARRGGBB of one pixel (for tests and drawing). */
    int argb(int x, int y) {
        int c = channels();
        int o = (y * width + x) * c;
        int a = alpha ? data[o + 3] & 0xff : 255;
        return a << 24 | (data[o] & 0xff) << 16 | (data[o + 1] & 0xff) << 8 | (data[o + 2] & 0xff);
    }
}
