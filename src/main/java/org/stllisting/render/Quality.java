package org.stllisting.render;

/** Anti-aliasing: 1, 4, 9 or 16 samples per pixel. */
public enum Quality implements Choice {
    DRAFT(1), STANDARD(2), HIGH(3), ULTRA(4);

    private final int samplesPerSide;

    Quality(int samplesPerSide) {
        this.samplesPerSide = samplesPerSide;
    }

    /** Samples per pixel side (the sample count is its square). */
    public int samplesPerSide() {
        return samplesPerSide;
    }
}
