package org.stllisting.render;

/**
 * Unit normals packed into one int (octahedral mapping, 16 bits per coordinate): a third of the memory of three
 * floats, which matters for multi-million-facet models with a normal per corner. Precision is well under 0.01°.
 */
final class Oct {
    private Oct() {
    }

    static int encode(float x, float y, float z) {
        float l1 = Math.abs(x) + Math.abs(y) + Math.abs(z);
        if (!(l1 > 0)) {
            return encode(0, 0, 1);
        }
        float u = x / l1;
        float v = y / l1;
        if (z < 0) {
            float nu = (1 - Math.abs(v)) * (u >= 0 ? 1 : -1);
            float nv = (1 - Math.abs(u)) * (v >= 0 ? 1 : -1);
            u = nu;
            v = nv;
        }
        int qu = Math.round((u * 0.5f + 0.5f) * 65535f);
        int qv = Math.round((v * 0.5f + 0.5f) * 65535f);
        return (qu << 16) | (qv & 0xffff);
    }

    /** Decodes into out[off..off+2] (unnormalised direction; callers normalise after interpolating). */
    static void decode(int code, float[] out, int off) {
        float u = ((code >>> 16) / 65535f) * 2 - 1;
        float v = ((code & 0xffff) / 65535f) * 2 - 1;
        float z = 1 - Math.abs(u) - Math.abs(v);
        if (z < 0) {
            float nu = (1 - Math.abs(v)) * (u >= 0 ? 1 : -1);
            float nv = (1 - Math.abs(u)) * (v >= 0 ? 1 : -1);
            u = nu;
            v = nv;
        }
        float len = (float) Math.sqrt(u * u + v * v + z * z);
        out[off] = u / len;
        out[off + 1] = v / len;
        out[off + 2] = z / len;
    }
}
