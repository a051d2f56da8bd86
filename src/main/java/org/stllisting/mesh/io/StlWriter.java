package org.stllisting.mesh.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.MeshChecks;

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
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        float[] sn = mesh.storedNormals();
        int n = mesh.facetCount();
        float[] nrm = new float[3];
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer bb = ByteBuffer.allocate(Math.max(84, CHUNK_FACETS * 50)).order(ByteOrder.LITTLE_ENDIAN);
            byte[] h = new byte[80];
            byte[] hs = header.getBytes(StandardCharsets.US_ASCII);
            // a header starting with "solid" makes naive readers take the file for ASCII
            if (header.regionMatches(true, 0, "solid", 0, 5)) {
                hs = ("STL " + header).getBytes(StandardCharsets.US_ASCII);
            }
            System.arraycopy(hs, 0, h, 0, Math.min(80, hs.length));
            bb.put(h).putInt(n);
            out.write(bb.array(), 0, bb.position());
            bb.clear();
            for (int f = 0; f < n; f++) {
                normal(v, t, sn, f, nrm);
                bb.putFloat(nrm[0]).putFloat(nrm[1]).putFloat(nrm[2]);
                for (int k = 0; k < 3; k++) {
                    int i = 3 * t[3 * f + k];
                    bb.putFloat(v[i]).putFloat(v[i + 1]).putFloat(v[i + 2]);
                }
                bb.putShort((short) 0);
                if (!bb.hasRemaining()) {
                    out.write(bb.array(), 0, bb.position());
                    bb.clear();
                }
            }
            out.write(bb.array(), 0, bb.position());
        }
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
        double[] cross = new double[3];
        double len = MeshChecks.windingNormal(v, t, f, cross);
        double nx = cross[0];
        double ny = cross[1];
        double nz = cross[2];
        if (len == 0 || !Double.isFinite(len)) {
            out[0] = 0;
            out[1] = 0;
            out[2] = 0;
            return;
        }
        out[0] = (float) (nx / len);
        out[1] = (float) (ny / len);
        out[2] = (float) (nz / len);
    }
}
