package org.stllisting.mesh;

import java.util.Objects;

/**
 * A compact indexed triangle mesh: float coordinates, int indices. Coordinates are millimetres.
 *
 * <p>The arrays are shared, not copied, so that a multi-million-facet mesh exists once in memory. By contract
 * nobody writes into them after construction: every operation that changes a mesh returns a new one.
 *
 * <p>Thread-safe for reading.
 */
public final class Mesh {
    private final float[] vertices;
    private final int[] triangles;
    private final float[] storedNormals;

    /**
     * @param vertices xyz of each vertex, {@code 3 * vertexCount} floats
     * @param triangles three vertex indices per facet, counter-clockwise seen from outside
     * @param storedNormals the facet normals as stored in the file ({@code 3 * facetCount}), or null
     */
    public Mesh(float[] vertices, int[] triangles, float[] storedNormals) {
        this.vertices = Objects.requireNonNull(vertices, "vertices");
        this.triangles = Objects.requireNonNull(triangles, "triangles");
        if (vertices.length % 3 != 0 || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("array lengths must be multiples of 3");
        }
        if (storedNormals != null && storedNormals.length != triangles.length) {
            throw new IllegalArgumentException("one stored normal per facet expected");
        }
        this.storedNormals = storedNormals;
    }

    public Mesh(float[] vertices, int[] triangles) {
        this(vertices, triangles, null);
    }

    public int vertexCount() {
        return vertices.length / 3;
    }

    public int facetCount() {
        return triangles.length / 3;
    }

    /** The shared vertex array; never modify it. */
    public float[] vertices() {
        return vertices;
    }

    /** The shared index array; never modify it. */
    public int[] triangles() {
        return triangles;
    }

    /** The normals stored in the source file, or null when there were none (generated meshes). */
    public float[] storedNormals() {
        return storedNormals;
    }

    public boolean hasStoredNormals() {
        return storedNormals != null;
    }
}
