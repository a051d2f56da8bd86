package org.stllisting.mesh.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.io.StlWriter;

/**
 * The sample models shipped in {@code app/samples/}: small, printable things a seller might list, built
 * procedurally so that nothing binary has to be trusted, plus one damaged download that cannot be read, so
 * that a first run shows both finished listings and the {@code failed/} folder.
 *
 * <p>Every good model is closed, consistently wound and outward-facing (positive signed volume), Z-up and
 * resting on z = 0, in millimetres. Regenerate with {@code java -cp target/classes
 * org.stllisting.mesh.gen.SampleModels app/samples}.
 */
public final class SampleModels {
    /** The file name of the deliberately damaged sample. */
    public static final String BROKEN_NAME = "damaged_download.stl";

    /** The file name of the sample that reads fine but needs repair before it prints. */
    public static final String NEEDS_REPAIR_NAME = "bracket_needs_repair.stl";

    private SampleModels() {
    }

    /** The good models by file stem, in a stable order. */
    public static Map<String, Mesh> all() {
        Map<String, Mesh> m = new LinkedHashMap<>();
        m.put("twisted_vase", twistedVase());
        m.put("chess_pawn", chessPawn());
        m.put("spur_gear", spurGear());
        m.put("faceted_planter", facetedPlanter());
        m.put("torus_knot", torusKnot());
        m.put("desk_organizer", deskOrganizer());
        m.put("wall_bracket", wallBracket());
        return m;
    }

    /** A hollow vase with a six-lobed cross-section that twists a third of a turn from foot to lip. */
    public static Mesh twistedVase() {
        int n = 64;
        int levels = 20;
        double height = 120;
        double wall = 2.0;
        List<float[]> rings = new ArrayList<>();
        // outer wall, foot to lip
        for (int i = 0; i <= levels; i++) {
            double t = (double) i / levels;
            rings.add(vaseRing(n, t, height, 0));
        }
        // inner wall, lip to the inside of the floor
        for (int i = levels; i >= 1; i--) {
            double t = (double) i / levels;
            float[] ring = vaseRing(n, t, height, wall);
            rings.add(ring);
        }
        float[] floor = vaseRing(n, 0, height, wall);
        for (int j = 0; j < n; j++) {
            floor[3 * j + 2] = 4.0f; // floor thickness
        }
        rings.add(floor);
        return loft(rings, n, null, null);
    }

    private static float[] vaseRing(int n, double t, double height, double inset) {
        double profile = 26 + 14 * Math.sin(Math.PI * (0.15 + 1.1 * t)) - 8 * t;
        double twist = t * 2 * Math.PI / 3;
        float[] ring = new float[3 * n];
        for (int j = 0; j < n; j++) {
            double a = 2 * Math.PI * j / n;
            double r = profile * (1 + 0.09 * Math.cos(6 * (a - twist))) - inset;
            ring[3 * j] = (float) (r * Math.cos(a));
            ring[3 * j + 1] = (float) (r * Math.sin(a));
            ring[3 * j + 2] = (float) (t * height);
        }
        return ring;
    }

    /** A Staunton-style chess pawn turned on a lathe: base, collar, neck and ball. */
    public static Mesh chessPawn() {
        double[][] profile = {
            // {radius, z}, from the centre of the base up to the top of the ball
            {15.0, 0}, {15.0, 2.5}, {13.5, 4.0}, {12.0, 5.0}, {12.5, 6.5}, {11.0, 8.0},
            {8.5, 10.0}, {7.0, 13.0}, {6.0, 17.0}, {5.2, 21.0}, {5.0, 24.0}, {8.5, 25.5},
            {8.8, 27.0}, {6.0, 28.5}, {4.5, 29.5},
        };
        List<double[]> pts = new ArrayList<>(List.of(profile));
        // the ball: centre (0, 36), radius 7.5, from where it meets the neck to the top
        double cz = 36.0;
        double br = 7.5;
        double start = Math.asin((29.5 - cz) / br);
        int ballSteps = 14;
        for (int i = 1; i < ballSteps; i++) {
            double a = start + (Math.PI / 2 - start) * i / ballSteps;
            pts.add(new double[] {br * Math.cos(a), cz + br * Math.sin(a)});
        }
        return lathe(pts, 72, 0.0f, (float) (cz + br));
    }

    /** A 24-tooth spur gear, 6 mm thick, with an 8 mm bore. */
    public static Mesh spurGear() {
        int teeth = 24;
        int perTooth = 12;
        int n = teeth * perTooth;
        double root = 21.0;
        double tip = 25.0;
        double bore = 4.0;
        float thickness = 6.0f;
        float[] outer = new float[2 * n];
        float[] inner = new float[2 * n];
        for (int j = 0; j < n; j++) {
            double a = 2 * Math.PI * j / n;
            double phase = (j % perTooth) / (double) perTooth; // 0..1 across one tooth pitch
            // trapezoidal tooth: rise, land, fall, root
            double h;
            if (phase < 0.2) {
                h = phase / 0.2;
            } else if (phase < 0.45) {
                h = 1;
            } else if (phase < 0.65) {
                h = 1 - (phase - 0.45) / 0.2;
            } else {
                h = 0;
            }
            double r = root + (tip - root) * h;
            outer[2 * j] = (float) (r * Math.cos(a));
            outer[2 * j + 1] = (float) (r * Math.sin(a));
            inner[2 * j] = (float) (bore * Math.cos(a));
            inner[2 * j + 1] = (float) (bore * Math.sin(a));
        }
        // a raised hub ring adds a little interest to the flat face
        List<float[]> rings = new ArrayList<>();
        rings.add(ring3(inner, 0));
        rings.add(ring3(outer, 0));
        rings.add(ring3(outer, thickness));
        float[] hub = new float[2 * n];
        for (int j = 0; j < n; j++) {
            double a = 2 * Math.PI * j / n;
            hub[2 * j] = (float) (9 * Math.cos(a));
            hub[2 * j + 1] = (float) (9 * Math.sin(a));
        }
        rings.add(ring3(hub, thickness));
        rings.add(ring3(hub, thickness + 2));
        rings.add(ring3(inner, thickness + 2));
        return tube(rings, n);
    }

    /** A low-poly heptagonal planter whose facets twist as it widens, hollow with a drainage-free floor. */
    public static Mesh facetedPlanter() {
        int n = 7;
        int levels = 5;
        double height = 70;
        double wall = 3;
        List<float[]> rings = new ArrayList<>();
        for (int i = 0; i <= levels; i++) {
            double t = (double) i / levels;
            rings.add(planterRing(n, t, height, 0));
        }
        for (int i = levels; i >= 1; i--) {
            rings.add(planterRing(n, (double) i / levels, height, wall));
        }
        float[] floor = planterRing(n, 0, height, wall);
        for (int j = 0; j < n; j++) {
            floor[3 * j + 2] = 5f;
        }
        rings.add(floor);
        return loft(rings, n, null, null, true);
    }

    private static float[] planterRing(int n, double t, double height, double inset) {
        double r = 30 + 18 * t - inset;
        // every other level turns by half a facet: triangular facets, like a folded paper pot
        double turn = (Math.round(t * 5) % 2 == 1) ? Math.PI / n : 0;
        float[] ring = new float[3 * n];
        for (int j = 0; j < n; j++) {
            double a = 2 * Math.PI * j / n + t * Math.PI / 7 + turn;
            ring[3 * j] = (float) (r * Math.cos(a));
            ring[3 * j + 1] = (float) (r * Math.sin(a));
            ring[3 * j + 2] = (float) (t * height);
        }
        return ring;
    }

    /** A (2,3) torus knot (trefoil) tube, smooth, about 60 mm across. */
    public static Mesh torusKnot() {
        int p = 2;
        int q = 3;
        int segments = 216;
        int sides = 12;
        double tubeR = 4.2;
        double[][] c = new double[segments][];
        for (int i = 0; i < segments; i++) {
            c[i] = knot(2 * Math.PI * i / segments, p, q);
        }
        // parallel-transported frames (a Frenet frame spins where the knot's torsion is high), with the
        // closing mismatch spread evenly so that the tube joins without a seam
        double[][] tans = new double[segments][];
        for (int i = 0; i < segments; i++) {
            tans[i] = normalize(sub(c[(i + 1) % segments], c[(i - 1 + segments) % segments]));
        }
        double[][] nrms = new double[segments + 1][];
        nrms[0] = normalize(cross(tans[0], new double[] {0, 0, 1}));
        for (int i = 1; i <= segments; i++) {
            double[] tan = tans[i % segments];
            double[] prev = nrms[i - 1];
            nrms[i] = normalize(sub(prev, scale(tan, dot(prev, tan))));
        }
        double[] end = nrms[segments];
        double closing = Math.atan2(dot(cross(nrms[0], end), tans[0]), dot(nrms[0], end));
        double minZ = Double.MAX_VALUE;
        List<float[]> rings = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            double[] cur = c[i];
            double[] tan = tans[i];
            double[] n0 = nrms[i];
            double[] b0 = cross(tan, n0);
            double fix = -closing * i / segments;
            double[] nrm = add(scale(n0, Math.cos(fix)), scale(b0, Math.sin(fix)));
            double[] bin = cross(tan, nrm);
            float[] ring = new float[3 * sides];
            for (int j = 0; j < sides; j++) {
                double a = 2 * Math.PI * j / sides;
                double ca = Math.cos(a) * tubeR;
                double sa = Math.sin(a) * tubeR;
                for (int k = 0; k < 3; k++) {
                    ring[3 * j + k] = (float) (cur[k] + ca * nrm[k] + sa * bin[k]);
                }
                minZ = Math.min(minZ, ring[3 * j + 2]);
            }
            rings.add(ring);
        }
        for (float[] ring : rings) {
            for (int j = 0; j < sides; j++) {
                ring[3 * j + 2] -= (float) minZ;
            }
        }
        return tube(rings, sides);
    }

    private static double[] knot(double t, int p, int q) {
        double r = 20 + 9 * Math.cos(q * t);
        return new double[] {r * Math.cos(p * t), r * Math.sin(p * t), 9 * Math.sin(q * t)};
    }

    /** A pen cup with rounded corners: an outer wall, an inner wall and a floor, 80 mm tall. */
    public static Mesh deskOrganizer() {
        int perCorner = 8;
        int n = 4 * perCorner;
        float height = 80;
        List<float[]> rings = new ArrayList<>();
        rings.add(roundedRect(perCorner, 34, 26, 8, 0));
        rings.add(roundedRect(perCorner, 34, 26, 8, height - 1.5f));
        rings.add(roundedRect(perCorner, 33, 25, 7.5, height));
        rings.add(roundedRect(perCorner, 31.5, 23.5, 6.5, height));
        rings.add(roundedRect(perCorner, 31.5, 23.5, 6.5, 3));
        return loft(rings, n, null, null);
    }

    private static float[] roundedRect(int perCorner, double halfX, double halfY, double radius, float z) {
        float[] ring = new float[3 * 4 * perCorner];
        double[][] centres = {
            {halfX - radius, halfY - radius}, {-halfX + radius, halfY - radius},
            {-halfX + radius, -halfY + radius}, {halfX - radius, -halfY + radius},
        };
        int k = 0;
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < perCorner; i++) {
                double a = Math.PI / 2 * c + Math.PI / 2 * i / (perCorner - 1);
                ring[k++] = (float) (centres[c][0] + radius * Math.cos(a));
                ring[k++] = (float) (centres[c][1] + radius * Math.sin(a));
                ring[k++] = z;
            }
        }
        return ring;
    }

    /** A shelf bracket: an L profile with a diagonal brace, 20 mm wide, extruded along y. */
    public static Mesh wallBracket() {
        double[][] outline = {
            {0, 0}, {60, 0}, {60, 6}, {18, 6}, {6, 18}, {6, 60}, {0, 60},
        };
        return extrude(outline, 20f);
    }

    /**
     * The shelf bracket as a careless export leaves it: one facet missing (a hole), two facets wound the wrong way,
     * one facet written twice and one zero-area sliver. Repair gives back {@link #wallBracket()}'s exact shape.
     */
    public static Mesh bracketNeedsRepair() {
        Mesh m = MeshDamage.punchHoles(wallBracket(), 1);
        m = MeshDamage.flipFacets(m, 2);
        m = MeshDamage.duplicateFacets(m, 1);
        return MeshDamage.degenerateFacets(m, 1);
    }

    /**
     * Writes the damaged sample: the pawn as binary STL, cut off mid-facet after 200 facets as an interrupted
     * download would be, so its header promises more facets than the file holds.
     */
    public static void writeBroken(Path file) throws IOException {
        Path full = Files.createTempFile(file.toAbsolutePath().getParent(), "pawn", ".stl");
        try {
            StlWriter.writeBinary(chessPawn(), full, "STL Listing Tool sample: damaged download");
            byte[] bytes = Files.readAllBytes(full);
            Files.write(file, Arrays.copyOf(bytes, 84 + 50 * 200 + 17));
        } finally {
            Files.deleteIfExists(full);
        }
    }

    /** Writes every sample into {@code dir}; returns the written files. */
    public static List<Path> writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Mesh> e : all().entrySet()) {
            Path f = dir.resolve(e.getKey() + ".stl");
            StlWriter.writeBinary(e.getValue(), f, "STL Listing Tool sample: " + e.getKey().replace('_', ' '));
            written.add(f);
        }
        Path needsRepair = dir.resolve(NEEDS_REPAIR_NAME);
        StlWriter.writeBinary(bracketNeedsRepair(), needsRepair, "STL Listing Tool sample: bracket needs repair");
        written.add(needsRepair);
        Path broken = dir.resolve(BROKEN_NAME);
        writeBroken(broken);
        written.add(broken);
        return written;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "app/samples");
        for (Path p : writeAll(dir)) {
            System.out.println(p + " " + Files.size(p) + " bytes");
        }
    }

    // ---- builders ----

    /**
     * A surface through rings of {@code n} points each, closed at the first ring by a fan around
     * {@code bottom} and at the last by a fan around {@code top} (null: the ring's centroid). The result is
     * flipped when needed so that it faces outward.
     */
    private static Mesh loft(List<float[]> rings, int n, float[] bottom, float[] top) {
        return loft(rings, n, bottom, top, false);
    }

    /**
     * As {@link #loft(List, int, float[], float[])}; with {@code shortDiagonals} each quad between two rings is
     * split along its shorter diagonal, so that rings turned against each other fold into triangles instead of
     * long slivers that cut through a wall.
     */
    private static Mesh loft(List<float[]> rings, int n, float[] bottom, float[] top, boolean shortDiagonals) {
        int rc = rings.size();
        float[] v = new float[(rc * n + 2) * 3];
        for (int i = 0; i < rc; i++) {
            System.arraycopy(rings.get(i), 0, v, 3 * i * n, 3 * n);
        }
        int b = rc * n;
        int tp = rc * n + 1;
        System.arraycopy(bottom != null ? bottom : centroid(rings.get(0), n), 0, v, 3 * b, 3);
        System.arraycopy(top != null ? top : centroid(rings.get(rc - 1), n), 0, v, 3 * tp, 3);
        List<Integer> t = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            int jn = (j + 1) % n;
            tri(t, b, jn, j);
        }
        if (shortDiagonals) {
            stripsShortDiagonal(t, v, rc, n);
        } else {
            strips(t, rc, n);
        }
        int o = (rc - 1) * n;
        for (int j = 0; j < n; j++) {
            int jn = (j + 1) % n;
            tri(t, tp, o + j, o + jn);
        }
        return outward(new Mesh(v, toArray(t)));
    }

    private static float[] centroid(float[] ring, int n) {
        double cx = 0, cy = 0, cz = 0;
        for (int j = 0; j < n; j++) {
            cx += ring[3 * j];
            cy += ring[3 * j + 1];
            cz += ring[3 * j + 2];
        }
        return new float[] {(float) (cx / n), (float) (cy / n), (float) (cz / n)};
    }

    /** A solid of revolution around z; profile points are {radius, z} and must not touch the axis. */
    private static Mesh lathe(List<double[]> profile, int n, float bottomZ, float topZ) {
        List<float[]> rings = new ArrayList<>();
        for (double[] p : profile) {
            float[] ring = new float[3 * n];
            for (int j = 0; j < n; j++) {
                double a = 2 * Math.PI * j / n;
                ring[3 * j] = (float) (p[0] * Math.cos(a));
                ring[3 * j + 1] = (float) (p[0] * Math.sin(a));
                ring[3 * j + 2] = (float) p[1];
            }
            rings.add(ring);
        }
        return loft(rings, n, new float[] {0, 0, bottomZ}, new float[] {0, 0, topZ});
    }

    /** A closed tube: strips between consecutive rings, the last ring connected back to the first. */
    private static Mesh tube(List<float[]> rings, int n) {
        int rc = rings.size();
        float[] v = new float[rc * n * 3];
        for (int i = 0; i < rc; i++) {
            System.arraycopy(rings.get(i), 0, v, 3 * i * n, 3 * n);
        }
        List<Integer> t = new ArrayList<>();
        strips(t, rc, n);
        int o = (rc - 1) * n;
        for (int j = 0; j < n; j++) {
            int jn = (j + 1) % n;
            tri(t, o + j, o + jn, jn);
            tri(t, o + j, jn, j);
        }
        return outward(new Mesh(v, toArray(t)));
    }

    private static void strips(List<Integer> t, int rc, int n) {
        for (int i = 0; i + 1 < rc; i++) {
            int a = i * n;
            int c = (i + 1) * n;
            for (int j = 0; j < n; j++) {
                int jn = (j + 1) % n;
                tri(t, a + j, a + jn, c + jn);
                tri(t, a + j, c + jn, c + j);
            }
        }
    }

    private static void stripsShortDiagonal(List<Integer> t, float[] v, int rc, int n) {
        for (int i = 0; i + 1 < rc; i++) {
            int a = i * n;
            int c = (i + 1) * n;
            for (int j = 0; j < n; j++) {
                int jn = (j + 1) % n;
                if (distance2(v, a + j, c + jn) <= distance2(v, a + jn, c + j)) {
                    tri(t, a + j, a + jn, c + jn);
                    tri(t, a + j, c + jn, c + j);
                } else {
                    tri(t, a + j, a + jn, c + j);
                    tri(t, a + jn, c + jn, c + j);
                }
            }
        }
    }

    private static double distance2(float[] v, int p, int q) {
        double dx = v[3 * p] - v[3 * q], dy = v[3 * p + 1] - v[3 * q + 1], dz = v[3 * p + 2] - v[3 * q + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    /** Extrudes a simple (possibly concave) counter-clockwise polygon in x/z along y by {@code depth}. */
    private static Mesh extrude(double[][] outline, float depth) {
        int n = outline.length;
        float[] v = new float[2 * n * 3];
        for (int i = 0; i < n; i++) {
            v[3 * i] = (float) outline[i][0];
            v[3 * i + 1] = 0;
            v[3 * i + 2] = (float) outline[i][1];
            v[3 * (n + i)] = (float) outline[i][0];
            v[3 * (n + i) + 1] = depth;
            v[3 * (n + i) + 2] = (float) outline[i][1];
        }
        List<Integer> t = new ArrayList<>();
        for (int[] e : earClip(outline)) {
            tri(t, e[0], e[2], e[1]);
            tri(t, n + e[0], n + e[1], n + e[2]);
        }
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            tri(t, i, j, n + j);
            tri(t, i, n + j, n + i);
        }
        return outward(new Mesh(v, toArray(t)));
    }

    private static List<int[]> earClip(double[][] poly) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < poly.length; i++) {
            idx.add(i);
        }
        List<int[]> out = new ArrayList<>();
        int guard = 0;
        while (idx.size() > 3 && guard++ < 10_000) {
            int m = idx.size();
            for (int k = 0; k < m; k++) {
                int a = idx.get((k - 1 + m) % m);
                int b = idx.get(k);
                int c = idx.get((k + 1) % m);
                if (cross2(poly[a], poly[b], poly[c]) <= 0) {
                    continue; // reflex corner
                }
                boolean empty = true;
                for (int p : idx) {
                    if (p != a && p != b && p != c && inside(poly[p], poly[a], poly[b], poly[c])) {
                        empty = false;
                        break;
                    }
                }
                if (empty) {
                    out.add(new int[] {a, b, c});
                    idx.remove(k);
                    break;
                }
            }
        }
        out.add(new int[] {idx.get(0), idx.get(1), idx.get(2)});
        return out;
    }

    private static double cross2(double[] a, double[] b, double[] c) {
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    }

    private static boolean inside(double[] p, double[] a, double[] b, double[] c) {
        return cross2(a, b, p) >= 0 && cross2(b, c, p) >= 0 && cross2(c, a, p) >= 0;
    }

    private static Mesh outward(Mesh m) {
        if (MeshAnalyzer.volume(m) >= 0) {
            return m;
        }
        int[] t = m.triangles().clone();
        for (int i = 0; i < t.length; i += 3) {
            int x = t[i + 1];
            t[i + 1] = t[i + 2];
            t[i + 2] = x;
        }
        return new Mesh(m.vertices(), t);
    }

    private static float[] ring3(float[] xy, float z) {
        int n = xy.length / 2;
        float[] r = new float[3 * n];
        for (int j = 0; j < n; j++) {
            r[3 * j] = xy[2 * j];
            r[3 * j + 1] = xy[2 * j + 1];
            r[3 * j + 2] = z;
        }
        return r;
    }

    private static void tri(List<Integer> t, int a, int b, int c) {
        t.add(a);
        t.add(b);
        t.add(c);
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    private static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalize(double[] a) {
        double l = Math.sqrt(dot(a, a));
        return new double[] {a[0] / l, a[1] / l, a[2] / l};
    }
}
