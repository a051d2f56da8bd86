package org.stllisting.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The size chart: a render of the model with engineering-style dimension lines (extension lines, arrows, a label
 * in millimetres and inches) for width (X), depth and height (the up axis), the model name as a title and the
 * overall size as a caption. Text is drawn with Java2D, which works headless. Stateless.
 */
final class SizeChart {
    static final double MM_PER_INCH = 25.4;
    private static final Color INK = new Color(0x26, 0x2b, 0x33);
    private static final Color ACCENT = new Color(0xd9, 0x4f, 0x1e);
    /**
     * The room left and right of the framed box with its dimension lines, as fractions of the safe area, tried in
     * this order: the first whose labels all find a clear place is used, else the one whose labels cross least.
     */
    private static final double[] SIDE_ROOM = {0.05, 0.09, 0.13, 0.16};
    /** The largest share of a label's box that may lie over the model's box for a framing to count as clear. */
    private static final double MAX_COVERED = 0.2;

    private SizeChart() {
    }

    /** The model's width, depth and height in mm (the bounding box, in the up-axis frame). */
    static double[] dimensions(Model m) {
        return new double[] {m.sizeX(), m.sizeY(), m.sizeZ()};
    }

    /**
     * The label text for a length: one decimal in millimetres, two in inches, and below 1 as many as show two
     * significant digits (a model exported in metres measures 0.034 mm, not 0.0 mm).
     */
    static String label(double mm) {
        return millimetres(mm) + " mm  |  " + inches(mm) + " in";
    }

    /** A length in millimetres as the chart writes it (without the unit). */
    private static String millimetres(double mm) {
        return number(mm, 1);
    }

    /** A length given in millimetres, in inches as the chart writes it (without the unit). */
    private static String inches(double mm) {
        return number(mm / MM_PER_INCH, 2);
    }

    /** {@code v} with {@code decimals} decimals, or more below 1 so that two significant digits show (at most 6). */
    static String number(double v, int decimals) {
        double a = Math.abs(v);
        int d = decimals;
        if (a > 0 && a < 1) {
            d = Math.max(d, Math.min(6, (int) Math.ceil(-Math.log10(a)) + 1));
        }
        return String.format(Locale.ROOT, "%." + d + "f", v);
    }

    /** Labels for width, depth, height, in that order. */
    static List<String> labels(Model m) {
        double[] d = dimensions(m);
        return List.of(label(d[0]), label(d[1]), label(d[2]));
    }

    static Frame draw(Model m, RenderOptions options, String name, Parallel par)
            throws RenderException, InterruptedException {
        return draw(m, options, name, par, new ArrayList<>(), new ArrayList<>());
    }

    /**
     * As {@link #draw(Model, RenderOptions, String, Parallel)}, also handing back where the labels went and the
     * dimension and extension lines they must not cover ({left, top, right, bottom} boxes and {x0, y0, x1, y1}
     * segments, in pixels), for tests.
     */
    static Frame draw(Model m, RenderOptions options, String name, Parallel par, List<double[]> labelBoxes,
                      List<double[]> lineSegments) throws RenderException, InterruptedException {
        RenderOptions o = options;
        if (Background.parse(o.background()).transparent()) {
            o = o.withBackground("color:#ffffff");
        }
        int w = o.effectiveWidth();
        int h = o.effectiveHeight();
        double[] safe = Framing.safeArea(w, h, o.preset());
        int unit = Math.min(w, h);
        float stroke = Math.max(1.5f, unit / 420f);
        FontSetup.ensureStarted();
        Font labelFont = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, Math.round(unit / 34f)));
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(13, Math.round(unit / 22f)));
        Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.round(unit / 42f)));
        double[] dims = dimensions(m);
        String[] names = {"W  ", "D  ", "H  "};
        List<String[][]> texts = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            // one line, or where that does not fit, millimetres over inches
            texts.add(new String[][] {{names[k] + label(dims[k])},
                {names[k] + millimetres(dims[k]) + " mm", inches(dims[k]) + " in"}});
        }
        // the text's measures, from a scratch canvas with the chart's rendering hints
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D sg = scratch.createGraphics();
        FontMetrics fm;
        FontMetrics tmBox;
        FontMetrics cmBox;
        try {
            hints(sg);
            fm = sg.getFontMetrics(labelFont);
            tmBox = sg.getFontMetrics(titleFont);
            cmBox = sg.getFontMetrics(captionFont);
        } finally {
            sg.dispose();
        }
        // the model as large as its labels allow: the room beside it shrinks step by step from the widest framing
        // until each label finds a place that covers no line, no other label and little of the model; labels stay
        // between the title and the caption, a third of a text line clear of them where that leaves them room
        Layout chosen = null;
        for (double clearance : new double[] {(fm.getAscent() + fm.getDescent()) / 3.0, 0}) {
            double[] band = {safe[1] + tmBox.getAscent() + tmBox.getDescent() + clearance,
                safe[1] + safe[3] - cmBox.getDescent() - cmBox.getAscent() - stroke * 2 - clearance};
            for (double side : SIDE_ROOM) {
                Layout l = layout(m, o, Framing.inset(safe, side, 0.13, side, 0.12), fm, stroke, texts, w, band, par);
                if (chosen == null || l.conflicts() < chosen.conflicts()) {
                    chosen = l;
                }
                if (l.clear()) {
                    chosen = l;
                    break;
                }
            }
            if (chosen.clear()) {
                break;
            }
        }
        Camera cam = chosen.cam;
        Frame f = RenderService.renderWith(m, cam, o, w, h, par);

        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = f.argb(x, y);
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        Graphics2D g = img.createGraphics();
        try {
            hints(g);
            double x0 = m.minX, x1 = m.maxX, y0 = m.minY, y1 = m.maxY, z0 = m.minZ, z1 = m.maxZ;
            // the measured edges of the bounding box, dashed, so the dimension lines have something to refer to
            g.setColor(new Color(0x26, 0x2b, 0x33, 110));
            g.setStroke(new BasicStroke(stroke * 0.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {stroke * 4, stroke * 3}, 0f));
            double yf = chosen.front[1], xf = chosen.front[0];
            double[] corner = chosen.heightCorner;
            line3(g, cam, x0, yf, z0, x1, yf, z0);
            line3(g, cam, xf, y0, z0, xf, y1, z0);
            line3(g, cam, corner[0], corner[1], z0, corner[0], corner[1], z1);
            for (Dim d : chosen.lines) {
                drawDimension(g, stroke, d);
            }
            lineSegments.addAll(segments(chosen.lines));
            g.setFont(labelFont);
            for (Label l : chosen.labels) {
                drawLabel(g, fm, stroke, l);
                labelBoxes.add(l.box());
            }

            // title and caption
            g.setColor(INK);
            g.setFont(titleFont);
            FontMetrics tm = g.getFontMetrics();
            String title = fit(name.isBlank() ? "Model" : name, tm, (int) (w * 0.9));
            g.drawString(title, (float) (w - tm.stringWidth(title)) / 2, (float) (safe[1] + tm.getAscent()));
            g.setFont(captionFont);
            FontMetrics cm = g.getFontMetrics();
            String caption = millimetres(dims[0]) + " × " + millimetres(dims[1]) + " × " + millimetres(dims[2])
                    + " mm   (" + inches(dims[0]) + " × " + inches(dims[1]) + " × " + inches(dims[2])
                    + " in)   W × D × H";
            g.setColor(new Color(0x55, 0x5d, 0x68));
            g.drawString(caption, (float) (w - cm.stringWidth(caption)) / 2, (float) (safe[1] + safe[3] - cm.getDescent()));
        } finally {
            g.dispose();
        }
        byte[] data = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int o3 = (y * w + x) * 3;
                data[o3] = (byte) (row[x] >> 16);
                data[o3 + 1] = (byte) (row[x] >> 8);
                data[o3 + 2] = (byte) row[x];
            }
        }
        return new Frame(w, h, false, data);
    }

    private static String fit(String s, FontMetrics fm, int max) {
        if (fm.stringWidth(s) <= max) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** A dimension line on screen: its ends, the model corners it measures, and its direction away from the model. */
    private record Dim(double[] qa, double[] qb, double[] pa, double[] pb, double ox, double oy) {
    }

    /** A label: its centre, half sizes, text lines, and what it could not avoid (crossings, share over the model). */
    private record Label(double cx, double cy, double halfW, double halfH, String[] text, int conflicts,
                         double covered) {
        /** The label's box {left, top, right, bottom}. */
        double[] box() {
            return new double[] {cx - halfW, cy - halfH, cx + halfW, cy + halfH};
        }
    }

    /** Per dimension line, in order: the line itself, then its two extension lines, as {x0, y0, x1, y1}. */
    private static List<double[]> segments(List<Dim> lines) {
        List<double[]> segments = new ArrayList<>();
        for (Dim d : lines) {
            segments.add(new double[] {d.qa[0], d.qa[1], d.qb[0], d.qb[1]});
            segments.add(new double[] {d.pa[0], d.pa[1], d.qa[0], d.qa[1]});
            segments.add(new double[] {d.pb[0], d.pb[1], d.qb[0], d.qb[1]});
        }
        return segments;
    }

    /**
     * One framing of the chart: the camera, the floor edges that carry width and depth ({x of the depth edge, y of
     * the width edge}), the ground corner that carries the height, the three dimension lines and their labels.
     */
    private record Layout(Camera cam, double[] front, double[] heightCorner, List<Dim> lines, List<Label> labels) {
        /** Lines and other labels the labels cross, in all. */
        int conflicts() {
            int n = 0;
            for (Label l : labels) {
                n += l.conflicts;
            }
            return n;
        }

        /** Every label clear of lines and other labels, and mostly off the model. */
        boolean clear() {
            for (Label l : labels) {
                if (l.conflicts > 0 || l.covered > MAX_COVERED) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The chart's layout with the bounding box and its dimension lines framed to fill {@code room}. */
    private static Layout layout(Model m, RenderOptions o, double[] room, FontMetrics fm, float stroke,
                                 List<String[][]> texts, int w, double[] band, Parallel par)
            throws InterruptedException {
        // frame the bounding box with the dimension lines around it, not just the model
        double gap = 0.10 * m.largestSide();
        float[] pts = new float[8 * 3];
        for (int i = 0; i < 8; i++) {
            pts[3 * i] = (float) ((i & 1) == 0 ? m.minX - gap : m.maxX + gap);
            pts[3 * i + 1] = (float) ((i & 2) == 0 ? m.minY - gap : m.maxY + gap);
            pts[3 * i + 2] = (float) ((i & 4) == 0 ? m.minZ : m.maxZ);
        }
        Camera cam = Camera.framed(m, pts, new double[] {o.azimuth()}, o.elevation(),
                "perspective".equals(RenderOptions.lower(o.projection())), room, par);
        double x0 = m.minX, x1 = m.maxX, y0 = m.minY, y1 = m.maxY, z0 = m.minZ, z1 = m.maxZ;
        double[] d = Camera.direction(o.azimuth(), o.elevation());
        // the edges nearest the camera carry width and depth; dimension lines sit just outside them on the floor
        double yf = d[1] < 0 ? y0 : y1;
        double ySign = d[1] < 0 ? -1 : 1;
        double xf = d[0] > 0 ? x1 : x0;
        double xSign = d[0] > 0 ? 1 : -1;
        // height on the ground corner furthest left on screen, pushed outward from the model
        double[][] corners = {{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}};
        int best = 0;
        double bestX = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            double px = cam.project(corners[i][0], corners[i][1], z0)[0];
            if (px < bestX) {
                bestX = px;
                best = i;
            }
        }
        double cxm = (x0 + x1) / 2, cym = (y0 + y1) / 2;
        double ox = corners[best][0] - cxm, oy = corners[best][1] - cym;
        double ol = Math.max(1e-9, Math.hypot(ox, oy));
        List<Dim> lines = List.of(
                dimension(cam, new double[] {x0, yf, z0}, new double[] {x1, yf, z0}, new double[] {0, ySign * gap, 0}),
                dimension(cam, new double[] {xf, y0, z0}, new double[] {xf, y1, z0}, new double[] {xSign * gap, 0, 0}),
                dimension(cam, new double[] {corners[best][0], corners[best][1], z0},
                        new double[] {corners[best][0], corners[best][1], z1},
                        new double[] {ox / ol * gap, oy / ol * gap, 0}));
        // the model's box on screen, which labels should not cover
        double[] modelBox = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int i = 0; i < 8; i++) {
            double[] p = cam.project((i & 1) == 0 ? x0 : x1, (i & 2) == 0 ? y0 : y1, (i & 4) == 0 ? z0 : z1);
            modelBox[0] = Math.min(modelBox[0], p[0]);
            modelBox[1] = Math.min(modelBox[1], p[1]);
            modelBox[2] = Math.max(modelBox[2], p[0]);
            modelBox[3] = Math.max(modelBox[3], p[1]);
        }
        List<Label> labels = labels(fm, stroke, lines, texts, modelBox, w, band);
        return new Layout(cam, new double[] {xf, yf}, corners[best], lines, labels);
    }

    /** The dimension line between a and b (world) moved by {@code offset}, on screen. */
    private static Dim dimension(Camera cam, double[] a, double[] b, double[] offset) {
        double[] pa = cam.project(a[0], a[1], a[2]);
        double[] pb = cam.project(b[0], b[1], b[2]);
        double[] qa = cam.project(a[0] + offset[0], a[1] + offset[1], a[2] + offset[2]);
        double[] qb = cam.project(b[0] + offset[0], b[1] + offset[1], b[2] + offset[2]);
        // the direction away from the model on screen
        double ox = (qa[0] - pa[0] + qb[0] - pb[0]) / 2, oy = (qa[1] - pa[1] + qb[1] - pb[1]) / 2;
        double ol = Math.max(1e-9, Math.hypot(ox, oy));
        return new Dim(qa, qb, pa, pb, ox / ol, oy / ol);
    }

    /** Draws a dimension line with its extension lines and arrows. */
    private static void drawDimension(Graphics2D g, float stroke, Dim d) {
        double[] qa = d.qa, qb = d.qb;
        // extension lines from the model's corners, slightly past the dimension line
        g.setColor(new Color(0x26, 0x2b, 0x33, 150));
        g.setStroke(new BasicStroke(stroke * 0.7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        extension(g, d.pa, qa);
        extension(g, d.pb, qb);
        g.setColor(ACCENT);
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        double len = Math.hypot(qb[0] - qa[0], qb[1] - qa[1]);
        double arrow = Math.min(len / 3, stroke * 7);
        double ux = (qb[0] - qa[0]) / Math.max(1e-9, len), uy = (qb[1] - qa[1]) / Math.max(1e-9, len);
        g.draw(new java.awt.geom.Line2D.Double(qa[0] + ux * arrow * 0.8, qa[1] + uy * arrow * 0.8,
                qb[0] - ux * arrow * 0.8, qb[1] - uy * arrow * 0.8));
        arrowHead(g, qa, -ux, -uy, arrow);
        arrowHead(g, qb, ux, uy, arrow);
    }

    /**
     * The labels of the dimension lines, each beside its own line: away from the model if it fits there, else past
     * one end of the line or to one side of it, on one line or, where that fits better, on two; wherever it covers
     * no dimension or extension line, no label placed before it and as little of the model's box as it can, inside
     * the picture and between the title and the caption ({@code band}: top, bottom). {@code texts}: per line, its
     * layouts in order of preference, each a list of text lines.
     */
    private static List<Label> labels(FontMetrics fm, float stroke, List<Dim> lines, List<String[][]> texts,
                                      double[] modelBox, int imageW, double[] band) {
        int th = fm.getAscent() + fm.getDescent();
        double pad = th * 0.35;
        double margin = th * 0.4;
        List<double[]> segments = segments(lines);
        List<double[]> placed = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            Dim d = lines.get(k);
            double mx = (d.qa[0] + d.qb[0]) / 2, my = (d.qa[1] + d.qb[1]) / 2;
            double len = Math.max(1e-9, Math.hypot(d.qb[0] - d.qa[0], d.qb[1] - d.qa[1]));
            double ux = (d.qb[0] - d.qa[0]) / len, uy = (d.qb[1] - d.qa[1]) / len;
            double gapPx = stroke * 2;
            // where a label may start from and the direction it is pushed, in order of preference
            double[][] candidates = {
                {mx, my, d.ox, d.oy},
                {d.qb[0], d.qb[1], ux, uy},
                {d.qa[0], d.qa[1], -ux, -uy},
                {mx, my, -uy, ux},
                {mx, my, uy, -ux},
            };
            double bestScore = Double.POSITIVE_INFINITY;
            Label best = null;
            String[][] layouts = texts.get(k);
            for (int l = 0; l < layouts.length; l++) {
                String[] text = layouts[l];
                int tw = 0;
                for (String t : text) {
                    tw = Math.max(tw, fm.stringWidth(t));
                }
                double halfW = tw / 2.0 + pad, halfH = th * text.length / 2.0 + pad * 0.6;
                for (int c = 0; c < candidates.length; c++) {
                    double[] cand = candidates[c];
                    // distance so the box clears its starting point (the box's support in that direction), and
                    // further, a quarter line at a time, until it clears its own dimension line (a slanted line
                    // comes closer at one end)
                    double push = Math.abs(cand[2]) * halfW + Math.abs(cand[3]) * halfH + 2 * gapPx;
                    // segments hold each dimension line first, then its two extension lines
                    double[] own = segments.get(3 * k);
                    for (int step = 0; step < 12 && crosses(own, grown(cand[0] + cand[2] * push,
                            cand[1] + cand[3] * push, halfW, halfH, gapPx)); step++) {
                        push += th / 4.0;
                    }
                    double lx = cand[0] + cand[2] * push, ly = cand[1] + cand[3] * push;
                    double cx = Math.max(halfW + margin, Math.min(imageW - halfW - margin, lx));
                    double cy = Math.max(band[0] + halfH, Math.min(band[1] - halfH, ly));
                    double[] box = grown(cx, cy, halfW, halfH, gapPx);
                    int conflicts = 0;
                    for (double[] sgm : segments) {
                        conflicts += crosses(sgm, box) ? 1 : 0;
                    }
                    for (double[] other : placed) {
                        conflicts += overlapArea(other, box) > 0 ? 2 : 0;
                    }
                    // covering part of the model is worse than any other choice without crossings
                    double covered = overlapArea(modelBox, box) / ((box[2] - box[0]) * (box[3] - box[1]));
                    // moved by the picture's edges: further from its line than planned
                    double moved = Math.hypot(cx - lx, cy - ly) / th;
                    double score = conflicts * 1000 + covered * 20 + moved + c * 1.5 + l * 4;
                    if (score < bestScore) {
                        bestScore = score;
                        best = new Label(cx, cy, halfW, halfH, text, conflicts, covered);
                    }
                }
            }
            placed.add(best.box());
            labels.add(best);
        }
        return labels;
    }

    /** Draws a label: a rounded white box with an accent frame and its text lines centred. */
    private static void drawLabel(Graphics2D g, FontMetrics fm, float stroke, Label l) {
        int th = fm.getAscent() + fm.getDescent();
        RoundRectangle2D.Double frame = new RoundRectangle2D.Double(l.cx - l.halfW, l.cy - l.halfH,
                2 * l.halfW, 2 * l.halfH, th * 0.5, th * 0.5);
        g.setColor(new Color(255, 255, 255, 225));
        g.fill(frame);
        g.setColor(ACCENT);
        g.setStroke(new BasicStroke(stroke * 0.6f));
        g.draw(frame);
        g.setColor(INK);
        double top = l.cy - th * l.text.length / 2.0;
        for (int i = 0; i < l.text.length; i++) {
            int tw = fm.stringWidth(l.text[i]);
            g.drawString(l.text[i], (float) (l.cx - tw / 2.0), (float) (top + i * th + fm.getAscent()));
        }
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    /** The box {left, top, right, bottom} around (cx, cy) with half sizes halfW, halfH, grown by {@code by}. */
    private static double[] grown(double cx, double cy, double halfW, double halfH, double by) {
        return new double[] {cx - halfW - by, cy - halfH - by, cx + halfW + by, cy + halfH + by};
    }

    /** The area two boxes {left, top, right, bottom} share. */
    private static double overlapArea(double[] a, double[] b) {
        double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        return w > 0 && h > 0 ? w * h : 0;
    }

    /** Whether the segment {x0, y0, x1, y1} passes through the box {left, top, right, bottom}. */
    static boolean crosses(double[] sgm, double[] box) {
        double len = Math.hypot(sgm[2] - sgm[0], sgm[3] - sgm[1]);
        int steps = Math.max(2, (int) Math.ceil(len));
        for (int i = 0; i <= steps; i++) {
            double t = i / (double) steps;
            double x = sgm[0] + (sgm[2] - sgm[0]) * t, y = sgm[1] + (sgm[3] - sgm[1]) * t;
            if (x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]) {
                return true;
            }
        }
        return false;
    }

    private static void line3(Graphics2D g, Camera cam, double ax, double ay, double az, double bx, double by,
                              double bz) {
        double[] p = cam.project(ax, ay, az);
        double[] q = cam.project(bx, by, bz);
        g.draw(new java.awt.geom.Line2D.Double(p[0], p[1], q[0], q[1]));
    }

    private static void extension(Graphics2D g, double[] from, double[] to) {
        double dx = to[0] - from[0], dy = to[1] - from[1];
        double l = Math.hypot(dx, dy);
        if (l < 1) {
            return;
        }
        double start = Math.min(6, l * 0.15);
        g.draw(new java.awt.geom.Line2D.Double(from[0] + dx / l * start, from[1] + dy / l * start,
                to[0] + dx / l * 6, to[1] + dy / l * 6));
    }

    private static void arrowHead(Graphics2D g, double[] tip, double ux, double uy, double size) {
        double bx = tip[0] - ux * size, by = tip[1] - uy * size;
        double nx = -uy * size * 0.38, ny = ux * size * 0.38;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(tip[0], tip[1]);
        p.lineTo(bx + nx, by + ny);
        p.lineTo(bx - nx, by - ny);
        p.closePath();
        g.fill(p);
    }
}
