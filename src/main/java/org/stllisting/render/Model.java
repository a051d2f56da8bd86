package org.stllisting.render;

import org.stllisting.mesh.Mesh;

/**
 * A mesh made ready for rendering: positions turned so that up is +Z, smooth corner normals that keep creases
 * sharp, the bounding box, and the ground contact shadow. Built once per mesh and up axis and then shared by
 * every frame of a turntable; immutable and thread-safe after construction.
 */
final class Model {
    /** Faces meeting at less than this angle are shaded smoothly; steeper edges stay crisp. */
    static final double CREASE_DEGREES = 30;
    /** Above this many faces at one vertex the pairwise smoothing is skipped (flat there) to stay linear. */
    private static final int MAX_SMOOTH_VALENCE = 96;

    final float[] pos;
    final int[] tri;
    /** Unit normal per triangle corner: 9 floats per triangle. */
    final float[] cornerNormal;
    final int facets;
    /**
     * Which screen-space winding can be skipped: +1 when the mesh is closed with outward facets (back faces are
     * never visible), -1 when closed but inside out, 0 when open or inconsistent (draw both sides).
     */
    final int cull;
    final double minX, minY, minZ, maxX, maxY, maxZ;
    private volatile GroundShadow shadow;

    private Model(float[] pos, int[] tri, float[] cornerNormal, double[] box, int cull) {
        this.pos = pos;
        this.cull = cull;
        this.tri = tri;
        this.cornerNormal = cornerNormal;
        this.facets = tri.length / 3;
        this.minX = box[0];
        this.minY = box[1];
        this.minZ = box[2];
        this.maxX = box[3];
        this.maxY = box[4];
        this.maxZ = box[5];
    }

    static Model of(Mesh mesh, boolean yUp, Parallel par) throws RenderException, InterruptedException {
        if (mesh.facetCount() == 0) {
            throw new RenderException("the model has no facets to render");
        }
        float[] src = mesh.vertices();
        int[] tri = mesh.triangles();
        int nv = mesh.vertexCount();
        for (int t : tri) {
            if (t < 0 || t >= nv) {
                throw new RenderException("the model refers to a vertex that does not exist");
            }
        }
        float[] pos;
        if (yUp) {
            // rotate +90° about X so that +Y becomes +Z and handedness (facet winding) is kept
            pos = new float[src.length];
            for (int i = 0; i < src.length; i += 3) {
                pos[i] = src[i];
                pos[i + 1] = -src[i + 2];
                pos[i + 2] = src[i + 1];
            }
        } else {
            pos = src;
        }
        double[] box = bounds(pos, tri);
        int[] cull = new int[1];
        float[] cornerNormal = cornerNormals(pos, tri, nv, par, cull);
        return new Model(pos, tri, cornerNormal, box, cull[0]);
    }

    /** Bounding box of the vertices that facets use, as min xyz then max xyz. */
    static double[] bounds(float[] pos, int[] tri) throws RenderException {
        float x0 = Float.POSITIVE_INFINITY, y0 = x0, z0 = x0;
        float x1 = Float.NEGATIVE_INFINITY, y1 = x1, z1 = x1;
        for (int v : tri) {
            float x = pos[3 * v], y = pos[3 * v + 1], z = pos[3 * v + 2];
            if (x < x0) x0 = x;
            if (x > x1) x1 = x;
            if (y < y0) y0 = y;
            if (y > y1) y1 = y;
            if (z < z0) z0 = z;
            if (z > z1) z1 = z;
        }
        if (!Float.isFinite(x0) || !Float.isFinite(x1) || !Float.isFinite(y0) || !Float.isFinite(y1)
                || !Float.isFinite(z0) || !Float.isFinite(z1)) {
            throw new RenderException("the model has coordinates that are not finite numbers");
        }
        return new double[] {x0, y0, z0, x1, y1, z1};
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

    GroundShadow shadow() {
        GroundShadow s = shadow;
        if (s == null) {
            synchronized (this) {
                s = shadow;
                if (s == null) {
                    s = GroundShadow.of(this);
                    shadow = s;
                }
            }
        }
        return s;
    }

    /**
     * +1 when every directed edge has exactly one facet using it the other way round (closed, consistently
     * oriented) and the enclosed volume is positive; -1 for the same inside out; 0 otherwise.
     */
    private static int cullSign(float[] p, int[] tri, int[] start, int[] faces, Parallel par)
            throws InterruptedException {
        int nf = tri.length / 3;
        int chunk = 1 << 14;
        int chunks = (nf + chunk - 1) / chunk;
        boolean[] open = new boolean[chunks];
        double[] volume = new double[chunks];
        par.forRange(nf, chunk, (from, to) -> {
            boolean bad = false;
            double vol = 0;
            for (int f = from; f < to; f++) {
                int a = tri[3 * f], b = tri[3 * f + 1], c = tri[3 * f + 2];
                if (!bad) {
                    bad = twins(tri, start, faces, a, b) != 1 || twins(tri, start, faces, b, c) != 1
                            || twins(tri, start, faces, c, a) != 1;
                }
                double ax = p[3 * a], ay = p[3 * a + 1], az = p[3 * a + 2];
                double bx = p[3 * b], by = p[3 * b + 1], bz = p[3 * b + 2];
                double cx = p[3 * c], cy = p[3 * c + 1], cz = p[3 * c + 2];
                vol += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
            }
            open[from / chunk] = bad;
            volume[from / chunk] = vol;
        });
        double total = 0;
        for (int i = 0; i < chunks; i++) {
            if (open[i]) {
                return 0;
            }
            total += volume[i];
        }
        return total > 0 ? 1 : total < 0 ? -1 : 0;
    }

    /** How many facets use the directed edge b→a (the twin of a→b). */
    private static int twins(int[] tri, int[] start, int[] faces, int a, int b) {
        int n = 0;
        for (int i = start[b]; i < start[b + 1]; i++) {
            int g = 3 * faces[i];
            int g0 = tri[g], g1 = tri[g + 1], g2 = tri[g + 2];
            if ((g0 == b && g1 == a) || (g1 == b && g2 == a) || (g2 == b && g0 == a)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Per corner: the area-weighted sum of the face normals around its vertex that lie within the crease angle
     * of the corner's own face. Summation order is the fixed face order of the adjacency, so the result does not
     * depend on threads.
     */
    private static float[] cornerNormals(float[] p, int[] tri, int nv, Parallel par, int[] cullOut)
            throws InterruptedException {
        int nf = tri.length / 3;
        float[] fn = new float[nf * 3];
        float[] unit = new float[nf * 3];
        par.forRange(nf, 1 << 14, (from, to) -> {
            for (int f = from; f < to; f++) {
                int a = 3 * tri[3 * f], b = 3 * tri[3 * f + 1], c = 3 * tri[3 * f + 2];
                float ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
                float vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
                float nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
                fn[3 * f] = nx;
                fn[3 * f + 1] = ny;
                fn[3 * f + 2] = nz;
                float len = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
                if (len > 0) {
                    unit[3 * f] = nx / len;
                    unit[3 * f + 1] = ny / len;
                    unit[3 * f + 2] = nz / len;
                }
            }
        });
        int[] start = new int[nv + 1];
        for (int v : tri) {
            start[v + 1]++;
        }
        for (int i = 0; i < nv; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = new int[nv];
        int[] faces = new int[tri.length];
        for (int i = 0; i < tri.length; i++) {
            int v = tri[i];
            faces[start[v] + fill[v]++] = i / 3;
        }
        fill = null;
        cullOut[0] = cullSign(p, tri, start, faces, par);
        float cosCrease = (float) StrictMath.cos(Math.toRadians(CREASE_DEGREES));
        float[] out = new float[tri.length * 3];
        par.forRange(nf, 1 << 13, (from, to) -> {
            for (int f = from; f < to; f++) {
                float ax = unit[3 * f], ay = unit[3 * f + 1], az = unit[3 * f + 2];
                for (int k = 0; k < 3; k++) {
                    int v = tri[3 * f + k];
                    int s = start[v], e = start[v + 1];
                    float sx = 0, sy = 0, sz = 0;
                    if (e - s > MAX_SMOOTH_VALENCE) {
                        sx = ax;
                        sy = ay;
                        sz = az;
                    } else {
                        for (int i = s; i < e; i++) {
                            int g = faces[i];
                            float d = ax * unit[3 * g] + ay * unit[3 * g + 1] + az * unit[3 * g + 2];
                            if (d >= cosCrease || g == f) {
                                sx += fn[3 * g];
                                sy += fn[3 * g + 1];
                                sz += fn[3 * g + 2];
                            }
                        }
                    }
                    float len = (float) Math.sqrt(sx * sx + sy * sy + sz * sz);
                    int o = 9 * f + 3 * k;
                    if (len > 0) {
                        out[o] = sx / len;
                        out[o + 1] = sy / len;
                        out[o + 2] = sz / len;
                    } else {
                        out[o] = ax;
                        out[o + 1] = ay;
                        out[o + 2] = az;
                    }
                }
            }
        });
        return out;
    }
}
