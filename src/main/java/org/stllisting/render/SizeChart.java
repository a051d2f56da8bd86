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
import org.stllisting.mesh.analyze.UnitScale;

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
     * The largest share of a label's box that may lie over the outline of the model's bounding box for a framing
     * to count as clear.
     */
    private static final double MAX_COVERED = 0.01;
    /**
     * What a label's reach beyond the framed lines costs per text line, across and up and down: layouts are tried
     * with each, and the one with the largest model is drawn (a wide picture has room for labels beside the model,
     * a narrow one above and below it).
     */
    private static final double[][] REACH = {{0.3, 0.3}, {2, 0}, {0, 2}};
    /** The ground corners the height line may stand at, by where they are on screen. */
    private enum HeightCorner { LEFT, RIGHT, BACK }
    /** The framing's room shrinks by this factor per try until the labels fit. */
    private static final double SHRINK = 0.96;
    /** The smallest share of the room the framing is shrunk to before giving up on a clear layout. */
    private static final double MIN_SCALE = 0.15;

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
        return chart(m, options, name, par).frame();
    }

    /**
     * As {@link #draw(Model, RenderOptions, String, Parallel)}, also handing back where the labels went and the
     * dimension and extension lines they must not cover ({left, top, right, bottom} boxes and {x0, y0, x1, y1}
     * segments, in pixels), for tests.
     */
    static Frame draw(Model m, RenderOptions options, String name, Parallel par, List<double[]> labelBoxes,
                      List<double[]> lineSegments) throws RenderException, InterruptedException {
        Chart c = chart(m, options, name, par);
        labelBoxes.addAll(c.labelBoxes());
        lineSegments.addAll(c.segments());
        return c.frame();
    }

    /**
     * A drawn chart and where its parts went, in pixels: the safe area {x, y, width, height}; the model's outline
     * on screen as a box {left, top, right, bottom}; the width, depth and height dimension lines {x0, y0, x1, y1};
     * their labels' boxes {left, top, right, bottom} in the same order; every dimension and extension line; the
     * notes drawn on the chart (a likely unit mistake) and their box (null without notes); the font the title was
     * drawn with; and warnings about the chart (text no installed font can draw).
     */
    record Chart(Frame frame, double[] safe, double[] modelBox, List<double[]> dimensionLines,
                 List<double[]> labelBoxes, List<double[]> segments, List<String> notes, double[] notesBox,
                 Font titleFont, List<String> warnings) {
    }

    /** Draws the chart and hands back where its parts went. */
    static Chart chart(Model m, RenderOptions options, String name, Parallel par)
            throws RenderException, InterruptedException {
        List<double[]> labelBoxes = new ArrayList<>();
        List<double[]> lineSegments = new ArrayList<>();
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
        // a likely unit mistake is said on the chart itself, on a line above the caption
        List<String> notes = UnitScale.shortNote(Math.max(dims[0], Math.max(dims[1], dims[2]))).stream().toList();
        double noteLine = notes.isEmpty() ? 0 : (cmBox.getAscent() + cmBox.getDescent()) * 1.2;
        // the model as large as its labels allow: the framing is fitted to the room its labels leave between the
        // title and the caption (or the note), a third of a text line clear of them where that leaves them room;
        // every way of placing the height line and of weighing the labels' reach is tried, the largest model wins
        Setup setup = new Setup(m, o, fm, stroke, texts, par);
        Layout chosen = null;
        for (double clearance : new double[] {(fm.getAscent() + fm.getDescent()) / 3.0, 0}) {
            double top = safe[1] + tmBox.getAscent() + tmBox.getDescent() + clearance;
            double bottom = safe[1] + safe[3] - cmBox.getDescent() - cmBox.getAscent() - stroke * 2 - noteLine
                    - clearance;
            double[] target = {safe[0], top, safe[2], bottom - top};
            double floor = 0;
            for (HeightCorner corner : HeightCorner.values()) {
                for (double[] reach : REACH) {
                    // each way only needs trying down to the model's size another already reached (its focal length)
                    Layout l = fit(setup, target, new Variant(reach[0], reach[1], corner), floor);
                    if (chosen == null || l.betterThan(chosen)) {
                        chosen = l;
                    }
                    if (chosen.clear() && chosen.fits()) {
                        floor = Math.max(floor, chosen.cam.focal);
                    }
                }
            }
            if (chosen.clear() && chosen.fits()) {
                break;
            }
        }
        if (!chosen.fits()) {
            chosen = chosen.clamped();
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
        List<String> warnings = new ArrayList<>();
        double[] notesBox = null;
        Font usedTitleFont;
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
            String wanted = name.isBlank() ? "Model" : name;
            usedTitleFont = TextFonts.forText(titleFont, wanted);
            String missing = TextFonts.undrawable(usedTitleFont, wanted);
            if (!missing.isEmpty()) {
                warnings.add("the size chart's title \"" + wanted + "\" has characters no installed font can draw ("
                        + missing + "); they show as boxes: install a font that has them (for Chinese, Japanese and"
                        + " Korean, e.g. Noto Sans CJK)");
            }
            g.setFont(usedTitleFont);
            FontMetrics tm = g.getFontMetrics();
            String title = fit(wanted, tm, (int) (w * 0.9));
            g.drawString(title, (float) (w - tm.stringWidth(title)) / 2, (float) (safe[1] + tm.getAscent()));
            g.setFont(captionFont);
            FontMetrics cm = g.getFontMetrics();
            String caption = millimetres(dims[0]) + " × " + millimetres(dims[1]) + " × " + millimetres(dims[2])
                    + " mm   (" + inches(dims[0]) + " × " + inches(dims[1]) + " × " + inches(dims[2])
                    + " in)   W × D × H";
            g.setColor(new Color(0x55, 0x5d, 0x68));
            g.drawString(caption, (float) (w - cm.stringWidth(caption)) / 2, (float) (safe[1] + safe[3] - cm.getDescent()));
            if (!notes.isEmpty()) {
                String note = fit(notes.get(0), cm, (int) safe[2]);
                int nw = cm.stringWidth(note);
                double base = safe[1] + safe[3] - cm.getDescent() - noteLine;
                g.setColor(ACCENT);
                g.drawString(note, (float) (w - nw) / 2, (float) base);
                notesBox = new double[] {(w - nw) / 2.0, base - cm.getAscent(), (w + nw) / 2.0, base + cm.getDescent()};
            }
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
        List<double[]> dimensionLines = new ArrayList<>();
        for (Dim d : chosen.lines) {
            dimensionLines.add(new double[] {d.qa[0], d.qa[1], d.qb[0], d.qb[1]});
        }
        return new Chart(new Frame(w, h, false, data), safe, silhouette(m, cam), dimensionLines, labelBoxes,
                lineSegments, notes, notesBox, usedTitleFont, warnings);
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

    /** What every layout of one chart is made from: the model, the options, the label font, line width and texts. */
    private record Setup(Model m, RenderOptions o, FontMetrics fm, float stroke, List<String[][]> texts,
                         Parallel par) {
    }

    /**
     * One way to lay a chart out: what a label's reach beyond the framed lines costs per text line across and up
     * and down, and the corner the height line stands at.
     */
    private record Variant(double reachAcross, double reachUpDown, HeightCorner corner) {
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
     * the width edge}), the ground corner that carries the height, the three dimension lines and their labels, the
     * model's bounding box on screen, the box of everything framed (the bounding box with its dimension lines) and
     * the room the chart may fill ({left, top, right, bottom} boxes).
     */
    private record Layout(Camera cam, double[] front, double[] heightCorner, List<Dim> lines, List<Label> labels,
                          double[] modelOutline, double[] framedBox, double[] target, int linesOverModel) {
        /** Lines and other labels the labels cross, and lines drawn across the model, in all. */
        int conflicts() {
            int n = linesOverModel;
            for (Label l : labels) {
                n += l.conflicts;
            }
            return n;
        }

        /** Every label clear of lines and other labels, and mostly off the model; no line across the model. */
        boolean clear() {
            if (linesOverModel > 0) {
                return false;
            }
            for (Label l : labels) {
                if (l.conflicts > 0 || l.covered > MAX_COVERED) {
                    return false;
                }
            }
            return true;
        }

        /** The box {left, top, right, bottom} around the framed lines and the labels. */
        double[] contentBox() {
            double[] b = framedBox.clone();
            for (Label l : labels) {
                double[] lb = l.box();
                b[0] = Math.min(b[0], lb[0]);
                b[1] = Math.min(b[1], lb[1]);
                b[2] = Math.max(b[2], lb[2]);
                b[3] = Math.max(b[3], lb[3]);
            }
            return b;
        }

        /** How far, in pixels, the lines and labels reach out of the room, at most (0 when they fit). */
        double outside() {
            double[] b = contentBox();
            return Math.max(0, Math.max(Math.max(target[0] - b[0], target[1] - b[1]),
                    Math.max(b[2] - target[2], b[3] - target[3])));
        }

        boolean fits() {
            return outside() < 0.5;
        }

        /** Clear and inside the room first, then fewer crossings, then less outside, then the larger model. */
        boolean betterThan(Layout other) {
            boolean good = clear() && fits();
            boolean otherGood = other.clear() && other.fits();
            if (good != otherGood) {
                return good;
            }
            if (conflicts() != other.conflicts()) {
                return conflicts() < other.conflicts();
            }
            if (Math.abs(outside() - other.outside()) >= 0.5) {
                return outside() < other.outside();
            }
            return cam.focal > other.cam.focal;
        }

        /** This layout with each label moved inside the room (a last resort: it may then cross a line). */
        Layout clamped() {
            List<Label> moved = new ArrayList<>();
            for (Label l : labels) {
                double cx = Math.max(target[0] + l.halfW, Math.min(target[2] - l.halfW, l.cx));
                double cy = Math.max(target[1] + l.halfH, Math.min(target[3] - l.halfH, l.cy));
                moved.add(new Label(cx, cy, l.halfW, l.halfH, l.text, l.conflicts, l.covered));
            }
            return new Layout(cam, front, heightCorner, lines, moved, modelOutline, framedBox, target, linesOverModel);
        }
    }

    /**
     * The layout with the largest model whose lines and labels fit {@code target} ({x, y, width, height}) and
     * cover no line and no other label, centred in it: the framing's room shrinks from the whole target a few
     * per cent at a time (labels keep their size, so the share they need grows), then the last step is halved
     * until the size is known to within half a per cent. Where nothing fits, the best of what was tried. Sizes
     * whose focal length is at most {@code floor} are not tried (another way already reached them).
     */
    private static Layout fit(Setup setup, double[] target, Variant v, double floor) throws InterruptedException {
        double[] bounds = {target[0], target[1], target[0] + target[2], target[1] + target[3]};
        Layout fallback = null;
        Layout good = null;
        double goodScale = 0;
        double failedScale = 1 / SHRINK;
        for (double scale = 1; scale > MIN_SCALE; scale *= SHRINK) {
            Layout l = centred(setup, target, scale, bounds, v);
            if (l.clear() && l.fits()) {
                good = l;
                goodScale = scale;
                break;
            }
            failedScale = scale;
            if (fallback == null || l.betterThan(fallback)) {
                fallback = l;
            }
            if (l.cam.focal <= floor) {
                break;
            }
        }
        if (good == null) {
            return fallback;
        }
        while (failedScale - goodScale > 0.005) {
            double scale = (failedScale + goodScale) / 2;
            Layout l = centred(setup, target, scale, bounds, v);
            if (l.clear() && l.fits()) {
                good = l;
                goodScale = scale;
            } else {
                failedScale = scale;
            }
        }
        return good;
    }

    /**
     * The layout framed to a room of {@code scale} times the target's size, moved so that its lines and labels are
     * centred in the target (labels keep their places relative to the model wherever it is framed).
     */
    private static Layout centred(Setup setup, double[] target, double scale, double[] bounds, Variant v)
            throws InterruptedException {
        double rw = target[2] * scale, rh = target[3] * scale;
        double[] room = {target[0] + (target[2] - rw) / 2, target[1] + (target[3] - rh) / 2, rw, rh};
        Layout l = layout(setup, room, bounds, v);
        double[] b = l.contentBox();
        double dx = target[0] + target[2] / 2 - (b[0] + b[2]) / 2;
        double dy = target[1] + target[3] / 2 - (b[1] + b[3]) / 2;
        return layout(setup, new double[] {room[0] + dx, room[1] + dy, rw, rh}, bounds, v);
    }

    /** The chart's layout with the bounding box and its dimension lines framed to fill {@code room}. */
    private static Layout layout(Setup setup, double[] room, double[] bounds, Variant v)
            throws InterruptedException {
        Model m = setup.m;
        RenderOptions o = setup.o;
        // frame the bounding box with the dimension lines around it, not just the model
        double gap = 0.07 * m.largestSide();
        float[] pts = new float[8 * 3];
        for (int i = 0; i < 8; i++) {
            pts[3 * i] = (float) ((i & 1) == 0 ? m.minX - gap : m.maxX + gap);
            pts[3 * i + 1] = (float) ((i & 2) == 0 ? m.minY - gap : m.maxY + gap);
            pts[3 * i + 2] = (float) ((i & 4) == 0 ? m.minZ : m.maxZ);
        }
        Camera cam = Camera.framed(m, pts, new double[] {o.azimuth()}, o.elevation(),
                "perspective".equals(RenderOptions.lower(o.projection())), room, setup.par);
        double[] framedBox = box(cam, pts);
        double x0 = m.minX, x1 = m.maxX, y0 = m.minY, y1 = m.maxY, z0 = m.minZ, z1 = m.maxZ;
        double[] d = Camera.direction(o.azimuth(), o.elevation());
        // the edges nearest the camera carry width and depth; dimension lines sit just outside them on the floor
        double yf = d[1] < 0 ? y0 : y1;
        double ySign = d[1] < 0 ? -1 : 1;
        double xf = d[0] > 0 ? x1 : x0;
        double xSign = d[0] > 0 ? 1 : -1;
        // height on the ground corner furthest left, right or up on screen, pushed outward from the model
        double[][] corners = {{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}};
        int best = 0;
        double bestKey = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            double[] p = cam.project(corners[i][0], corners[i][1], z0);
            double key = switch (v.corner) {
                case LEFT -> p[0];
                case RIGHT -> -p[0];
                case BACK -> p[1];
            };
            if (key < bestKey) {
                bestKey = key;
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
        // the outline of the model's bounding box on screen, which labels should not cover
        float[] corners3 = new float[8 * 3];
        for (int i = 0; i < 8; i++) {
            corners3[3 * i] = (float) ((i & 1) == 0 ? x0 : x1);
            corners3[3 * i + 1] = (float) ((i & 2) == 0 ? y0 : y1);
            corners3[3 * i + 2] = (float) ((i & 4) == 0 ? z0 : z1);
        }
        double[] modelOutline = outline(cam, corners3);
        List<Label> labels = labels(setup.fm, setup.stroke, lines, setup.texts, modelOutline, framedBox, bounds,
                v);
        // a height line standing behind the model would be drawn across it
        Dim height = lines.get(2);
        boolean across = false;
        for (int i = 0; i <= 16 && !across; i++) {
            across = inside(modelOutline, at(height, i / 16.0, 0), at(height, i / 16.0, 1));
        }
        return new Layout(cam, new double[] {xf, yf}, corners[best], lines, labels, modelOutline, framedBox, bounds,
                across ? 1 : 0);
    }

    /** The box {left, top, right, bottom} on screen around the points {x, y, z, x, y, z, …}. */
    private static double[] box(Camera cam, float[] pts) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int i = 0; i + 2 < pts.length; i += 3) {
            double[] p = cam.project(pts[i], pts[i + 1], pts[i + 2]);
            b[0] = Math.min(b[0], p[0]);
            b[1] = Math.min(b[1], p[1]);
            b[2] = Math.max(b[2], p[0]);
            b[3] = Math.max(b[3], p[1]);
        }
        return b;
    }

    /**
     * The convex outline on screen of the points {x, y, z, x, y, z, …}, as a polygon {x0, y0, x1, y1, …} in
     * clockwise order on screen (y down).
     */
    private static double[] outline(Camera cam, float[] pts) {
        int n = pts.length / 3;
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = cam.project(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2]);
        }
        java.util.Arrays.sort(p, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        // Andrew's monotone chain: lower then upper hull
        double[][] hull = new double[2 * n][];
        int k = 0;
        for (int pass = 0; pass < 2; pass++) {
            int start = k;
            for (int j = 0; j < n; j++) {
                double[] q = p[pass == 0 ? j : n - 1 - j];
                while (k >= start + 2 && cross(hull[k - 2], hull[k - 1], q) <= 0) {
                    k--;
                }
                hull[k++] = q;
            }
            k--;
        }
        double[] out = new double[2 * k];
        for (int i = 0; i < k; i++) {
            out[2 * i] = hull[i][0];
            out[2 * i + 1] = hull[i][1];
        }
        return out;
    }

    /** Whether (x, y) lies inside the convex polygon {x0, y0, x1, y1, …}, more than a pixel from its edges. */
    private static boolean inside(double[] polygon, double x, double y) {
        int n = polygon.length / 2;
        int sign = 0;
        for (int i = 0; i < n; i++) {
            double ax = polygon[2 * i], ay = polygon[2 * i + 1];
            double bx = polygon[2 * ((i + 1) % n)], by = polygon[2 * ((i + 1) % n) + 1];
            double len = Math.max(1e-9, Math.hypot(bx - ax, by - ay));
            double c = ((bx - ax) * (y - ay) - (by - ay) * (x - ax)) / len;
            if (Math.abs(c) <= 1) {
                return false;
            }
            int s = c > 0 ? 1 : -1;
            if (sign != 0 && s != sign) {
                return false;
            }
            sign = s;
        }
        return n >= 3;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }

    /** The model's own outline on screen as a box {left, top, right, bottom}: its vertices, projected. */
    private static double[] silhouette(Model m, Camera cam) {
        return box(cam, m.pos);
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
     * The labels of the dimension lines, each beside its own line: on the side away from the model if it fits there,
     * else past one end of the line or, last, on the model's side; on one line or, where that fits better, on two;
     * wherever it covers no dimension or extension line and no label placed before it, stays nearer its own line
     * than any other, and covers as little of the model's box and reaches as little beyond the framed lines
     * ({@code framedBox}) as it can. {@code texts}: per line, its layouts in order of preference, each a list of
     * text lines.
     */
    private static List<Label> labels(FontMetrics fm, float stroke, List<Dim> lines, List<String[][]> texts,
                                      double[] modelOutline, double[] framedBox, double[] bounds,
                                      Variant v) {
        int th = fm.getAscent() + fm.getDescent();
        double pad = th * 0.35;
        // the clear space between a label's box and its own line
        double gapPx = Math.max(stroke * 2, th * 0.3);
        List<double[]> segments = segments(lines);
        List<double[]> placed = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            Dim d = lines.get(k);
            double[] own = segments.get(3 * k);
            double len = Math.max(1e-9, Math.hypot(d.qb[0] - d.qa[0], d.qb[1] - d.qa[1]));
            double ux = (d.qb[0] - d.qa[0]) / len, uy = (d.qb[1] - d.qa[1]) / len;
            // the line's normal on the side away from the model
            double nx = -uy, ny = ux;
            if (nx * d.ox + ny * d.oy < 0) {
                nx = -nx;
                ny = -ny;
            }
            // where a label may go, in order of preference: pushed from points along the line straight away from
            // it (the model's side last), or set around either end or the middle of the line like a map label
            // around a town (the 8 compass points, its box the same distance from that point)
            List<double[]> candidates = new ArrayList<>();
            for (double[] along : new double[][] {{0.5, 0}, {0.3, 0.5}, {0.7, 0.5}}) {
                candidates.add(new double[] {at(d, along[0], 0), at(d, along[0], 1), nx, ny, along[1]});
            }
            for (double[] point : new double[][] {d.qa, d.qb, {at(d, 0.5, 0), at(d, 0.5, 1)}}) {
                for (int sx = -1; sx <= 1; sx++) {
                    for (int sy = -1; sy <= 1; sy++) {
                        if (sx != 0 || sy != 0) {
                            candidates.add(new double[] {point[0], point[1], sx, sy, 1});
                        }
                    }
                }
            }
            candidates.add(new double[] {at(d, 0.5, 0), at(d, 0.5, 1), -nx, -ny, 0.5});
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
                for (double[] cand : candidates) {
                    double cx, cy;
                    if (cand[4] < 1) {
                        // far enough that the box (its support in that direction) clears the line
                        double push = Math.abs(cand[2]) * halfW + Math.abs(cand[3]) * halfH + gapPx;
                        cx = cand[0] + cand[2] * push;
                        cy = cand[1] + cand[3] * push;
                    } else {
                        double g = cand[2] != 0 && cand[3] != 0 ? gapPx / Math.sqrt(2) : gapPx;
                        cx = cand[0] + cand[2] * (halfW + g);
                        cy = cand[1] + cand[3] * (halfH + g);
                    }
                    double[] box = grown(cx, cy, halfW, halfH, 0);
                    double[] clearBox = grown(cx, cy, halfW, halfH, gapPx * 0.5);
                    int conflicts = 0;
                    for (double[] sgm : segments) {
                        conflicts += crosses(sgm, clearBox) ? 1 : 0;
                    }
                    for (double[] other : placed) {
                        conflicts += overlapArea(other, clearBox) > 0 ? 2 : 0;
                    }
                    // nearer another dimension line than its own: the reader pairs it with the wrong one
                    double ownDistance = distance(box, own);
                    double near = 0;
                    for (int j = 0; j < lines.size(); j++) {
                        double other = j == k ? Double.POSITIVE_INFINITY : distance(box, segments.get(3 * j));
                        if (other <= ownDistance + gapPx) {
                            conflicts++;
                        } else if (other <= ownDistance + th) {
                            near += 8;
                        }
                    }
                    double area = (box[2] - box[0]) * (box[3] - box[1]);
                    double covered = polygonOverlap(modelOutline, box) / area;
                    // reaching beyond the framed lines costs the model room, beyond the chart's room more
                    double beyond = (Math.max(0, framedBox[0] - box[0]) + Math.max(0, box[2] - framedBox[2])) * v.reachAcross
                            + (Math.max(0, framedBox[1] - box[1]) + Math.max(0, box[3] - framedBox[3])) * v.reachUpDown;
                    double outside = 1 - overlapArea(bounds, box) / area;
                    // between the line and the model reads as if it measured something else
                    double modelSide = (cx - d.qa[0]) * nx + (cy - d.qa[1]) * ny < 0 ? 1 : 0;
                    double score = conflicts * 1000 + covered * 20 + outside * 40 + beyond / th + modelSide * 3
                            + near + (ownDistance - gapPx) / th * 2 + cand[4] + l * 1.5;
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

    /** Coordinate {@code axis} (0 x, 1 y) of the point a share {@code t} along the dimension line. */
    private static double at(Dim d, double t, int axis) {
        return d.qa[axis] + (d.qb[axis] - d.qa[axis]) * t;
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

    /** The area a convex polygon {x0, y0, x1, y1, …} and a box {left, top, right, bottom} share. */
    private static double polygonOverlap(double[] polygon, double[] box) {
        double[] poly = polygon;
        // clip the polygon by each side of the box (Sutherland–Hodgman)
        for (int side = 0; side < 4 && poly.length >= 6; side++) {
            poly = clip(poly, side % 2, box[side], side < 2);
        }
        double a = 0;
        for (int i = 0; i + 1 < poly.length; i += 2) {
            int j = (i + 2) % poly.length;
            a += poly[i] * poly[j + 1] - poly[j] * poly[i + 1];
        }
        return Math.abs(a) / 2;
    }

    /** The part of the polygon where coordinate {@code axis} is at least ({@code keepAbove}) or at most {@code at}. */
    private static double[] clip(double[] poly, int axis, double at, boolean keepAbove) {
        List<double[]> out = new ArrayList<>();
        int n = poly.length / 2;
        for (int i = 0; i < n; i++) {
            double[] a = {poly[2 * i], poly[2 * i + 1]};
            double[] b = {poly[2 * ((i + 1) % n)], poly[2 * ((i + 1) % n) + 1]};
            boolean ina = keepAbove ? a[axis] >= at : a[axis] <= at;
            boolean inb = keepAbove ? b[axis] >= at : b[axis] <= at;
            if (ina) {
                out.add(a);
            }
            if (ina != inb) {
                double t = (at - a[axis]) / (b[axis] - a[axis]);
                out.add(new double[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t});
            }
        }
        double[] r = new double[out.size() * 2];
        for (int i = 0; i < out.size(); i++) {
            r[2 * i] = out.get(i)[0];
            r[2 * i + 1] = out.get(i)[1];
        }
        return r;
    }

    /** Whether the segment {x0, y0, x1, y1} passes through the box {left, top, right, bottom}. */
    static boolean crosses(double[] sgm, double[] box) {
        // clip the segment's parameter range to the box's four sides (Liang–Barsky)
        double dx = sgm[2] - sgm[0], dy = sgm[3] - sgm[1];
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {sgm[0] - box[0], box[2] - sgm[0], sgm[1] - box[1], box[3] - sgm[1]};
        double t0 = 0, t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return false;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        return t0 <= t1;
    }

    /** The shortest distance between a box {left, top, right, bottom} and a segment {x0, y0, x1, y1}; 0 if it crosses. */
    static double distance(double[] box, double[] sgm) {
        if (crosses(sgm, box)) {
            return 0;
        }
        double[][] c = {{box[0], box[1]}, {box[2], box[1]}, {box[2], box[3]}, {box[0], box[3]}};
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            double[] a = c[i];
            double[] b = c[(i + 1) % 4];
            best = Math.min(best, Math.min(
                    Math.min(pointToSegment(sgm[0], sgm[1], a[0], a[1], b[0], b[1]),
                            pointToSegment(sgm[2], sgm[3], a[0], a[1], b[0], b[1])),
                    Math.min(pointToSegment(a[0], a[1], sgm[0], sgm[1], sgm[2], sgm[3]),
                            pointToSegment(b[0], b[1], sgm[0], sgm[1], sgm[2], sgm[3]))));
        }
        return best;
    }

    /** The distance from (px, py) to the segment from (ax, ay) to (bx, by). */
    private static double pointToSegment(double px, double py, double ax, double ay, double bx, double by) {
        double vx = bx - ax, vy = by - ay;
        double l2 = vx * vx + vy * vy;
        double t = l2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / l2));
        return Math.hypot(px - ax - t * vx, py - ay - t * vy);
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
