package org.stllisting.mesh.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshChecks;
import org.stllisting.mesh.Parallel;

/**
 * Writes meshes as STL. Facet normals are the mesh's stored normals when it has them, otherwise they are computed
 * from the winding (right-hand rule, unit length; zero for degenerate facets). Stateless and thread-safe.
 */
public final class StlWriter {
    private static final int CHUNK_FACETS = 8192;

    private StlWriter() {
    }

    /** Writes binary STL: an 80-byte header, the facet count, then 50 bytes per facet. */
    public static void writeBinary(Mesh mesh, Path file) throws IOException {
        writeBinary(mesh, file, "binary STL written by STL Listing Tool");
    }

    public static void writeBinary(Mesh mesh, Path file, String header) throws IOException {
        int n = mesh.facetCount();
        byte[] h = new byte[84];
        byte[] hs = header.getBytes(StandardCharsets.US_ASCII);
        // a header starting with "solid" makes naive readers take the file for ASCII
        if (header.regionMatches(true, 0, "solid", 0, 5)) {
            hs = ("STL " + header).getBytes(StandardCharsets.US_ASCII);
        }
        System.arraycopy(hs, 0, h, 0, Math.min(80, hs.length));
        putInt(h, 80, n);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, h, 84, 0);
            // each thread encodes and writes its own range of facets at their place in the file
            int parts = Parallel.parts(n);
            IOException[] failure = new IOException[parts];
            Parallel.run(parts, part -> {
                int from = (int) ((long) n * part / parts);
                int to = (int) ((long) n * (part + 1) / parts);
                try {
                    writeFacets(ch, mesh, from, to);
                } catch (IOException e) {
                    failure[part] = e;
                }
            });
            for (IOException e : failure) {
                if (e != null) {
                    throw e;
                }
            }
        }
    }

    /** Encodes facets [from, to) in chunks and writes each at its offset. */
    private static void writeFacets(FileChannel ch, Mesh mesh, int from, int to) throws IOException {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        float[] sn = mesh.storedNormals();
        byte[] buf = new byte[CHUNK_FACETS * 50];
        float[] nrm = new float[3];
        double[] cross = new double[3];
        for (int f0 = from; f0 < to; f0 += CHUNK_FACETS) {
            int f1 = Math.min(to, f0 + CHUNK_FACETS);
            int p = 0;
            for (int f = f0; f < f1; f++) {
                if (sn != null) {
                    p = putFloat(buf, p, sn[3 * f]);
                    p = putFloat(buf, p, sn[3 * f + 1]);
                    p = putFloat(buf, p, sn[3 * f + 2]);
                } else {
                    windingUnitNormal(v, t, f, cross, nrm);
                    p = putFloat(buf, p, nrm[0]);
                    p = putFloat(buf, p, nrm[1]);
                    p = putFloat(buf, p, nrm[2]);
                }
                for (int k = 0; k < 3; k++) {
                    int i = 3 * t[3 * f + k];
                    p = putFloat(buf, p, v[i]);
                    p = putFloat(buf, p, v[i + 1]);
                    p = putFloat(buf, p, v[i + 2]);
                }
                buf[p++] = 0;
                buf[p++] = 0;
            }
            writeFully(ch, buf, p, 84 + 50L * f0);
        }
    }

    private static void writeFully(FileChannel ch, byte[] buf, int len, long position) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
        long pos = position;
        while (bb.hasRemaining()) {
            pos += ch.write(bb, pos);
        }
    }

    private static int putFloat(byte[] b, int p, float x) {
        int bits = Float.floatToRawIntBits(x);
        b[p] = (byte) bits;
        b[p + 1] = (byte) (bits >>> 8);
        b[p + 2] = (byte) (bits >>> 16);
        b[p + 3] = (byte) (bits >>> 24);
        return p + 4;
    }

    private static void putInt(byte[] b, int p, int x) {
        b[p] = (byte) x;
        b[p + 1] = (byte) (x >>> 8);
        b[p + 2] = (byte) (x >>> 16);
        b[p + 3] = (byte) (x >>> 24);
    }

    /** Writes ASCII STL with one solid named {@code name}. */
    public static void writeAscii(Mesh mesh, Path file, String name) throws IOException {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        float[] sn = mesh.storedNormals();
        float[] nrm = new float[3];
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 16)) {
            w.write("solid " + name + "\n");
            for (int f = 0; f < mesh.facetCount(); f++) {
                normal(v, t, sn, f, nrm);
                w.write("  facet normal " + e(nrm[0]) + " " + e(nrm[1]) + " " + e(nrm[2]) + "\n    outer loop\n");
                for (int k = 0; k < 3; k++) {
                    int i = 3 * t[3 * f + k];
                    w.write("      vertex " + e(v[i]) + " " + e(v[i + 1]) + " " + e(v[i + 2]) + "\n");
                }
                w.write("    endloop\n  endfacet\n");
            }
            w.write("endsolid " + name + "\n");
        }
    }

    /** Shortest text that reads back as the same float. */
    private static String e(float x) {
        return Float.toString(x);
    }

    /** The stored normal of facet f, or the unit normal of its winding. */
    public static void normal(float[] v, int[] t, float[] stored, int f, float[] out) {
        if (stored != null) {
            out[0] = stored[3 * f];
            out[1] = stored[3 * f + 1];
            out[2] = stored[3 * f + 2];
            return;
        }
        windingUnitNormal(v, t, f, new double[3], out);
    }

    /** The unit normal of facet f's winding, zero for a degenerate facet; {@code cross} is scratch space. */
    private static void windingUnitNormal(float[] v, int[] t, int f, double[] cross, float[] out) {
        double len = MeshChecks.windingNormal(v, t, f, cross);
        if (len == 0 || !Double.isFinite(len)) {
            out[0] = 0;
            out[1] = 0;
            out[2] = 0;
            return;
        }
        out[0] = (float) (cross[0] / len);
        out[1] = (float) (cross[1] / len);
        out[2] = (float) (cross[2] / len);
    }
}
