package org.stllisting.output;

/**
 * File-naming options of an output folder (README, The output folder). Suffixes are appended in this order after the model
 * name and the kind of file: quality, material, size, timestamp; the custom prefix goes first.
 * Quality, material and size apply to images and videos only; the prefix and the timestamp apply to every
 * file a job writes.
 *
 * @param timestampSuffix add the job's creation time ({@code _20260124_103000}, UTC): stable across a resume
 * @param qualitySuffix add the render quality ({@code _draft}, {@code _standard}, {@code _high}, {@code _ultra})
 * @param materialSuffix add the material ({@code _plastic}, {@code _metal}, {@code _resin})
 * @param sizeSuffix add the image size ({@code _1920x1080}, {@code _4k})
 * @param customPrefix text put before every file name, or null/empty; may not contain path separators,
 *     {@code ..}, control characters or a drive letter
 */
public record NamingOptions(boolean timestampSuffix, boolean qualitySuffix, boolean materialSuffix,
        boolean sizeSuffix, String customPrefix) {

    public static NamingOptions defaults() {
        return new NamingOptions(false, false, false, false, null);
    }

    public NamingOptions withCustomPrefix(String prefix) {
        return new NamingOptions(timestampSuffix, qualitySuffix, materialSuffix, sizeSuffix, prefix);
    }

    public NamingOptions withTimestampSuffix(boolean on) {
        return new NamingOptions(on, qualitySuffix, materialSuffix, sizeSuffix, customPrefix);
    }

    public NamingOptions withQualitySuffix(boolean on) {
        return new NamingOptions(timestampSuffix, on, materialSuffix, sizeSuffix, customPrefix);
    }

    public NamingOptions withMaterialSuffix(boolean on) {
        return new NamingOptions(timestampSuffix, qualitySuffix, on, sizeSuffix, customPrefix);
    }

    public NamingOptions withSizeSuffix(boolean on) {
        return new NamingOptions(timestampSuffix, qualitySuffix, materialSuffix, on, customPrefix);
    }

    /** Why the prefix could make a file leave its folder, or null when it is safe. */
    public String prefixProblem() {
        return OutputRules.prefixProblem(customPrefix);
    }
}
