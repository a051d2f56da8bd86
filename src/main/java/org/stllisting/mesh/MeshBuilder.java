package org.stllisting.mesh;

import java.util.Arrays;

/**
 * Builds a {@link Mesh} from facet corners, merging corners whose coordinates are exactly equal into one vertex
 * ({@code -0.0} counts as {@code 0.0}). The merge uses a primitive open-addressing hash table over the vertex
 * array, so a corner costs no allocation: this is the hot path of reading multi-million-facet files.
 *
 * <p>Not thread-safe; one builder per read.
 */
public final class MeshBuilder {
    private float[] vertices;
    private int vertexCount;
    private int[] triangles;
    private int cornerCount;
    private float[] normals;
    private int normalCount;
    private final boolean keepNormals;
    /** vertex index + 1 per slot; 0 marks an empty slot. */
    private int[] table;
    private int mask;

    /**
     * @param expectedFacets a capacity hint; the builder grows past it
     * @param keepNormals whether {@link #normal} values are stored in the mesh
     */
    public MeshBuilder(long expectedFacets, boolean keepNormals) {
        int facets = (int) Math.max(16, Math.min(expectedFacets, Integer.MAX_VALUE / 3 - 16));
        this.triangles = new int[facets * 3];
        this.keepNormals = keepNormals;
        this.normals = keepNormals ? new float[facets * 3] : null;
        // a closed mesh has about half as many vertices as facets
        int verts = Math.max(16, facets / 2 + 16);
        this.vertices = new float[verts * 3];
        int cap = Integer.highestOneBit(Math.max(32, verts * 2 - 1)) << 1;
        this.table = new int[cap];
        this.mask = cap - 1;
    }

    public int facetCount() {
        return cornerCount / 3;
    }

    public int vertexCount() {
        return vertexCount;
    }

    /** Adds one corner; three consecutive corners make a facet. Returns the merged vertex index. */
    public int corner(float x, float y, float z) {
        int v = vertex(x, y, z);
        if (cornerCount == triangles.length) {
            triangles = Arrays.copyOf(triangles, grow(triangles.length));
        }
        triangles[cornerCount++] = v;
        return v;
    }

    /** Adds a facet by existing vertex indices. */
    public void facet(int a, int b, int c) {
        if (cornerCount + 3 > triangles.length) {
            triangles = Arrays.copyOf(triangles, grow(triangles.length));
        }
        triangles[cornerCount++] = a;
        triangles[cornerCount++] = b;
        triangles[cornerCount++] = c;
    }

    /** The stored normal of the facet being added (ignored unless normals are kept). */
    public void normal(float x, float y, float z) {
        if (!keepNormals) {
            return;
        }
        if (normalCount + 3 > normals.length) {
            normals = Arrays.copyOf(normals, grow(normals.length));
        }
        normals[normalCount++] = x;
        normals[normalCount++] = y;
        normals[normalCount++] = z;
    }

    /** Returns the index of the vertex at exactly (x, y, z), adding it when new. */
    public int vertex(float x, float y, float z) {
        if (x == 0) {
            x = 0f; // folds -0.0 into 0.0
        }
        if (y == 0) {
            y = 0f;
        }
        if (z == 0) {
            z = 0f;
        }
        int slot = hash(x, y, z) & mask;
        float[] vs = vertices;
        while (true) {
            int e = table[slot];
            if (e == 0) {
                break;
            }
            int i = 3 * (e - 1);
            if (vs[i] == x && vs[i + 1] == y && vs[i + 2] == z) {
                return e - 1;
            }
            slot = (slot + 1) & mask;
        }
        int idx = vertexCount;
        if (3 * idx + 3 > vertices.length) {
            vertices = Arrays.copyOf(vertices, grow(vertices.length));
        }
        vertices[3 * idx] = x;
        vertices[3 * idx + 1] = y;
        vertices[3 * idx + 2] = z;
        vertexCount++;
        table[slot] = idx + 1;
        if (vertexCount * 2L > table.length) {
            rehash();
        }
        return idx;
    }

    private static int hash(float x, float y, float z) {
        int h = Float.floatToRawIntBits(x) * 0x9E3779B1;
        h = (h ^ (h >>> 15)) + Float.floatToRawIntBits(y) * 0x85EBCA77;
        h = (h ^ (h >>> 13)) + Float.floatToRawIntBits(z) * 0xC2B2AE3D;
        return h ^ (h >>> 16);
    }

    private void rehash() {
        int cap = table.length << 1;
        int[] t = new int[cap];
        int m = cap - 1;
        for (int i = 0; i < vertexCount; i++) {
            int slot = hash(vertices[3 * i], vertices[3 * i + 1], vertices[3 * i + 2]) & m;
            while (t[slot] != 0) {
                slot = (slot + 1) & m;
            }
            t[slot] = i + 1;
        }
        table = t;
        mask = m;
    }

    private static int grow(int len) {
        long n = Math.max(48L, len + (len >> 1));
        n -= n % 3;
        if (n > Integer.MAX_VALUE - 16) {
            if (len >= Integer.MAX_VALUE - 24) {
                throw new OutOfMemoryError("mesh too large for int indices");
            }
            n = Integer.MAX_VALUE - 24;
        }
        return (int) n;
    }

    /** The mesh; the builder must not be used afterwards. */
    public Mesh build() {
        table = null;
        float[] v = vertices.length == 3 * vertexCount ? vertices : Arrays.copyOf(vertices, 3 * vertexCount);
        vertices = null;
        int[] t = triangles.length == cornerCount ? triangles : Arrays.copyOf(triangles, cornerCount);
        triangles = null;
        float[] n = null;
        if (keepNormals) {
            n = normals.length == cornerCount ? normals : Arrays.copyOf(normals, cornerCount);
            if (normalCount != cornerCount) {
                throw new IllegalStateException("one normal per facet expected");
            }
        }
        normals = null;
        return new Mesh(v, t, n);
    }
}
