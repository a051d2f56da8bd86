package org.stllisting.jobs.template;

import org.stllisting.render.Lighting;
import org.stllisting.render.Material;
import org.stllisting.render.Preset;
import org.stllisting.render.Projection;
import org.stllisting.render.Quality;
import org.stllisting.render.RenderOptions;
import org.stllisting.render.UpAxis;

/**
 * How a job's images look (the look keys of {@code render_options}), checked and with defaults filled in.
 *
 * @param preset null for the width and height as given
 */
public record RenderSettings(int width, int height, Material material, String color, Lighting lighting,
        String background, double azimuth, double elevation, UpAxis upAxis, Projection projection, Quality quality,
        Preset preset) {

    /** The renderer's options for these settings. */
    public RenderOptions toRenderOptions() {
        return new RenderOptions(width, height, material.id(), color, lighting.id(), background, azimuth, elevation,
                upAxis.id(), projection.id(), quality.id(), preset == null ? null : preset.id());
    }
}
