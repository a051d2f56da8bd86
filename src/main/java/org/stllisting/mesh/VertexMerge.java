package org.stllisting.mesh;

import java.util.Arrays;

/**
 * Exact vertex merge for millions of facet corners, built so that almost no memory access misses the cache.
 *
 * <p>Reading gives each corner a provisional vertex through {@link Corners#add}: a small direct-mapped cache of
 * recently seen coordinates (STL writers put facets that share a vertex close together) answers most corners;
 * any other corner gets a new provisional vertex, even when its coordinates were seen long ago. {@link #merge}
 * then makes the result exact: the provisional vertices are scattered into partitions by hash bits, each
 * partition is deduplicated in a hash table that fits in the processor's cache (partitions run on all cores),
 * and the corners are renumbered. Vertices come out numbered in the order of their first corner, exactly as a
 * single hash table filled corner by corner numbers them.
 *
 * <p>Keys are the raw bits of the float coordinates with {@code -0.0} folded into {@code 0.0} by the caller,
 * so two corners merge exactly when their coordinates are equal as floats (callers reject NaN).
 */
public final class VertexMerge {
    /** Recent-vertex cache: 2^15 entries of 16 bytes, half of a 1 MB level-2 cache. */
    static final int RECENT_BITS = 15;
    /** Target entries per partition: its table (16 bytes a slot, load below one half) stays within 512 KB. */
    static final int PARTITION_TARGET = 1 << 14;

    private VertexMerge() {
    }

    /** The provisional vertices of one run of consecutive corners; not thread-safe (one per reading thread). */
    public static final class Corners {
        private int[] keys;
        private int count;
        private final int[] recent;
        private final int recentMask;

        /** @param expectedVertices a capacity hint; the keys grow past it */
        public Corners(int expectedVertices) {
            this(expectedVertices, RECENT_BITS);
        }

        Corners(int expectedVertices, int recentBits) {
            keys = new int[3 * Math.max(16, expectedVertices)];
            recent = new int[4 << recentBits];
            recentMask = (1 << recentBits) - 1;
        }

        /** Provisional vertices so far. */
        public int count() {
            return count;
        }

        /**
         * The provisional vertex of a corner whose coordinates have the float bits {@code bx, by, bz} (no
         * {@code -0.0}, no NaN); numbered from 0 in order of creation.
         */
        public int add(int bx, int by, int bz) {
            int[] rc = recent;
            int r = (hash(bx, by, bz) & recentMask) << 2;
            if (rc[r] == bx && rc[r + 1] == by && rc[r + 2] == bz && rc[r + 3] != 0) {
                return rc[r + 3] - 1;
            }
            int id = count;
            int k = 3 * id;
            if (k + 3 > keys.length) {
                keys = Arrays.copyOf(keys, MeshBuilder.grow(keys.length));
            }
            keys[k] = bx;
            keys[k + 1] = by;
            keys[k + 2] = bz;
            count = id + 1;
            rc[r] = bx;
            rc[r + 1] = by;
            rc[r + 2] = bz;
            rc[r + 3] = id + 1;
            return id;
        }
    }

    static int hash(int x, int y, int z) {
        int h = x * 0x9E3779B1;
        h = (h ^ (h >>> 15)) + y * 0x85EBCA77;
        h = (h ^ (h >>> 13)) + z * 0xC2B2AE3D;
        return h ^ (h >>> 16);
    }

    /**
     * Merges the provisional vertices of {@code parts} exactly and renumbers the corners: part {@code p}'s
     * corners are {@code triangles[bounds[p] .. bounds[p + 1])}, holding that part's provisional numbers, and
     * are rewritten in place to final vertex numbers. Returns the vertex coordinates (xyz per vertex). The parts
     * are dropped as they are consumed.
     */
    public static float[] merge(Corners[] parts, int[] triangles, int[] bounds) {
        return merge(parts, triangles, bounds, -1);
    }

    static float[] merge(Corners[] parts, int[] triangles, int[] bounds, int partitionBitsOverride) {
        int np = parts.length;
        int[] base = new int[np + 1];
        for (int p = 0; p < np; p++) {
            base[p + 1] = base[p] + parts[p].count;
        }
        int n = base[np];
        int pbits = partitionBitsOverride >= 0 ? partitionBitsOverride
                : Math.max(0, 31 - Integer.numberOfLeadingZeros(Math.max(1, n / PARTITION_TARGET)));
        pbits = Math.min(pbits, 12);
        int partitions = 1 << pbits;
        int shift = 32 - pbits;
        int threads = Parallel.parts(n);
        int[][] hist = new int[np][partitions];
        // histogram of partitions, then each part scatters its keys (and global numbers) into its own stretch of
        // every partition, so that each partition lists its vertices in increasing global number
        Parallel.run(Math.min(np, threads), t -> {
            for (int p = t; p < np; p += Math.min(np, threads)) {
                int[] k = parts[p].keys;
                int[] hp = hist[p];
                for (int i = 0, c = parts[p].count; i < c; i++) {
                    hp[partition(hash(k[3 * i], k[3 * i + 1], k[3 * i + 2]), shift)]++;
                }
            }
        });
        int[] pstart = new int[partitions + 1];
        int[][] off = new int[np][partitions];
        int run = 0;
        int largest = 0;
        for (int q = 0; q < partitions; q++) {
            pstart[q] = run;
            for (int p = 0; p < np; p++) {
                off[p][q] = run;
                run += hist[p][q];
            }
            largest = Math.max(largest, run - pstart[q]);
        }
        pstart[partitions] = run;
        int[] buf = new int[4 * n];
        Parallel.run(Math.min(np, threads), t -> {
            for (int p = t; p < np; p += Math.min(np, threads)) {
                int[] k = parts[p].keys;
                int[] op = off[p];
                int g = base[p];
                for (int i = 0, c = parts[p].count; i < c; i++, g++) {
                    int x = k[3 * i];
                    int y = k[3 * i + 1];
                    int z = k[3 * i + 2];
                    int o = 4 * op[partition(hash(x, y, z), shift)]++;
                    buf[o] = x;
                    buf[o + 1] = y;
                    buf[o + 2] = z;
                    buf[o + 3] = g;
                }
            }
        });
        // per partition: first[g] = the smallest global number with the same coordinates
        int[] first = new int[n];
        int[] cut = new int[threads + 1];
        cut[threads] = partitions;
        for (int t = 1, q = 0; t < threads; t++) {
            long want = (long) n * t / threads;
            while (q < partitions && pstart[q] < want) {
                q++;
            }
            cut[t] = q;
        }
        int cap = Integer.highestOneBit(Math.max(8, 2 * largest - 1)) << 1;
        Parallel.run(threads, t -> {
            int[] tab = new int[4 * cap];
            for (int q = cut[t]; q < cut[t + 1]; q++) {
                int s = pstart[q];
                int e = pstart[q + 1];
                int slots = Integer.highestOneBit(Math.max(8, 2 * (e - s) - 1)) << 1;
                int mask = 4 * slots - 1;
                Arrays.fill(tab, 0, 4 * slots, 0);
                for (int i = s; i < e; i++) {
                    int x = buf[4 * i];
                    int y = buf[4 * i + 1];
                    int z = buf[4 * i + 2];
                    int g = buf[4 * i + 3];
                    int slot = (hash(x, y, z) << 2) & mask;
                    int found = g;
                    while (true) {
                        int entry = tab[slot + 3];
                        if (entry == 0) {
                            tab[slot] = x;
                            tab[slot + 1] = y;
                            tab[slot + 2] = z;
                            tab[slot + 3] = g + 1;
                            break;
                        }
                        if (tab[slot] == x && tab[slot + 1] == y && tab[slot + 2] == z) {
                            found = entry - 1;
                            break;
                        }
                        slot = (slot + 4) & mask;
                    }
                    first[g] = found;
                }
            }
        });
        // number the vertices in order of first occurrence; first[] becomes the final number of each
        int vertices = 0;
        for (int g = 0; g < n; g++) {
            if (first[g] == g) {
                vertices++;
            }
        }
        float[] v = new float[3 * vertices];
        int next = 0;
        for (int p = 0; p < np; p++) {
            int[] k = parts[p].keys;
            int g = base[p];
            for (int i = 0, c = parts[p].count; i < c; i++, g++) {
                int f = first[g];
                if (f == g) {
                    v[3 * next] = Float.intBitsToFloat(k[3 * i]);
                    v[3 * next + 1] = Float.intBitsToFloat(k[3 * i + 1]);
                    v[3 * next + 2] = Float.intBitsToFloat(k[3 * i + 2]);
                    first[g] = next++;
                } else {
                    first[g] = first[f];
                }
            }
            parts[p] = null;
        }
        int[] fin = first;
        Parallel.run(Math.min(np, threads), t -> {
            for (int p = t; p < np; p += Math.min(np, threads)) {
                int b = base[p];
                for (int i = bounds[p], e = bounds[p + 1]; i < e; i++) {
                    triangles[i] = fin[b + triangles[i]];
                }
            }
        });
        return v;
    }


    private static int partition(int h, int shift) {
        return shift == 32 ? 0 : h >>> shift;
    }
}
