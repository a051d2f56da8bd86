package org.stllisting.render;

import java.util.Arrays;
import org.stllisting.mesh.Mesh;

/**
 * A mesh made ready for rendering: positions turned so that up is +Z, smooth corner normals that keep creases
 * sharp, the bounding box, and the ground contact shadow. Built once per mesh and up axis and then shared by
 * every frame of a turntable; immutable and thread-safe after construction.
 */
final class Model {
    /**
     * Facets meeting at an edge at up to this angle are shaded smoothly; steeper edges stay crisp. A little over
     * 30° so that a regular 12-sided tube (30° between sides, a little more where it bends), a common coarse export
     * of round parts, reads round; designed facets are steeper.
     */
    static final double CREASE_DEGREES = 32;
    /**
     * A smooth group can bend further than the crease angle over several gentle edges; a corner never takes in
     * facets turned more than this from its own (a flat wall next to a rounded fillet stays flat).
     */
    static final double SPREAD_DEGREES = 60;
    /** Above this many faces at one vertex the pairwise smoothing is skipped (flat there) to stay linear. */
    private static final int MAX_SMOOTH_VALENCE = 96;
    /** Facets or vertices per piece of parallel work (fixed, so that sums do not depend on threads). */
    private static final int CHUNK = 1 << 14;

    final float[] pos;
    final int[] tri;
    /**
     * Unit normals, 3 floats per row. Row v is vertex v's normal where all its facets are shaded as one smooth
     * surface; corners on the other side of a crease have rows of their own after the vertices.
     */
    final float[] normal;
    /** The normal row of each facet corner (3 per facet), or null when every corner uses its vertex's row. */
    final int[] cornerRow;
    final int facets;
    /**
     * Which screen-space winding can be skipped: +1 when the mesh is closed with outward facets (back faces are
     * never visible), -1 when closed but inside out, 0 when open or inconsistent (draw both sides).
     */
    final int cull;
    final double minX, minY, minZ, maxX, maxY, maxZ;
    /** The largest x or y extent of one facet. */
    final float facetExtent;
    /** Whether every vertex belongs to a facet (then the vertices alone stand for the surface's points). */
    final boolean allVerticesUsed;
    /** 1 / {@link #largestSide()}: height above the floor as a fraction of the model's size, per unit. */
    final float liftScale;
    /** The floor shadows made so far, one per grid resolution (a few at most: one per small picture size). */
    private volatile GroundShadow[] shadows = new GroundShadow[0];

    private Model(float[] pos, int[] tri, float[] normal, int[] cornerRow, double[] box, int cull, float facetExtent,
                  boolean allVerticesUsed) {
        this.facetExtent = facetExtent;
        this.allVerticesUsed = allVerticesUsed;
        this.pos = pos;
        this.cull = cull;
        this.tri = tri;
        this.normal = normal;
        this.cornerRow = cornerRow;
        this.facets = tri.length / 3;
        this.minX = box[0];
        this.minY = box[1];
        this.minZ = box[2];
        this.maxX = box[3];
        this.maxY = box[4];
        this.maxZ = box[5];
        this.liftScale = (float) (1 / largestSide());
    }

    static Model of(Mesh mesh, boolean yUp, Parallel par) throws RenderException, InterruptedException {
        return of(mesh, yUp, par, true);
    }

    /**
     * As {@link #of(Mesh, boolean, Parallel)}; {@code fanShortcut} false takes the general smoothing path at
     * every vertex (the same normals; tests compare the two).
     */
    static Model of(Mesh mesh, boolean yUp, Parallel par, boolean fanShortcut)
            throws RenderException, InterruptedException {
        if (mesh.facetCount() == 0) {
            throw new RenderException("the model has no facets to render");
        }
        float[] src = mesh.vertices();
        int[] tri = mesh.triangles();
        int nv = mesh.vertexCount();
        float[] pos = yUp ? new float[src.length] : src;
        if (yUp) {
            // rotate +90° about X so that +Y becomes +Z and handedness (facet winding) is kept
            par.forRange(nv, CHUNK, (from, to) -> {
                for (int i = 3 * from; i < 3 * to; i += 3) {
                    pos[i] = src[i];
                    pos[i + 1] = -src[i + 2];
                    pos[i + 2] = src[i + 1];
                }
            });
        }
        Faces faces = Faces.of(pos, tri, nv, par);
        if (faces.badIndex) {
            throw new RenderException("the model refers to a vertex that does not exist");
        }
        for (double b : faces.box) {
            if (!Double.isFinite(b) || Double.isNaN(faces.volume)) {
                throw new RenderException("the model has coordinates that are not finite numbers");
            }
        }
        Normals n = Normals.of(tri, nv, faces, par, fanShortcut);
        int cull = !n.closed || faces.volume == 0 ? 0 : faces.volume > 0 ? 1 : -1;
        return new Model(pos, tri, n.normal, n.cornerRow, faces.box, cull, faces.extent, !n.unused);
    }

    /** Row of corner k (0..2) of facet f in {@link #normal}. */
    int row(int f, int k) {
        return cornerRow == null ? tri[3 * f + k] : cornerRow[3 * f + k];
    }

    double sizeX() {
        return maxX - minX;
    }

    double sizeY() {
        return maxY - minY;
    }

    double sizeZ() {
        return maxZ - minZ;
    }

    double radius() {
        double dx = sizeX(), dy = sizeY(), dz = sizeZ();
        return Math.max(1e-9, 0.5 * Math.sqrt(dx * dx + dy * dy + dz * dz));
    }

    double largestSide() {
        return Math.max(1e-9, Math.max(sizeX(), Math.max(sizeY(), sizeZ())));
    }

    /** The floor shadow for pictures of {@code width} × {@code height} pixels, made on first use with one thread. */
    GroundShadow shadow(int width, int height) throws InterruptedException {
        return shadow(new Parallel(null, 1), width, height);
    }

    /**
     * The floor shadow for pictures of {@code width} × {@code height} pixels, made on first use with the given
     * threads; pictures whose grids have the same resolution share it (every one of 320 px and more).
     */
    GroundShadow shadow(Parallel par, int width, int height) throws InterruptedException {
        int res = GroundShadow.resolution(width, height);
        GroundShadow s = held(shadows, res);
        if (s == null) {
            synchronized (this) {
                GroundShadow[] now = shadows;
                s = held(now, res);
                if (s == null) {
                    s = GroundShadow.of(this, par, res, true);
                    GroundShadow[] more = Arrays.copyOf(now, now.length + 1);
                    more[now.length] = s;
                    shadows = more;
                }
            }
        }
        return s;
    }

    private static GroundShadow held(GroundShadow[] shadows, int resolution) {
        for (GroundShadow s : shadows) {
            if (s.resolution == resolution) {
                return s;
            }
        }
        return null;
    }

    /**
     * Per facet: the area-weighted normal and the unit normal; over all facets: the bounding box of the corners,
     * the signed enclosed volume and whether every index names a vertex. Sums run in fixed chunks, combined in
     * chunk order, so they do not depend on the thread count.
     */
    static final class Faces {
        final float[] area;
        final float[] unit;
        final double[] box;
        final double volume;
        final boolean badIndex;
        /** The largest width or depth (x or y extent) of a facet. */
        final float extent;

        private Faces(float[] area, float[] unit, double[] box, double volume, boolean badIndex, float extent) {
            this.extent = extent;
            this.area = area;
            this.unit = unit;
            this.box = box;
            this.volume = volume;
            this.badIndex = badIndex;
        }

        static Faces of(float[] p, int[] tri, int nv, Parallel par) throws InterruptedException {
            int nf = tri.length / 3;
            float[] area = new float[3 * nf];
            float[] unit = new float[3 * nf];
            int chunks = (nf + CHUNK - 1) / CHUNK;
            double[] part = new double[8 * chunks];
            boolean[] bad = new boolean[chunks];
            par.forRange(nf, CHUNK, (from, to) -> {
                float x0 = Float.POSITIVE_INFINITY, y0 = x0, z0 = x0;
                float x1 = Float.NEGATIVE_INFINITY, y1 = x1, z1 = x1;
                double vol = 0;
                float ext = 0;
                for (int f = from; f < to; f++) {
                    int ia = tri[3 * f], ib = tri[3 * f + 1], ic = tri[3 * f + 2];
                    if (ia < 0 || ib < 0 || ic < 0 || ia >= nv || ib >= nv || ic >= nv) {
                        bad[from / CHUNK] = true;
                        return;
                    }
                    int a = 3 * ia, b = 3 * ib, c = 3 * ic;
                    float ax = p[a], ay = p[a + 1], az = p[a + 2];
                    float bx = p[b], by = p[b + 1], bz = p[b + 2];
                    float cx = p[c], cy = p[c + 1], cz = p[c + 2];
                    // compares, not Math.min/max: cheaper before the JIT compiler has run (NaN shows in the volume)
                    if (ax < x0) x0 = ax;
                    if (bx < x0) x0 = bx;
                    if (cx < x0) x0 = cx;
                    if (ax > x1) x1 = ax;
                    if (bx > x1) x1 = bx;
                    if (cx > x1) x1 = cx;
                    if (ay < y0) y0 = ay;
                    if (by < y0) y0 = by;
                    if (cy < y0) y0 = cy;
                    if (ay > y1) y1 = ay;
                    if (by > y1) y1 = by;
                    if (cy > y1) y1 = cy;
                    if (az < z0) z0 = az;
                    if (bz < z0) z0 = bz;
                    if (cz < z0) z0 = cz;
                    if (az > z1) z1 = az;
                    if (bz > z1) z1 = bz;
                    if (cz > z1) z1 = cz;
                    float ex = (ax > bx ? ax : bx) - (ax < bx ? ax : bx);
                    float ey = (ay > by ? ay : by) - (ay < by ? ay : by);
                    float e2 = (ax > cx ? ax : cx) - (ax < cx ? ax : cx);
                    ex = ex > e2 ? ex : e2;
                    e2 = (bx > cx ? bx : cx) - (bx < cx ? bx : cx);
                    ex = ex > e2 ? ex : e2;
                    e2 = (ay > cy ? ay : cy) - (ay < cy ? ay : cy);
                    ey = ey > e2 ? ey : e2;
                    e2 = (by > cy ? by : cy) - (by < cy ? by : cy);
                    ey = ey > e2 ? ey : e2;
                    ext = ext > ex ? ext : ex;
                    ext = ext > ey ? ext : ey;
                    float ux = bx - ax, uy = by - ay, uz = bz - az;
                    float vx = cx - ax, vy = cy - ay, vz = cz - az;
                    float nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
                    area[3 * f] = nx;
                    area[3 * f + 1] = ny;
                    area[3 * f + 2] = nz;
                    float len = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
                    if (len > 0) {
                        unit[3 * f] = nx / len;
                        unit[3 * f + 1] = ny / len;
                        unit[3 * f + 2] = nz / len;
                    }
                    vol += (double) ax * ((double) by * cz - (double) bz * cy)
                            - (double) ay * ((double) bx * cz - (double) bz * cx)
                            + (double) az * ((double) bx * cy - (double) by * cx);
                }
                int o = 8 * (from / CHUNK);
                part[o] = x0;
                part[o + 1] = y0;
                part[o + 2] = z0;
                part[o + 3] = x1;
                part[o + 4] = y1;
                part[o + 5] = z1;
                part[o + 6] = vol;
                part[o + 7] = ext;
            });
            double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            double volume = 0;
            boolean badIndex = false;
            float extent = 0;
            for (int c = 0; c < chunks; c++) {
                badIndex |= bad[c];
                for (int k = 0; k < 3; k++) {
                    box[k] = Math.min(box[k], part[8 * c + k]);
                    box[k + 3] = Math.max(box[k + 3], part[8 * c + k + 3]);
                }
                volume += part[8 * c + 6];
                extent = Math.max(extent, (float) part[8 * c + 7]);
            }
            return new Faces(area, unit, box, volume, badIndex, extent);
        }
    }

    /**
     * Unit normals of the facet corners. Around each vertex, facets that share an edge and meet at less than the
     * crease angle join one smooth group (a fan, also across several such edges); every corner gets the
     * area-weighted mean normal of its group, summed in facet order. The decision belongs to the edge, so two
     * facets on either side of a smooth edge always agree on the normals along it (no seams inside a smooth
     * surface), and a crease edge is crisp along its whole length. Also tells whether the mesh is closed and
     * consistently oriented: every directed edge a→b has exactly one facet using b→a.
     */
    private static final class Normals {
        final float[] normal;
        final int[] cornerRow;
        final boolean closed;
        /** Whether some vertex is used by no facet. */
        final boolean unused;

        private Normals(float[] normal, int[] cornerRow, boolean closed, boolean unused) {
            this.normal = normal;
            this.cornerRow = cornerRow;
            this.closed = closed;
            this.unused = unused;
        }

        static Normals of(int[] tri, int nv, Faces faces, Parallel par, boolean fanShortcut)
                throws InterruptedException {
            int[] start = new int[nv + 1];
            int[] corners = cornersByVertex(tri, nv, start, par);
            float[] normal = new float[3 * nv];
            int chunks = (nv + CHUNK - 1) / CHUNK;
            Fan[] fans = new Fan[chunks];
            par.forRange(nv, CHUNK, (from, to) -> {
                Fan fan = new Fan(tri, faces, normal, fanShortcut);
                for (int v = from; v < to; v++) {
                    fan.smooth(v, corners, start[v], start[v + 1] - start[v]);
                }
                fan.release();
                fans[from / CHUNK] = fan;
            });
            boolean closed = true;
            boolean unused = false;
            int extra = 0;
            for (Fan f : fans) {
                closed &= f.closed;
                unused |= f.unused;
                extra += f.extra;
            }
            if (extra == 0) {
                return new Normals(normal, null, closed, unused);
            }
            // corners split off by creases: rows of their own after the vertices, in vertex order
            float[] all = Arrays.copyOf(normal, 3 * (nv + extra));
            int[] rows = new int[tri.length];
            par.forRange(tri.length, 3 * CHUNK, (from, to) -> System.arraycopy(tri, from, rows, from, to - from));
            int row = nv;
            for (Fan f : fans) {
                System.arraycopy(f.extraNormal, 0, all, 3 * row, 3 * f.extra);
                for (int e = 0; e < f.extra; e++) {
                    rows[f.extraCorner[e]] = row++;
                }
            }
            return new Normals(all, rows, closed, unused);
        }
    }

    /** The facets around one vertex and their smooth groups; scratch space of one thread. */
    private static final class Fan {
        private static final float COS_CREASE = (float) StrictMath.cos(Math.toRadians(CREASE_DEGREES));
        private static final float COS_SPREAD = (float) StrictMath.cos(Math.toRadians(SPREAD_DEGREES));
        /** Within half the spread of a group's mean, two facets are within the spread of each other. */
        private static final float COS_HALF_SPREAD = (float) StrictMath.cos(Math.toRadians(SPREAD_DEGREES / 2));

        private final int[] tri;
        private final float[] area;
        private final float[] unit;
        private final float[] out;
        /** Try {@link #oneClosedSmoothFan} before the general path. */
        private final boolean shortcut;
        boolean closed = true;
        boolean unused;
        /** Corners with a row of their own, and those rows' normals. */
        int extra;
        int[] extraCorner = new int[16];
        float[] extraNormal = new float[48];
        private int cap;
        private int[] corner;
        private int[] face;
        private int[] next;
        private int[] prev;
        private int[] group;
        private int[] twins;
        private float[] nx;
        private float[] ny;
        private float[] nz;
        private float[] gx;
        private float[] gy;
        private float[] gz;
        private boolean[] wide;

        Fan(int[] tri, Faces faces, float[] out, boolean shortcut) {
            this.shortcut = shortcut;
            this.tri = tri;
            this.area = faces.area;
            this.unit = faces.unit;
            this.out = out;
            grow(16);
        }

        /** Drops the scratch arrays (the extra rows stay). */
        void release() {
            corner = face = next = prev = group = twins = null;
            nx = ny = nz = gx = gy = gz = null;
            wide = null;
        }

        private void addRow(int c, float x, float y, float z) {
            if (extra == extraCorner.length) {
                extraCorner = Arrays.copyOf(extraCorner, 2 * extra);
                extraNormal = Arrays.copyOf(extraNormal, 6 * extra);
            }
            extraCorner[extra] = c;
            extraNormal[3 * extra] = x;
            extraNormal[3 * extra + 1] = y;
            extraNormal[3 * extra + 2] = z;
            extra++;
        }

        /** Normal of corner i: its own row, or vertex v's row for the first group. */
        private void put(int v, int i, boolean own, float x, float y, float z) {
            if (own) {
                addRow(corner[i], x, y, z);
            } else {
                out[3 * v] = x;
                out[3 * v + 1] = y;
                out[3 * v + 2] = z;
            }
        }

        private void grow(int n) {
            cap = n;
            corner = new int[n];
            face = new int[n];
            next = new int[n];
            prev = new int[n];
            group = new int[n];
            twins = new int[n];
            nx = new float[n];
            ny = new float[n];
            nz = new float[n];
            gx = new float[n];
            gy = new float[n];
            gz = new float[n];
            wide = new boolean[n];
        }

        /**
         * The normals of vertex v's k corners {@code corners[s .. s + k)}: vertex v's row for the group of its first
         * corner, rows of their own for the others; also notes whether each edge leaving v comes back from
         * exactly one facet.
         */
        void smooth(int v, int[] corners, int s, int k) {
            if (k == 0) {
                unused = true;
                return;
            }
            if (k > cap) {
                grow(Math.max(k, 2 * cap));
            }
            for (int i = 0; i < k; i++) {
                int c = corners[s + i];
                int f = c / 3;
                int f3 = 3 * f;
                int j = c - f3;
                corner[i] = c;
                face[i] = f;
                next[i] = tri[j == 2 ? f3 : c + 1];
                prev[i] = tri[j == 0 ? f3 + 2 : c - 1];
                nx[i] = unit[f3];
                ny[i] = unit[f3 + 1];
                nz[i] = unit[f3 + 2];
                group[i] = i;
            }
            if (shortcut && k >= 3 && k <= MAX_SMOOTH_VALENCE && oneClosedSmoothFan(v, k)) {
                return;
            }
            if (k > MAX_SMOOTH_VALENCE) {
                closed = closed && twinned(next, prev, k);
                // too many facets to pair up: each corner keeps its facet's own normal
                for (int i = 0; i < k; i++) {
                    put(v, i, i > 0, nx[i], ny[i], nz[i]);
                }
                return;
            }
            // pairs of facets that share an edge through the vertex; twins[i]: facets whose edge comes back
            // along corner i's outgoing edge
            for (int i = 0; i < k; i++) {
                int ni = next[i], pi = prev[i];
                float ax = nx[i], ay = ny[i], az = nz[i];
                int back = pi == ni ? 1 : 0;
                for (int j = 0; j < i; j++) {
                    boolean in = pi == next[j];
                    boolean out = ni == prev[j];
                    if (out) {
                        back++;
                    }
                    if (in) {
                        twins[j]++;
                    }
                    if ((in || out || ni == next[j] || pi == prev[j])
                            && ax * nx[j] + ay * ny[j] + az * nz[j] >= COS_CREASE) {
                        join(group, i, j);
                    }
                }
                twins[i] = back;
            }
            for (int i = 0; i < k && closed; i++) {
                closed = twins[i] == 1;
            }
            // area-weighted sum per group, in facet order (a group's root is its first member)
            for (int i = 0; i < k; i++) {
                int r = root(group, i);
                group[i] = r;
                int f3 = 3 * face[i];
                if (r == i) {
                    gx[i] = area[f3];
                    gy[i] = area[f3 + 1];
                    gz[i] = area[f3 + 2];
                } else {
                    gx[r] += area[f3];
                    gy[r] += area[f3 + 1];
                    gz[r] += area[f3 + 2];
                }
            }
            for (int i = 0; i < k; i++) {
                if (group[i] == i) {
                    float len = (float) Math.sqrt(gx[i] * gx[i] + gy[i] * gy[i] + gz[i] * gz[i]);
                    if (len > 0) {
                        gx[i] /= len;
                        gy[i] /= len;
                        gz[i] /= len;
                    }
                    wide[i] = false;
                } else {
                    int r = group[i];
                    if (!wide[r] && (nx[i] * gx[r] + ny[i] * gy[r] + nz[i] * gz[r] < COS_HALF_SPREAD
                            || nx[r] * gx[r] + ny[r] * gy[r] + nz[r] * gz[r] < COS_HALF_SPREAD)) {
                        wide[r] = wider(r, k);
                    }
                }
            }
            boolean one = !wide[0];
            for (int i = 1; i < k && one; i++) {
                one = group[i] == 0;
            }
            if (one) {
                // the common case: one smooth surface around the vertex
                put(v, 0, false, gx[0], gy[0], gz[0]);
                if (gx[0] == 0 && gy[0] == 0 && gz[0] == 0) {
                    put(v, 0, false, nx[0], ny[0], nz[0]);
                }
                return;
            }
            for (int i = 0; i < k; i++) {
                int r = group[i];
                boolean own = r != 0 || wide[0];
                if (wide[r]) {
                    spread(v, i, r, k, own);
                } else if (gx[r] != 0 || gy[r] != 0 || gz[r] != 0) {
                    if (own || i == 0) {
                        put(v, i, own, gx[r], gy[r], gz[r]);
                    }
                } else {
                    put(v, i, own || i > 0, nx[i], ny[i], nz[i]);
                }
            }
        }

        /**
         * The common vertex, decided without the pairwise grouping: its facets form one closed ring, each facet's
         * edge leaving the vertex coming back from exactly one other facet, every such edge gentler than the crease
         * angle and no facet turned far from the mean. Then the general path would make one smooth group of all of
         * them, find every edge twinned once and none wide; this writes what it would (the area-weighted sum in
         * corner order, normalized) and returns true. Otherwise it writes nothing and returns false.
         */
        private boolean oneClosedSmoothFan(int v, int k) {
            // twins[i]: the one facet whose edge comes back along corner i's outgoing edge
            for (int i = 0; i < k; i++) {
                int ni = next[i];
                int found = -1;
                for (int j = 0; j < k; j++) {
                    if (prev[j] == ni) {
                        if (found >= 0 || j == i) {
                            return false;
                        }
                        found = j;
                    }
                }
                if (found < 0) {
                    return false;
                }
                twins[i] = found;
            }
            // one ring through all k facets, every step across a gentle edge
            int at = 0;
            for (int step = 1; step <= k; step++) {
                int to = twins[at];
                if (nx[at] * nx[to] + ny[at] * ny[to] + nz[at] * nz[to] < COS_CREASE || (to == 0) != (step == k)) {
                    return false;
                }
                at = to;
            }
            float sx = 0, sy = 0, sz = 0;
            for (int i = 0; i < k; i++) {
                int f3 = 3 * face[i];
                if (i == 0) {
                    sx = area[f3];
                    sy = area[f3 + 1];
                    sz = area[f3 + 2];
                } else {
                    sx += area[f3];
                    sy += area[f3 + 1];
                    sz += area[f3 + 2];
                }
            }
            float len = (float) Math.sqrt(sx * sx + sy * sy + sz * sz);
            if (len > 0) {
                sx /= len;
                sy /= len;
                sz /= len;
            }
            if (nx[0] * sx + ny[0] * sy + nz[0] * sz < COS_HALF_SPREAD) {
                return false;
            }
            for (int i = 1; i < k; i++) {
                if (nx[i] * sx + ny[i] * sy + nz[i] * sz < COS_HALF_SPREAD) {
                    return false;
                }
            }
            if (sx == 0 && sy == 0 && sz == 0) {
                put(v, 0, false, nx[0], ny[0], nz[0]);
            } else {
                put(v, 0, false, sx, sy, sz);
            }
            return true;
        }

        /** Whether two facets of group r are turned further than the spread limit from each other. */
        private boolean wider(int r, int k) {
            for (int i = r + 1; i < k; i++) {
                if (group[i] != r) {
                    continue;
                }
                for (int j = r; j < i; j++) {
                    if (group[j] == r && nx[i] * nx[j] + ny[i] * ny[j] + nz[i] * nz[j] < COS_SPREAD) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** A long chain of gentle edges: only the group's facets near corner i's own direction count. */
        private void spread(int v, int i, int r, int k, boolean own) {
            float sx = 0, sy = 0, sz = 0;
            for (int j = r; j < k; j++) {
                if (group[j] == r && (j == i || nx[i] * nx[j] + ny[i] * ny[j] + nz[i] * nz[j] >= COS_SPREAD)) {
                    int f3 = 3 * face[j];
                    sx += area[f3];
                    sy += area[f3 + 1];
                    sz += area[f3 + 2];
                }
            }
            float len = (float) Math.sqrt(sx * sx + sy * sy + sz * sz);
            if (len > 0) {
                put(v, i, own, sx / len, sy / len, sz / len);
            } else {
                put(v, i, own, nx[i], ny[i], nz[i]);
            }
        }
    }

    /**
     * Whether each edge leaving the vertex (to next[i]) comes back from exactly one facet (prev[j] == next[i]).
     */
    private static boolean twinned(int[] next, int[] prev, int k) {
        if (k <= 32) {
            for (int i = 0; i < k; i++) {
                int n = 0;
                for (int j = 0; j < k; j++) {
                    if (prev[j] == next[i]) {
                        n++;
                    }
                }
                if (n != 1) {
                    return false;
                }
            }
            return true;
        }
        int[] back = Arrays.copyOf(prev, k);
        Arrays.sort(back);
        for (int i = 0; i < k; i++) {
            int at = Arrays.binarySearch(back, next[i]);
            if (at < 0 || (at > 0 && back[at - 1] == next[i]) || (at < k - 1 && back[at + 1] == next[i])) {
                return false;
            }
        }
        return true;
    }

    /** Union by smaller index, so that a group's root is its first member (the summation order). */
    private static void join(int[] group, int a, int b) {
        int ra = root(group, a);
        int rb = root(group, b);
        if (ra < rb) {
            group[rb] = ra;
        } else if (rb < ra) {
            group[ra] = rb;
        }
    }

    private static int root(int[] group, int i) {
        while (group[i] != i) {
            group[i] = group[group[i]];
            i = group[i];
        }
        return i;
    }

    /**
     * The corners (3 × facet + k) around each vertex, in ascending order: vertex v's are
     * {@code corners[start[v] .. start[v + 1])}. Two halves of the facets are counted and placed on two threads;
     * the result is the same for any thread count.
     */
    private static int[] cornersByVertex(int[] tri, int nv, int[] start, Parallel par) throws InterruptedException {
        int n = tri.length;
        int half = (n / 3 / 2) * 3;
        int[][] count = {new int[nv], new int[nv]};
        par.forRange(2, 1, (from, to) -> {
            for (int h = from; h < to; h++) {
                int[] cnt = count[h];
                for (int i = h == 0 ? 0 : half, e = h == 0 ? half : n; i < e; i++) {
                    cnt[tri[i]]++;
                }
            }
        });
        int[] c0 = count[0];
        int[] c1 = count[1];
        int total = 0;
        for (int v = 0; v < nv; v++) {
            start[v] = total;
            int a = c0[v];
            c0[v] = total;
            total += a;
            int b = c1[v];
            c1[v] = total;
            total += b;
        }
        start[nv] = total;
        int[] corners = new int[n];
        par.forRange(2, 1, (from, to) -> {
            for (int h = from; h < to; h++) {
                int[] cursor = count[h];
                for (int i = h == 0 ? 0 : half, e = h == 0 ? half : n; i < e; i++) {
                    corners[cursor[tri[i]]++] = i;
                }
            }
        });
        return corners;
    }
}
