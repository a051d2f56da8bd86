package org.stllisting.render;

/**
 * Material and lights of one frame, in linear light. Lights are placed relative to the camera (a studio turns
 * the model, not the lamps). All powers are integer so that results are bit-identical on every JVM.
 * Immutable; {@link #shade} is thread-safe.
 */
final class Look {
    enum Material { PLASTIC, METAL, RESIN }

    final Material material;
    private final float[] albedo;
    private final float[] diffuse;
    private final float[] specular;
    private final float[][] lightDir;
    private final float[][] lightColor;
    private final float[] sky;
    private final float[] ground;
    private final float wrap;
    private final int shininessLog2;
    private final float envStrength;
    private final float shadowStrength;
    private final float skyTint;
    private final float specNorm;
    /** Per light, the half vector between it and the camera's viewing direction (highlights). */
    private final float[][] half;

    Look(RenderOptions o, Camera cam) throws RenderException {
        float[] a = Colors.linear(Colors.parse(o.color(), "color"));
        this.albedo = a;
        this.material = Material.valueOf(RenderOptions.lower(o.material()).toUpperCase(java.util.Locale.ROOT));
        double az = cam.azimuthDeg;
        double[][] dirs;
        float[][] cols;
        switch (RenderOptions.lower(o.lighting())) {
            case "natural" -> {
                dirs = new double[][] {Camera.direction(az - 35, 58), Camera.direction(az + 10, 10)};
                cols = new float[][] {{2.0f, 1.9f, 1.7f}, {0.35f, 0.37f, 0.42f}};
                sky = new float[] {0.48f, 0.55f, 0.68f};
                ground = new float[] {0.20f, 0.18f, 0.15f};
                shadowStrength = 0.75f;
            }
            case "dramatic" -> {
                dirs = new double[][] {Camera.direction(az - 75, 32), Camera.direction(az + 150, 28)};
                cols = new float[][] {{3.2f, 3.0f, 2.7f}, {1.9f, 2.1f, 2.5f}};
                sky = new float[] {0.05f, 0.055f, 0.07f};
                ground = new float[] {0.015f, 0.015f, 0.015f};
                shadowStrength = 0.95f;
            }
            default -> {
                dirs = new double[][] {Camera.direction(az - 45, 48), Camera.direction(az + 65, 18),
                    Camera.direction(az + 165, 38)};
                cols = new float[][] {{1.8f, 1.74f, 1.64f}, {0.36f, 0.39f, 0.46f}, {1.0f, 1.02f, 1.08f}};
                sky = new float[] {0.17f, 0.18f, 0.20f};
                ground = new float[] {0.06f, 0.06f, 0.06f};
                shadowStrength = 0.85f;
            }
        }
        skyTint = sky[2] / Math.max(1e-3f, sky[0]) * 0.5f + 0.5f;
        lightDir = new float[dirs.length][];
        for (int i = 0; i < dirs.length; i++) {
            lightDir[i] = new float[] {(float) dirs[i][0], (float) dirs[i][1], (float) dirs[i][2]};
        }
        lightColor = cols;
        switch (material) {
            case METAL -> {
                diffuse = scale(a, 0.10f);
                specular = mix(a, new float[] {1, 1, 1}, 0.25f);
                wrap = 0;
                shininessLog2 = 7;
                envStrength = 0.85f;
            }
            case RESIN -> {
                diffuse = a;
                specular = new float[] {0.22f, 0.22f, 0.22f};
                wrap = 0.45f;
                shininessLog2 = 5;
                envStrength = 0.08f;
            }
            default -> {
                diffuse = a;
                specular = new float[] {0.28f, 0.28f, 0.28f};
                wrap = 0.05f;
                shininessLog2 = 6;
                envStrength = 0.05f;
            }
        }
        specNorm = (1 << shininessLog2) / 80f;
        half = new float[lightDir.length][];
        for (int i = 0; i < lightDir.length; i++) {
            double hx = lightDir[i][0] - cam.fx, hy = lightDir[i][1] - cam.fy, hz = lightDir[i][2] - cam.fz;
            double hl = Math.sqrt(hx * hx + hy * hy + hz * hz);
            half[i] = hl > 0 ? new float[] {(float) (hx / hl), (float) (hy / hl), (float) (hz / hl)}
                    : new float[] {0, 0, 1};
        }
    }

    private static float[] scale(float[] c, float k) {
        return new float[] {c[0] * k, c[1] * k, c[2] * k};
    }

    private static float[] mix(float[] a, float[] b, float t) {
        return new float[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t};
    }

    /** x raised to 2^k (k = 5, 6 or 7) by repeated squaring: exact and portable, unlike Math.pow. */
    private static float pow2k(float x, int k) {
        float x2 = x * x;
        float x4 = x2 * x2;
        float x8 = x4 * x4;
        float x16 = x8 * x8;
        float x32 = x16 * x16;
        if (k == 5) {
            return x32;
        }
        float x64 = x32 * x32;
        return k == 6 ? x64 : x64 * x64;
    }

    /**
     * A soft studio environment for reflections: bright above, a horizon, a darker floor, and big soft boxes
     * where the lights are. Writes linear RGB to env[0..2].
     */
    private void environment(float x, float y, float z, float[] env) {
        // a dark floor, a dim band at the horizon and a bright sky: the contrast that makes metal read as metal
        float base;
        if (z < 0) {
            base = 0.14f + 0.08f * (1 + z);
        } else if (z < 0.3f) {
            float t = z / 0.3f;
            base = 0.26f + 0.74f * t * t * (3 - 2 * t);
        } else {
            base = 1.0f + 0.35f * (z - 0.3f);
        }
        float r = base, g = base, b = base * skyTint;
        for (int i = 0; i < lightDir.length; i++) {
            float[] l = lightDir[i];
            float c = x * l[0] + y * l[1] + z * l[2];
            if (c > 0.82f) {
                float t = Math.min(1f, (c - 0.82f) / 0.1f);
                float k = 0.9f * t * t * (3 - 2 * t);
                r += lightColor[i][0] * k;
                g += lightColor[i][1] * k;
                b += lightColor[i][2] * k;
            }
        }
        env[0] = r;
        env[1] = g;
        env[2] = b;
    }

    /**
     * Linear RGB of a surface point. (nx,ny,nz) is the unit normal facing the viewer, (vx,vy,vz) the unit
     * direction to the viewer, {@code lift} the height above the ground as a fraction of the model's size.
     */
    void shade(float nx, float ny, float nz, float vx, float vy, float vz, float lift, float[] out) {
        float[] env = out;
        float ndv = Math.max(0f, nx * vx + ny * vy + nz * vz);
        float r = 0, g = 0, b = 0;
        // hemisphere ambient, darker close to the ground where light is blocked by the floor
        float hemi = 0.5f + 0.5f * nz;
        float groundOcc = 0.55f + 0.45f * Math.min(1f, lift * 4f);
        float amb = groundOcc;
        float ar = (ground[0] + (sky[0] - ground[0]) * hemi) * amb;
        float ag = (ground[1] + (sky[1] - ground[1]) * hemi) * amb;
        float ab = (ground[2] + (sky[2] - ground[2]) * hemi) * amb;
        float dr = ar, dg = ag, db = ab;
        float sr = 0, sg = 0, sb = 0;
        for (int i = 0; i < lightDir.length; i++) {
            float[] l = lightDir[i];
            float ndl = nx * l[0] + ny * l[1] + nz * l[2];
            float d = (ndl + wrap) / (1 + wrap);
            if (d > 0) {
                dr += lightColor[i][0] * d;
                dg += lightColor[i][1] * d;
                db += lightColor[i][2] * d;
            }
            if (ndl > 0) {
                float[] hv = half[i];
                {
                    float ndh = Math.max(0f, nx * hv[0] + ny * hv[1] + nz * hv[2]);
                    float n2 = ndh * ndh;
                    float n8 = n2 * n2 * n2 * n2;
                    float s = pow2k(ndh, shininessLog2) * specNorm + n8 * 0.06f;
                    s *= Math.min(1f, ndl * 4f);
                    sr += lightColor[i][0] * s;
                    sg += lightColor[i][1] * s;
                    sb += lightColor[i][2] * s;
                }
            }
        }
        r = diffuse[0] * dr + specular[0] * sr;
        g = diffuse[1] * dg + specular[1] * sg;
        b = diffuse[2] * db + specular[2] * sb;
        // reflection of the environment, stronger at grazing angles (Schlick's Fresnel)
        float m = 1 - ndv;
        float m2 = m * m;
        float fres = m2 * m2 * m;
        float rx = 2 * ndv * nx - vx, ry = 2 * ndv * ny - vy, rz = 2 * ndv * nz - vz;
        environment(rx, ry, rz, env);
        float er = env[0], eg = env[1], eb = env[2];
        if (material == Material.METAL) {
            float envK = envStrength * (0.75f + 0.25f * fres) * groundOcc;
            r += specular[0] * envK * er;
            g += specular[1] * envK * eg;
            b += specular[2] * envK * eb;
        } else {
            float envK = (envStrength + 0.35f * fres) * groundOcc * 0.6f;
            r += envK * er;
            g += envK * eg;
            b += envK * eb;
        }
        if (material == Material.RESIN) {
            // light scattered inside the resin: a soft glow of its own color, strongest at thin grazing rims
            float glow = 0.07f + 0.2f * m2;
            r += albedo[0] * albedo[0] * glow * 2;
            g += albedo[1] * albedo[1] * glow * 2;
            b += albedo[2] * albedo[2] * glow * 2;
        }
        out[0] = r;
        out[1] = g;
        out[2] = b;
    }

    /** How dark the floor shadow gets, 0..1. */
    float shadowStrength() {
        return shadowStrength;
    }

    /** Compresses highlights smoothly instead of clipping them; identity below 0.6. */
    static float tone(float x) {
        if (x <= 0.6f) {
            return x;
        }
        float t = (x - 0.6f) / 0.4f;
        return 0.6f + 0.4f * t / (1 + t);
    }
}
