package org.stllisting.render;

import java.util.Arrays;

/**
 * Material and lights of one frame, in linear light. Lights are placed relative to the camera (a studio turns
 * the model, not the lamps). All powers are integer so that results are bit-identical on every JVM.
 * Immutable; {@link #shade} is thread-safe.
 */
final class Look {
    enum Material { PLASTIC, METAL, RESIN }

    /** Floats per light in {@link #lights}: direction, color, half vector. */
    private static final int LIGHT = 9;

    final Material material;
    private final boolean metal;
    private final boolean resin;
    /**
     * Per light: the unit direction towards it, its color and the half vector between it and the direction to
     * the camera (highlights), in one flat array (the shading loop reads nothing else per light).
     */
    private final float[] lights;
    private final float diffR, diffG, diffB;
    private final float specR, specG, specB;
    /** albedo² per channel: the resin's inner glow. */
    private final float glowR, glowG, glowB;
    private final float groundR, groundG, groundB;
    private final float skyMinusGroundR, skyMinusGroundG, skyMinusGroundB;
    private final float wrap;
    /** 1 + wrap: wrapped diffuse is (n·l + wrap) / (1 + wrap). */
    private final float wrapNorm;
    private final int shininessLog2;
    private final float envStrength;
    /** The weight of the environment's reflection on plastic and resin, with the exposure. */
    private final float envScale;
    private final float shadowStrength;
    private final float skyTint;
    private final float specNorm;

    Look(RenderOptions o, Camera cam) throws RenderException {
        float[] a = Colors.linear(Colors.parse(o.color(), "color"));
        this.material = Material.valueOf(RenderOptions.lower(o.material()).toUpperCase(java.util.Locale.ROOT));
        double az = cam.azimuthDeg;
        double[][] dirs;
        float[][] cols;
        float[] sky;
        float[] ground;
        float[] diffuse;
        float[] specular;
        // The lamps behind the model (rim, back light) stand off to the side, away from where a face turned up,
        // seen from the usual elevation, mirrors them: that reflection covered the whole face and washed its color
        // out.
        switch (RenderOptions.lower(o.lighting())) {
            case "natural" -> {
                dirs = new double[][] {Camera.direction(az - 35, 58), Camera.direction(az + 10, 10)};
                cols = new float[][] {{2.0f, 1.9f, 1.7f}, {0.35f, 0.37f, 0.42f}};
                sky = new float[] {0.48f, 0.55f, 0.68f};
                ground = new float[] {0.20f, 0.18f, 0.15f};
                shadowStrength = 0.75f;
            }
            case "dramatic" -> {
                dirs = new double[][] {Camera.direction(az - 75, 32), Camera.direction(az + 130, 25)};
                cols = new float[][] {{3.2f, 3.0f, 2.7f}, {1.9f, 2.1f, 2.5f}};
                sky = new float[] {0.05f, 0.055f, 0.07f};
                ground = new float[] {0.015f, 0.015f, 0.015f};
                shadowStrength = 0.95f;
            }
            default -> {
                dirs = new double[][] {Camera.direction(az - 45, 48), Camera.direction(az + 65, 18),
                    Camera.direction(az + 135, 25)};
                cols = new float[][] {{1.8f, 1.74f, 1.64f}, {0.36f, 0.39f, 0.46f}, {1.0f, 1.02f, 1.08f}};
                sky = new float[] {0.17f, 0.18f, 0.20f};
                ground = new float[] {0.06f, 0.06f, 0.06f};
                shadowStrength = 0.85f;
            }
        }
        skyTint = sky[2] / Math.max(1e-3f, sky[0]) * 0.5f + 0.5f;
        groundR = ground[0];
        groundG = ground[1];
        groundB = ground[2];
        skyMinusGroundR = sky[0] - ground[0];
        skyMinusGroundG = sky[1] - ground[1];
        skyMinusGroundB = sky[2] - ground[2];
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
                specular = new float[] {0.35f, 0.35f, 0.35f};
                wrap = 0.45f;
                shininessLog2 = 5;
                envStrength = 0.03f;
            }
            default -> {
                diffuse = a;
                specular = new float[] {0.45f, 0.45f, 0.45f};
                wrap = 0.05f;
                shininessLog2 = 6;
                envStrength = 0.02f;
            }
        }
        // metal's look is its reflections of the environment, which keep their own brightness
        float exposure = material == Material.METAL ? 1 : exposure(dirs, cols, sky, wrap);
        diffuse = scale(diffuse, exposure);
        specular = scale(specular, exposure);
        envScale = 0.6f * exposure;
        specNorm = (1 << shininessLog2) / 80f;
        wrapNorm = 1 + wrap;
        metal = material == Material.METAL;
        resin = material == Material.RESIN;
        diffR = diffuse[0];
        diffG = diffuse[1];
        diffB = diffuse[2];
        specR = specular[0];
        specG = specular[1];
        specB = specular[2];
        glowR = a[0] * a[0] * exposure;
        glowG = a[1] * a[1] * exposure;
        glowB = a[2] * a[2] * exposure;
        lights = new float[LIGHT * dirs.length];
        for (int i = 0; i < dirs.length; i++) {
            int at = LIGHT * i;
            float lx = (float) dirs[i][0], ly = (float) dirs[i][1], lz = (float) dirs[i][2];
            lights[at] = lx;
            lights[at + 1] = ly;
            lights[at + 2] = lz;
            lights[at + 3] = cols[i][0];
            lights[at + 4] = cols[i][1];
            lights[at + 5] = cols[i][2];
            double hx = lx - cam.fx, hy = ly - cam.fy, hz = lz - cam.fz;
            double hl = Math.sqrt(hx * hx + hy * hy + hz * hz);
            lights[at + 6] = hl > 0 ? (float) (hx / hl) : 0;
            lights[at + 7] = hl > 0 ? (float) (hy / hl) : 0;
            lights[at + 8] = hl > 0 ? (float) (hz / hl) : 1;
        }
    }

    /** The light a face turned up receives, in the scene's units, is brought to this: such a face shows its color. */
    private static final float LIT_TOP = 1.0f;

    /**
     * The factor (a camera's exposure) that brings the diffuse light on a face turned up, away from the ground
     * (the sky and every lamp above the horizon), to {@link #LIT_TOP}; it scales everything plastic and resin
     * show. Without it the lamps together gave such a face over twice the light of a white page: a red came out
     * pink and a black mid-grey. The faces turned away keep their share of the light, which shows the form.
     */
    private static float exposure(double[][] dirs, float[][] cols, float[] sky, float wrap) {
        double up = (sky[0] + sky[1] + sky[2]) / 3;
        for (int i = 0; i < dirs.length; i++) {
            double d = Math.max(0, ((float) dirs[i][2] + wrap) / (1 + wrap));
            up += d * (cols[i][0] + cols[i][1] + cols[i][2]) / 3;
        }
        return (float) (LIT_TOP / up);
    }

    private static float[] scale(float[] c, float k) {
        return new float[] {c[0] * k, c[1] * k, c[2] * k};
    }

    private static float[] mix(float[] a, float[] b, float t) {
        return new float[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t};
    }

    /**
     * A soft studio environment for reflections: bright above, a horizon, a darker floor, and big soft boxes
     * where the lights are. Writes linear RGB to env[0..2].
     */
    private void environment(float x, float y, float z, float[] env) {
        float base = horizon(z);
        float r = base, g = base, b = base * skyTint;
        float[] l = lights;
        for (int o = 0; o < l.length; o += LIGHT) {
            float c = x * l[o] + y * l[o + 1] + z * l[o + 2];
            if (c > 0.82f) {
                float t = min1((c - 0.82f) / 0.1f);
                float k = 0.9f * t * t * (3 - 2 * t);
                r += l[o + 3] * k;
                g += l[o + 4] * k;
                b += l[o + 5] * k;
            }
        }
        env[0] = r;
        env[1] = g;
        env[2] = b;
    }

    /**
     * Linear RGB of one surface point: the definition of the look, point by point. (nx,ny,nz) is the unit normal
     * facing the viewer, (vx,vy,vz) the unit direction to the viewer, {@code lift} the height above the ground as
     * a fraction of the model's size. Renders use {@link #shade(Points, int)}, which gives the same bits.
     */
    void shade(float nx, float ny, float nz, float vx, float vy, float vz, float lift, float[] out) {
        float[] env = out;
        float ndv = max0(nx * vx + ny * vy + nz * vz);
        // hemisphere ambient, darker close to the ground where light is blocked by the floor
        float hemi = 0.5f + 0.5f * nz;
        float groundOcc = 0.55f + 0.45f * min1(lift * 4f);
        float dr = (groundR + skyMinusGroundR * hemi) * groundOcc;
        float dg = (groundG + skyMinusGroundG * hemi) * groundOcc;
        float db = (groundB + skyMinusGroundB * hemi) * groundOcc;
        float sr = 0, sg = 0, sb = 0;
        float[] l = lights;
        for (int o = 0; o < l.length; o += LIGHT) {
            float ndl = nx * l[o] + ny * l[o + 1] + nz * l[o + 2];
            float d = (ndl + wrap) / wrapNorm;
            if (d > 0) {
                dr += l[o + 3] * d;
                dg += l[o + 4] * d;
                db += l[o + 5] * d;
            }
            if (ndl > 0) {
                float ndh = max0(nx * l[o + 6] + ny * l[o + 7] + nz * l[o + 8]);
                // ndh^(2^k) by repeated squaring: exact and portable, unlike Math.pow
                float n2 = ndh * ndh;
                float n4 = n2 * n2;
                float n8 = n4 * n2 * n2;
                float p = n4 * n4;
                for (int q = 3; q < shininessLog2; q++) {
                    p *= p;
                }
                float s = p * specNorm + n8 * 0.06f;
                s *= min1(ndl * 4f);
                sr += l[o + 3] * s;
                sg += l[o + 4] * s;
                sb += l[o + 5] * s;
            }
        }
        float r = diffR * dr + specR * sr;
        float g = diffG * dg + specG * sg;
        float b = diffB * db + specB * sb;
        // reflection of the environment, stronger at grazing angles (Schlick's Fresnel)
        float m = 1 - ndv;
        float m2 = m * m;
        float fres = m2 * m2 * m;
        float rx = 2 * ndv * nx - vx, ry = 2 * ndv * ny - vy, rz = 2 * ndv * nz - vz;
        environment(rx, ry, rz, env);
        float er = env[0], eg = env[1], eb = env[2];
        if (metal) {
            float envK = envStrength * (0.75f + 0.25f * fres) * groundOcc;
            r += specR * envK * er;
            g += specG * envK * eg;
            b += specB * envK * eb;
        } else {
            float envK = (envStrength + 0.35f * fres) * groundOcc * envScale;
            r += envK * er;
            g += envK * eg;
            b += envK * eb;
        }
        if (resin) {
            // light scattered inside the resin: a soft glow of its own color, strongest at thin grazing rims
            float glow = 0.07f + 0.2f * m2;
            r += glowR * glow * 2;
            g += glowG * glow * 2;
            b += glowB * glow * 2;
        }
        out[0] = r;
        out[1] = g;
        out[2] = b;
    }

    /**
     * Surface points to shade and their colors, as arrays (one per quantity): the scratch space of one thread.
     * Inputs: unit normal facing the viewer, unit direction to the viewer, height above the ground as a fraction
     * of the model's size. Outputs: linear RGB.
     */
    static final class Points {
        final float[] nx, ny, nz, vx, vy, vz, lift;
        final float[] r, g, b;
        private final float[] dr, dg, db, sr, sg, sb, occ, ndv, rx, ry, rz, ndl, w, sheen;
        /** One point's color, for {@link Look#shadeEach}. */
        private final float[] one = new float[3];

        Points(int capacity) {
            nx = new float[capacity];
            ny = new float[capacity];
            nz = new float[capacity];
            vx = new float[capacity];
            vy = new float[capacity];
            vz = new float[capacity];
            lift = new float[capacity];
            r = new float[capacity];
            g = new float[capacity];
            b = new float[capacity];
            dr = new float[capacity];
            dg = new float[capacity];
            db = new float[capacity];
            sr = new float[capacity];
            sg = new float[capacity];
            sb = new float[capacity];
            occ = new float[capacity];
            ndv = new float[capacity];
            rx = new float[capacity];
            ry = new float[capacity];
            rz = new float[capacity];
            ndl = new float[capacity];
            w = new float[capacity];
            sheen = new float[capacity];
        }

        int capacity() {
            return nx.length;
        }
    }

    /**
     * Colors of points 0..n-1: the same arithmetic as {@link #shade(float, float, float, float, float, float,
     * float, float[])} point by point, in the same order (the same bits), arranged as short passes over arrays
     * without branches, which the JIT compiler turns into vector instructions (about three times faster). A light
     * behind a point adds an exact zero instead of being skipped.
     */
    void shade(Points p, int n) {
        float[] nx = p.nx, ny = p.ny, nz = p.nz, vx = p.vx, vy = p.vy, vz = p.vz;
        float[] ndv = p.ndv, occ = p.occ, w = p.w, ndl = p.ndl;
        passFacing(nx, ny, nz, vx, vy, vz, ndv, n);
        // hemisphere ambient, darker close to the ground where light is blocked by the floor
        passGroundOcclusion(p.lift, occ, n);
        passAmbient(nz, occ, p.dr, p.dg, p.db, n);
        Arrays.fill(p.sr, 0, n, 0f);
        Arrays.fill(p.sg, 0, n, 0f);
        Arrays.fill(p.sb, 0, n, 0f);
        float[] l = lights;
        for (int o = 0; o < l.length; o += LIGHT) {
            passDot(nx, ny, nz, l[o], l[o + 1], l[o + 2], ndl, n);
            passWrapped(ndl, wrap, wrapNorm, w, n);
            passAddScaled(p.dr, p.dg, p.db, l, o + 3, w, n);
            passDot(nx, ny, nz, l[o + 6], l[o + 7], l[o + 8], w, n);
            highlight(w, p.sheen, n);
            passFadeIn(ndl, w, n);
            passAddScaled(p.sr, p.sg, p.sb, l, o + 3, w, n);
        }
        // reflection of the environment, stronger at grazing angles (Schlick's Fresnel)
        float[] rx = p.rx, ry = p.ry, rz = p.rz;
        passReflect(nx, ny, nz, vx, vy, vz, ndv, rx, ry, rz, n);
        // the environment's colors go to r, g, b until the last pass
        float[] er = p.r, eg = p.g, eb = p.b;
        passHorizons(rz, er, n);
        System.arraycopy(er, 0, eg, 0, n);
        passTint(er, skyTint, eb, n);
        for (int o = 0; o < l.length; o += LIGHT) {
            passDot(rx, ry, rz, l[o], l[o + 1], l[o + 2], w, n);
            passSoftBox(w, n);
            passAddScaled(er, eg, eb, l, o + 3, w, n);
        }
        // w: the environment's weight
        if (metal) {
            passMetalEnvironment(ndv, occ, envStrength, w, n);
            passCombineMetal(diffR, p.dr, specR, p.sr, w, er, n);
            passCombineMetal(diffG, p.dg, specG, p.sg, w, eg, n);
            passCombineMetal(diffB, p.db, specB, p.sb, w, eb, n);
        } else {
            passPlainEnvironment(ndv, occ, envStrength, envScale, w, n);
            passCombine(diffR, p.dr, specR, p.sr, w, er, n);
            passCombine(diffG, p.dg, specG, p.sg, w, eg, n);
            passCombine(diffB, p.db, specB, p.sb, w, eb, n);
        }
        if (resin) {
            // light scattered inside the resin: a soft glow of its own color, strongest at thin grazing rims
            passRimGlow(ndv, w, n);
            passGlow(er, glowR, w, n);
            passGlow(eg, glowG, w, n);
            passGlow(eb, glowB, w, n);
        }
    }

    // The passes of shade(Points, n), one loop each: small methods that the JIT compiler compiles (and vectorizes)
    // once each, where one method holding every loop was compiled again for each loop that became hot. Their names
    // start with "pass": the launcher asks the JIT compiler not to inline them
    // (-XX:CompileCommand=dontinline,org.stllisting.render.Look::pass*), so that compiling shade itself, which
    // would otherwise take in all twenty loops again, costs little (2.8 -> 1.9 CPU-seconds of compilation in a
    // turntable). A call per pass and row of points costs nothing measurable.

    private static void passFacing(float[] nx, float[] ny, float[] nz, float[] vx, float[] vy, float[] vz,
                                   float[] ndv, int n) {
        for (int i = 0; i < n; i++) {
            ndv[i] = Math.max(0f, nx[i] * vx[i] + ny[i] * vy[i] + nz[i] * vz[i]);
        }
    }

    private static void passGroundOcclusion(float[] lift, float[] occ, int n) {
        for (int i = 0; i < n; i++) {
            occ[i] = 0.55f + 0.45f * Math.min(1f, lift[i] * 4f);
        }
    }

    private void passAmbient(float[] nz, float[] occ, float[] dr, float[] dg, float[] db, int n) {
        float gr = groundR, gg = groundG, gb = groundB;
        float kr = skyMinusGroundR, kg = skyMinusGroundG, kb = skyMinusGroundB;
        for (int i = 0; i < n; i++) {
            float hemi = 0.5f + 0.5f * nz[i];
            float o = occ[i];
            dr[i] = (gr + kr * hemi) * o;
            dg[i] = (gg + kg * hemi) * o;
            db[i] = (gb + kb * hemi) * o;
        }
    }

    private static void passWrapped(float[] ndl, float wrap, float wrapNorm, float[] w, int n) {
        for (int i = 0; i < n; i++) {
            w[i] = Math.max(0f, (ndl[i] + wrap) / wrapNorm);
        }
    }

    private static void passFadeIn(float[] ndl, float[] w, int n) {
        for (int i = 0; i < n; i++) {
            w[i] *= Math.max(0f, Math.min(1f, ndl[i] * 4f));
        }
    }

    private static void passReflect(float[] nx, float[] ny, float[] nz, float[] vx, float[] vy, float[] vz,
                                    float[] ndv, float[] rx, float[] ry, float[] rz, int n) {
        for (int i = 0; i < n; i++) {
            float d = ndv[i];
            rx[i] = 2 * d * nx[i] - vx[i];
            ry[i] = 2 * d * ny[i] - vy[i];
            rz[i] = 2 * d * nz[i] - vz[i];
        }
    }

    private static void passHorizons(float[] rz, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = horizon(rz[i]);
        }
    }

    private static void passTint(float[] in, float k, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = in[i] * k;
        }
    }

    /** w = the light's direction · the reflected ray → the soft box's weight in the reflection. */
    private static void passSoftBox(float[] w, int n) {
        for (int i = 0; i < n; i++) {
            float t = Math.max(0f, Math.min(1f, (w[i] - 0.82f) / 0.1f));
            w[i] = 0.9f * t * t * (3 - 2 * t);
        }
    }

    private static void passMetalEnvironment(float[] ndv, float[] occ, float strength, float[] w, int n) {
        for (int i = 0; i < n; i++) {
            float m = 1 - ndv[i];
            float m2 = m * m;
            float fres = m2 * m2 * m;
            w[i] = strength * (0.75f + 0.25f * fres) * occ[i];
        }
    }

    private static void passPlainEnvironment(float[] ndv, float[] occ, float strength, float scale, float[] w,
                                             int n) {
        for (int i = 0; i < n; i++) {
            float m = 1 - ndv[i];
            float m2 = m * m;
            float fres = m2 * m2 * m;
            w[i] = (strength + 0.35f * fres) * occ[i] * scale;
        }
    }

    private static void passRimGlow(float[] ndv, float[] w, int n) {
        for (int i = 0; i < n; i++) {
            float m = 1 - ndv[i];
            w[i] = 0.07f + 0.2f * (m * m);
        }
    }

    /** Colors of points 0..n-1 one by one (the same bits as {@link #shade(Points, int)}). */
    void shadeEach(Points p, int n) {
        float[] one = p.one;
        for (int i = 0; i < n; i++) {
            shade(p.nx[i], p.ny[i], p.nz[i], p.vx[i], p.vy[i], p.vz[i], p.lift[i], one);
            p.r[i] = one[0];
            p.g[i] = one[1];
            p.b[i] = one[2];
        }
    }

    /**
     * The environment's brightness by the height of the reflected direction: a dark floor, a dim band at the
     * horizon and a bright sky, the contrast that makes metal read as metal.
     */
    private static float horizon(float z) {
        if (z < 0) {
            return 0.14f + 0.08f * (1 + z);
        } else if (z < 0.3f) {
            float t = z / 0.3f;
            return 0.26f + 0.74f * t * t * (3 - 2 * t);
        }
        return 1.0f + 0.35f * (z - 0.3f);
    }

    private static void passDot(float[] x, float[] y, float[] z, float ax, float ay, float az, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] * ax + y[i] * ay + z[i] * az;
        }
    }

    /** (r, g, b) += color × w, the color at {@code rgb[at..at+2]}. */
    private static void passAddScaled(float[] r, float[] g, float[] b, float[] rgb, int at, float[] w, int n) {
        float cr = rgb[at], cg = rgb[at + 1], cb = rgb[at + 2];
        for (int i = 0; i < n; i++) {
            float k = w[i];
            r[i] += cr * k;
            g[i] += cg * k;
            b[i] += cb * k;
        }
    }

    /**
     * w = n·h → the highlight before its fade-out: (n·h)^(2^k) scaled, plus a broad sheen. The power is taken
     * by squaring the whole array k - 3 times after (n·h)^8, the same multiplications in the same order as one
     * point at a time, each pass a loop the compiler can vectorize.
     */
    private void highlight(float[] w, float[] sheen, int n) {
        passPowerOf8(w, sheen, n);
        for (int k = 3; k < shininessLog2; k++) {
            passSquare(w, n);
        }
        passScaleAdd(w, specNorm, sheen, n);
    }

    /** w = max(0, w)^8, sheen = max(0, w)^8 × 0.06 (the sheen's own order of multiplications). */
    private static void passPowerOf8(float[] w, float[] sheen, int n) {
        for (int i = 0; i < n; i++) {
            float ndh = Math.max(0f, w[i]);
            float n2 = ndh * ndh;
            float n4 = n2 * n2;
            sheen[i] = n4 * n2 * n2 * 0.06f;
            w[i] = n4 * n4;
        }
    }

    private static void passSquare(float[] w, int n) {
        for (int i = 0; i < n; i++) {
            w[i] *= w[i];
        }
    }

    private static void passScaleAdd(float[] w, float k, float[] add, int n) {
        for (int i = 0; i < n; i++) {
            w[i] = w[i] * k + add[i];
        }
    }

    /** out (the environment's color on entry) = diffuse + highlights + environment × weight. */
    private static void passCombine(float diff, float[] d, float spec, float[] s, float[] envW, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = diff * d[i] + spec * s[i] + envW[i] * out[i];
        }
    }

    /** As {@link #combine}, with the environment tinted by the metal's color. */
    private static void passCombineMetal(float diff, float[] d, float spec, float[] s, float[] envW, float[] out,
                                         int n) {
        for (int i = 0; i < n; i++) {
            out[i] = diff * d[i] + spec * s[i] + spec * envW[i] * out[i];
        }
    }

    private static void passGlow(float[] out, float albedo2, float[] w, int n) {
        for (int i = 0; i < n; i++) {
            out[i] += albedo2 * w[i] * 2;
        }
    }

    /**
     * max(0, x) and min(1, x) as plain compares: the same values as Math.max and Math.min for every number (NaN
     * aside), but Math's versions, which must order -0 and NaN, cost several times more in this hot loop.
     */
    private static float max0(float x) {
        return x > 0 ? x : 0;
    }

    private static float min1(float x) {
        return x < 1 ? x : 1;
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
