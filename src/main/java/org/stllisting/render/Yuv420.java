package org.stllisting.render;

/**
 * Packed 8-bit sRGB frames to planar YUV 4:2:0 (I420: the Y plane, then U, then V) as H.264 stores them:
 * BT.709 coefficients, limited range (Y 16..235, U/V 16..240), each chroma value from the average of its 2×2
 * pixels. Converting here, on the render threads, lets the encoder take frames as they are and halves the bytes
 * sent to it. Integer arithmetic only: the same bytes on every JVM and for any split of the rows. Stateless.
 */
final class Yuv420 {
    // BT.709 limited range, 16-bit fixed point: Y = 16 + 219/255 (0.2126 R + 0.7152 G + 0.0722 B), ...
    private static final int YR = 11966, YG = 40254, YB = 4064;
    // U = 128 + 224/255 (B - Y) / 1.8556, V = 128 + 224/255 (R - Y) / 1.5748; each row sums to 0 so grey stays 128
    private static final int UR = -6596, UG = -22188, UB = 28784;
    private static final int VR = 28784, VG = -26145, VB = -2639;

    private Yuv420() {
    }

    /** Bytes of one I420 frame; width and height must be even. */
    static int size(int width, int height) {
        return width * height * 3 / 2;
    }

    /** Converts a whole RGB frame ({@code width × height × 3} bytes) into {@code yuv}, rows split over threads. */
    static void convert(byte[] rgb, int width, int height, byte[] yuv, Parallel par) throws InterruptedException {
        par.forRange(height / 2, 32, (from, to) -> convertRows(rgb, width, height, yuv, from, to));
    }

    /** Converts the row pairs [from, to) (pair j is pixel rows 2j and 2j+1, chroma row j). */
    static void convertRows(byte[] rgb, int width, int height, byte[] yuv, int from, int to) {
        int cw = width / 2;
        int uBase = width * height;
        int vBase = uBase + cw * (height / 2);
        for (int j = from; j < to; j++) {
            int top = 2 * j * width;
            int bottom = top + width;
            for (int i = 0; i < cw; i++) {
                int p0 = 3 * (top + 2 * i);
                int p1 = 3 * (bottom + 2 * i);
                int r0 = rgb[p0] & 0xff, g0 = rgb[p0 + 1] & 0xff, b0 = rgb[p0 + 2] & 0xff;
                int r1 = rgb[p0 + 3] & 0xff, g1 = rgb[p0 + 4] & 0xff, b1 = rgb[p0 + 5] & 0xff;
                int r2 = rgb[p1] & 0xff, g2 = rgb[p1 + 1] & 0xff, b2 = rgb[p1 + 2] & 0xff;
                int r3 = rgb[p1 + 3] & 0xff, g3 = rgb[p1 + 4] & 0xff, b3 = rgb[p1 + 5] & 0xff;
                yuv[top + 2 * i] = luma(r0, g0, b0);
                yuv[top + 2 * i + 1] = luma(r1, g1, b1);
                yuv[bottom + 2 * i] = luma(r2, g2, b2);
                yuv[bottom + 2 * i + 1] = luma(r3, g3, b3);
                int r = r0 + r1 + r2 + r3, g = g0 + g1 + g2 + g3, b = b0 + b1 + b2 + b3;
                int c = j * cw + i;
                yuv[uBase + c] = (byte) ((UR * r + UG * g + UB * b + (128 << 18) + (1 << 17)) >> 18);
                yuv[vBase + c] = (byte) ((VR * r + VG * g + VB * b + (128 << 18) + (1 << 17)) >> 18);
            }
        }
    }

    private static byte luma(int r, int g, int b) {
        return (byte) ((YR * r + YG * g + YB * b + (16 << 16) + (1 << 15)) >> 16);
    }
}
