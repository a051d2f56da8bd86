package org.stllisting.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * What is behind the model: a color, a vertical gradient, nothing (alpha 0) or a user image scaled to cover the
 * frame. Resolved once per image size into linear-light rows; thread-safe after construction.
 */
final class Background {
    enum Kind { COLOR, GRADIENT, TRANSPARENT, IMAGE }

    final Kind kind;
    private final int top;
    private final int bottom;
    private final Path image;

    private Background(Kind kind, int top, int bottom, Path image) {
        this.kind = kind;
        this.top = top;
        this.bottom = bottom;
        this.image = image;
    }

    static Background parse(String spec) throws RenderException {
        if (spec == null || spec.isBlank()) {
            throw new RenderException("background is missing");
        }
        String s = spec.trim();
        String lower = RenderOptions.lower(s);
        if (lower.equals("transparent")) {
            return new Background(Kind.TRANSPARENT, 0, 0, null);
        }
        if (lower.startsWith("color:")) {
            int c = Colors.parse(s.substring(6), "background color");
            return new Background(Kind.COLOR, c, c, null);
        }
        if (lower.startsWith("#")) {
            int c = Colors.parse(s, "background color");
            return new Background(Kind.COLOR, c, c, null);
        }
        if (lower.startsWith("gradient:")) {
            String[] parts = s.substring(9).split(",");
            if (parts.length != 2) {
                throw new RenderException("background '" + spec + "' needs two colors: gradient:#top,#bottom");
            }
            return new Background(Kind.GRADIENT, Colors.parse(parts[0], "gradient top color"),
                    Colors.parse(parts[1], "gradient bottom color"), null);
        }
        if (lower.startsWith("image:")) {
            return new Background(Kind.IMAGE, 0, 0, Path.of(s.substring(6)));
        }
        throw new RenderException("unknown background '" + spec
                + "' (use color:#RRGGBB, gradient:#top,#bottom, transparent or image:/path)");
    }

    boolean transparent() {
        return kind == Kind.TRANSPARENT;
    }

    /** Whether every row is one color (a color or a vertical gradient). */
    boolean uniformRows() {
        return kind == Kind.COLOR || kind == Kind.GRADIENT;
    }

    /** Repeats {@code a[o .. o + unit)} up to {@code a[o .. o + len)} by doubling copies. */
    static void fillRow(Object a, int o, int unit, int len) {
        for (int n = unit; n < len; n *= 2) {
            System.arraycopy(a, o, a, o + n, Math.min(n, len - n));
        }
    }

    /** The background of a width × height frame as linear RGB, 3 floats per pixel, row by row. */
    float[] resolve(int width, int height) throws RenderException {
        float[] out = new float[width * height * 3];
        switch (kind) {
            case TRANSPARENT -> {
                // black with alpha 0: composited values carry only the shadow
            }
            case COLOR, GRADIENT -> {
                float[] a = Colors.linear(top);
                float[] b = Colors.linear(bottom);
                for (int y = 0; y < height; y++) {
                    float t = height == 1 ? 0 : y / (float) (height - 1);
                    float r = a[0] + (b[0] - a[0]) * t;
                    float g = a[1] + (b[1] - a[1]) * t;
                    float bl = a[2] + (b[2] - a[2]) * t;
                    int o = y * width * 3;
                    out[o] = r;
                    out[o + 1] = g;
                    out[o + 2] = bl;
                    fillRow(out, o, 3, width * 3);
                }
            }
            case IMAGE -> {
                BufferedImage cover = cover(width, height);
                int[] row = new int[width];
                for (int y = 0; y < height; y++) {
                    cover.getRGB(0, y, width, 1, row, 0, width);
                    int o = y * width * 3;
                    for (int x = 0; x < width; x++, o += 3) {
                        int c = row[x];
                        out[o] = Colors.toLinear(c >> 16);
                        out[o + 1] = Colors.toLinear(c >> 8);
                        out[o + 2] = Colors.toLinear(c);
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    /** The user image scaled (keeping its aspect) so that it covers the frame, centred, the overflow cropped. */
    private BufferedImage cover(int width, int height) throws RenderException {
        BufferedImage src;
        try {
            if (!Files.isRegularFile(image)) {
                throw new RenderException("background image " + image + " does not exist");
            }
            src = ImageIO.read(image.toFile());
        } catch (IOException e) {
            throw new RenderException("background image " + image + " could not be read: " + e.getMessage(), e);
        }
        if (src == null) {
            throw new RenderException("background image " + image + " is not a PNG, JPEG, GIF or BMP image");
        }
        double scale = Math.max(width / (double) src.getWidth(), height / (double) src.getHeight());
        int sw = (int) Math.ceil(src.getWidth() * scale);
        int sh = (int) Math.ceil(src.getHeight() * scale);
        BufferedImage dst = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, (width - sw) / 2, (height - sh) / 2, sw, sh, null);
        } finally {
            g.dispose();
        }
        return dst;
    }
}
