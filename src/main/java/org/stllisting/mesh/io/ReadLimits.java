package org.stllisting.mesh.io;

/**
 * Explicit bounds on what the reader accepts, in the spirit of jackson-core's {@code StreamReadConstraints}: no
 * input can make the reader allocate more than it proves it needs or scan forever.
 *
 * @param maxFacets largest facet count accepted (binary header or ASCII facets)
 * @param maxLineLength longest ASCII line in bytes
 * @param maxTokenLength longest ASCII token (a number or keyword) in bytes
 */
public record ReadLimits(long maxFacets, int maxLineLength, int maxTokenLength) {
    /** 200 million facets (a 10 GB binary file), 16 KiB lines, 128-byte tokens. */
    public static ReadLimits defaults() {
        return new ReadLimits(200_000_000L, 16 * 1024, 128);
    }
}
