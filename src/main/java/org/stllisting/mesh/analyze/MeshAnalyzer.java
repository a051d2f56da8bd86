package org.stllisting.mesh.analyze;

import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshTopology;
import org.stllisting.mesh.Parallel;

/**
 * Measures a mesh: bounding box, size, volume, area, shells, watertightness, centre of mass and material.
 *
 * <p>Volume is the divergence-theorem sum of signed tetrahedra taken from the centre of the bounding box (which
 * keeps the terms small), computed in double precision from the float coordinates and added with Neumaier's
 * compensated summation, so that a closed mesh of millions of facets reports the volume an exact computation
 * gives to about 1e-12 relative. Area is summed the same way. Stateless and thread-safe.
 */
public final class MeshAnalyzer {
    private static final double MM_PER_INCH = 25.4;

    private MeshAnalyzer() {
    }

    public static MeshAnalysis analyze(Mesh mesh, double densityGPerCm3) {
        return analyze(MeshTopology.of(mesh), densityGPerCm3);
    }

    /** Analysis reusing a topology already built (e.g. by validation). */
    public static MeshAnalysis analyze(MeshTopology topology, double densityGPerCm3) {
        Mesh mesh = topology.mesh();
        double[][] box = boundingBox(mesh);
        double[] min = box[0];
        double[] max = box[1];
        double[] size = new double[3];
        double[] inches = new double[3];
        for (int i = 0; i < 3; i++) {
            size[i] = mesh.facetCount() == 0 ? 0 : max[i] - min[i];
            inches[i] = size[i] / MM_PER_INCH;
        }
        Measures m = facts(mesh).measures(mesh);
        int shells = topology.shellCount();
        double grams = Math.abs(m.volume) / 1000.0 * densityGPerCm3;
        return new MeshAnalysis(mesh.facetCount(), mesh.vertexCount(), min, max, size, inches, m.volume, m.area,
                shells, topology.watertight(), m.centre, densityGPerCm3, grams);
    }

    /** Signed volume, compensated, in double precision. */
    public static double volume(Mesh mesh) {
        return facts(mesh).measures(mesh).volume;
    }

    /** Bounding box {min, max} of the vertices used by facets; zeros for an empty mesh. */
    public static double[][] boundingBox(Mesh mesh) {
        Facts f = facts(mesh);
        return new double[][] {f.min.clone(), f.max.clone()};
    }

    /** Number of vertices used by at least one facet. */
    public static int usedVertexCount(Mesh mesh) {
        return facts(mesh).used;
    }

    /**
     * What a pass over the mesh learns, kept for the most recent mesh (compared by identity; meshes are
     * immutable) so that validation and analysis of one mesh make each pass once.
     */
    private static final class Facts {
        final java.lang.ref.WeakReference<Mesh> mesh;
        final double[] min;
        final double[] max;
        final int used;
        private volatile Measures measures;

        Facts(Mesh mesh, double[] min, double[] max, int used) {
            this.mesh = new java.lang.ref.WeakReference<>(mesh);
            this.min = min;
            this.max = max;
            this.used = used;
        }

        /** The measures of {@code m}, which must be this mesh. */
        Measures measures(Mesh m0) {
            Measures m = measures;
            if (m == null) {
                m = measure(m0, min, max);
                measures = m;
            }
            return m;
        }
    }

    private static volatile Facts recent;

    private static Facts facts(Mesh mesh) {
        Facts f = recent;
        if (f != null && f.mesh.get() == mesh) {
            return f;
        }
        f = scan(mesh);
        recent = f;
        return f;
    }

    /** Marks the vertices used by facets and takes their bounding box (both cores on large meshes). */
    private static Facts scan(Mesh mesh) {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        int nv = mesh.vertexCount();
        boolean[] usedFlag = new boolean[nv];
        int parts = Parallel.parts(t.length);
        // every thread only ever writes true: the races are harmless
        Parallel.run(parts, p -> {
            for (int i = (int) ((long) t.length * p / parts), e = (int) ((long) t.length * (p + 1) / parts);
                    i < e; i++) {
                usedFlag[t[i]] = true;
            }
        });
        double[][] part = new double[parts][7];
        Parallel.run(parts, p -> {
            double[] r = part[p];
            float x0 = Float.POSITIVE_INFINITY;
            float y0 = Float.POSITIVE_INFINITY;
            float z0 = Float.POSITIVE_INFINITY;
            float x1 = Float.NEGATIVE_INFINITY;
            float y1 = Float.NEGATIVE_INFINITY;
            float z1 = Float.NEGATIVE_INFINITY;
            int used = 0;
            for (int i = (int) ((long) nv * p / parts), e = (int) ((long) nv * (p + 1) / parts); i < e; i++) {
                if (!usedFlag[i]) {
                    continue;
                }
                used++;
                float x = v[3 * i];
                float y = v[3 * i + 1];
                float z = v[3 * i + 2];
                // strict comparisons: among equal values (0.0 and -0.0) the first in vertex order stays
                if (x < x0) {
                    x0 = x;
                }
                if (x > x1) {
                    x1 = x;
                }
                if (y < y0) {
                    y0 = y;
                }
                if (y > y1) {
                    y1 = y;
                }
                if (z < z0) {
                    z0 = z;
                }
                if (z > z1) {
                    z1 = z;
                }
            }
            r[0] = x0;
            r[1] = y0;
            r[2] = z0;
            r[3] = x1;
            r[4] = y1;
            r[5] = z1;
            r[6] = used;
        });
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int used = 0;
        for (double[] r : part) {
            for (int d = 0; d < 3; d++) {
                if (r[d] < min[d]) {
                    min[d] = r[d];
                }
                if (r[3 + d] > max[d]) {
                    max[d] = r[3 + d];
                }
            }
            used += (int) r[6];
        }
        if (t.length == 0) {
            min = new double[3];
            max = new double[3];
        }
        return new Facts(mesh, min, max, used);
    }

    private record Measures(double volume, double area, double[] centre) {
    }

    /** Facets per independently summed chunk: the sums do not depend on how many threads share the chunks. */
    private static final int CHUNK = 1 << 16;

    private static Measures measure(Mesh mesh, double[] min, double[] max) {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        double px = (min[0] + max[0]) / 2;
        double py = (min[1] + max[1]) / 2;
        double pz = (min[2] + max[2]) / 2;
        int nf = mesh.facetCount();
        int chunks = (nf + CHUNK - 1) / CHUNK;
        double[][] sums = new double[chunks][];
        int parts = Math.min(chunks, Parallel.parts(nf));
        Parallel.run(parts, p -> {
            for (int c = p; c < chunks; c += parts) {
                sums[c] = measureChunk(v, t, c * CHUNK, Math.min(nf, (c + 1) * CHUNK), px, py, pz);
            }
        });
        // chunk sums added in chunk order, volume and area compensated
        double[] total = new double[10];
        for (double[] r : sums) {
            for (int k = 0; k < 4; k++) {
                addCompensated(total, k & 2, r[k]);
            }
            for (int k = 4; k < 10; k++) {
                total[k] += r[k];
            }
        }
        double vol = total[0];
        double volC = total[1];
        double area = total[2];
        double areaC = total[3];
        double cx = total[4];
        double cy = total[5];
        double cz = total[6];
        double ax = total[7];
        double ay = total[8];
        double az = total[9];
        double det6 = vol + volC;
        double volume = det6 / 6.0;
        double totalArea = (area + areaC) / 2.0;
        double[] centre;
        double sumAbs = Math.abs(det6);
        if (sumAbs > 1e-12 * Math.max(1e-300, Math.pow(totalArea, 1.5))) {
            // tetra centroid is (p + a + b + c) / 4 with p at the origin of the shifted frame
            centre = new double[] {cx / (4 * det6) + px, cy / (4 * det6) + py, cz / (4 * det6) + pz};
        } else if (totalArea > 0) {
            centre = new double[] {ax / (6 * totalArea) + px, ay / (6 * totalArea) + py, az / (6 * totalArea) + pz};
        } else {
            centre = new double[] {px, py, pz};
        }
        return new Measures(volume, totalArea, centre);
    }

    /** Neumaier: adds {@code x} to {@code acc[i]}, carrying the low-order bits lost in {@code acc[i + 1]}. */
    private static void addCompensated(double[] acc, int i, double x) {
        double sum = acc[i];
        double s = sum + x;
        acc[i + 1] += Math.abs(sum) >= Math.abs(x) ? (sum - s) + x : (x - s) + sum;
        acc[i] = s;
    }

    /**
     * Sums over facets [from, to): {volume, its compensation, area, its compensation, centroid moments x y z,
     * area moments x y z}, volume and area doubled.
     */
    private static double[] measureChunk(float[] v, int[] t, int from, int to, double px, double py, double pz) {
        double vol = 0;
        double volC = 0;
        double area = 0;
        double areaC = 0;
        double cx = 0;
        double cy = 0;
        double cz = 0;
        double ax = 0;
        double ay = 0;
        double az = 0;
        for (int i = 3 * from, e = 3 * to; i < e; i += 3) {
            int a = 3 * t[i];
            int b = 3 * t[i + 1];
            int c = 3 * t[i + 2];
            double x0 = v[a] - px;
            double y0 = v[a + 1] - py;
            double z0 = v[a + 2] - pz;
            double x1 = v[b] - px;
            double y1 = v[b + 1] - py;
            double z1 = v[b + 2] - pz;
            double x2 = v[c] - px;
            double y2 = v[c + 1] - py;
            double z2 = v[c + 2] - pz;
            double det = x0 * (y1 * z2 - z1 * y2) - y0 * (x1 * z2 - z1 * x2) + z0 * (x1 * y2 - y1 * x2);
            // Neumaier: carry the low-order bits lost in each addition
            double s = vol + det;
            volC += Math.abs(vol) >= Math.abs(det) ? (vol - s) + det : (det - s) + vol;
            vol = s;
            cx += det * (x0 + x1 + x2);
            cy += det * (y0 + y1 + y2);
            cz += det * (z0 + z1 + z2);
            double ux = x1 - x0;
            double uy = y1 - y0;
            double uz = z1 - z0;
            double wx = x2 - x0;
            double wy = y2 - y0;
            double wz = z2 - z0;
            double nx = uy * wz - uz * wy;
            double ny = uz * wx - ux * wz;
            double nz = ux * wy - uy * wx;
            double ar = Math.sqrt(nx * nx + ny * ny + nz * nz);
            double s2 = area + ar;
            areaC += Math.abs(area) >= ar ? (area - s2) + ar : (ar - s2) + area;
            area = s2;
            ax += ar * (x0 + x1 + x2);
            ay += ar * (y0 + y1 + y2);
            az += ar * (z0 + z1 + z2);
        }
        return new double[] {vol, volC, area, areaC, cx, cy, cz, ax, ay, az};
    }
}
