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
    /** Four ints per slot: x, y, z bits and vertex index + 1 (0 marks an empty slot). */
    private int[] table;
    private int mask;
    private static final int RECENT_MASK = (1 << 14) - 1;
    private final int[] recent = new int[(RECENT_MASK + 1) * 4];

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
        // load factor at most 3/4 for the expected vertex count
        int cap = Integer.highestOneBit(Math.max(32, verts * 4 / 3)) << 1;
        this.table = new int[cap * 4];
        this.mask = cap - 1;
    }

    public int facetCount() {
        return cornerCount / 3;
    }

    public int vertexCount() {
        return vertexCount;
    }

    /** A builder used only to merge vertices ({@link #vertex}); facets are kept elsewhere. */
    public static MeshBuilder verticesOnly(long expectedVertices) {
        MeshBuilder b = new MeshBuilder(16, false);
        int verts = (int) Math.max(16, Math.min(expectedVertices, Integer.MAX_VALUE / 3 - 16));
        b.vertices = new float[verts * 3];
        int cap = Integer.highestOneBit(Math.max(32, verts * 4 / 3)) << 1;
        b.table = new int[cap * 4];
        b.mask = cap - 1;
        return b;
    }

    /** The vertex coordinates so far (the array may be longer than {@code 3 * vertexCount()}). */
    public float[] vertexArray() {
        return vertices;
    }

    /** The merged vertices alone, trimmed; the builder must not be used afterwards. */
    public float[] buildVertices() {
        table = null;
        float[] v = vertices.length == 3 * vertexCount ? vertices : Arrays.copyOf(vertices, 3 * vertexCount);
        vertices = null;
        return v;
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
        int bx = Float.floatToRawIntBits(x);
        int by = Float.floatToRawIntBits(y);
        int bz = Float.floatToRawIntBits(z);
        int h = hash(bx, by, bz);
        // facets that share a vertex are usually close together in a file: a small direct-mapped cache of
        // recent vertices answers most repeats without touching the big table
        int[] rc = recent;
        int r = (h & RECENT_MASK) << 2;
        if (rc[r + 3] != 0 && rc[r] == bx && rc[r + 1] == by && rc[r + 2] == bz) {
            return rc[r + 3] - 1;
        }
        rc[r] = bx;
        rc[r + 1] = by;
        rc[r + 2] = bz;
        // slots hold the key inline (x, y, z bits, index + 1) so that a probe touches one cache line
        int[] tab = table;
        int slot = (h & mask) << 2;
        while (true) {
            int e = tab[slot + 3];
            if (e == 0) {
                break;
            }
            if (tab[slot] == bx && tab[slot + 1] == by && tab[slot + 2] == bz) {
                rc[r + 3] = e;
                return e - 1;
            }
            slot = (slot + 4) & (tab.length - 1);
        }
        int idx = vertexCount;
        if (3 * idx + 3 > vertices.length) {
            vertices = Arrays.copyOf(vertices, grow(vertices.length));
        }
        vertices[3 * idx] = x;
        vertices[3 * idx + 1] = y;
        vertices[3 * idx + 2] = z;
        vertexCount++;
        tab[slot] = bx;
        tab[slot + 1] = by;
        tab[slot + 2] = bz;
        tab[slot + 3] = idx + 1;
        rc[r + 3] = idx + 1;
        if (vertexCount * 4L > (mask + 1L) * 3) {
            rehash();
        }
        return idx;
    }

    private static int hash(int x, int y, int z) {
        int h = x * 0x9E3779B1;
        h = (h ^ (h >>> 15)) + y * 0x85EBCA77;
        h = (h ^ (h >>> 13)) + z * 0xC2B2AE3D;
        return h ^ (h >>> 16);
    }

    private void rehash() {
        int cap = (mask + 1) << 1;
        int[] t = new int[cap * 4];
        int m = cap - 1;
        int[] old = table;
        for (int s = 0; s < old.length; s += 4) {
            if (old[s + 3] == 0) {
                continue;
            }
            int slot = (hash(old[s], old[s + 1], old[s + 2]) & m) << 2;
            while (t[slot + 3] != 0) {
                slot = (slot + 4) & (t.length - 1);
            }
            System.arraycopy(old, s, t, slot, 4);
        }
        table = t;
        mask = m;
    }

    /** The next capacity of a growing array of triples; throws when int indices cannot address it. */
    static int grow(int len) {
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
