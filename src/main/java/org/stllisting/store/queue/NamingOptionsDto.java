package org.stllisting.store.queue;

/** Output file naming options (README, The output folder). */
public final class NamingOptionsDto {
    public boolean timestampSuffix;
    public boolean qualitySuffix;
    public boolean materialSuffix;
    public boolean sizeSuffix;
    /** Prefix for every output file; a plain name (no separators, no {@code ..}) or null. */
    public String customPrefix;
}
