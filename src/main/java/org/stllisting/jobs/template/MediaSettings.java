package org.stllisting.jobs.template;

import java.util.List;

/**
 * Which media a job's render steps make, the colors of the variations and the turntable's length and size
 * (the {@code generate_*}, {@code colors} and {@code video_*} keys of {@code render_options}).
 *
 * @param videoSize the turntable's width and height in pixels
 */
public record MediaSettings(boolean image, boolean sizeChart, boolean colorVariations, boolean video,
        List<String> colors, double videoSeconds, int videoFps, int videoSize) {

    public MediaSettings {
        colors = List.copyOf(colors);
    }
}
