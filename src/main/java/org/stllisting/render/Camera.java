package org.stllisting.render;

/**
 * A camera looking at the model's bounding-box centre from an azimuth and elevation, with focal length and
 * image centre chosen so that the model's projected outline exactly fills a target rectangle (the safe area).
 * Coordinates: world is Z-up; image pixels have y pointing down. Immutable.
 */
final class Camera {
    final boolean perspective;
    final double ex, ey, ez;          // eye
    final double rx, ry, rz;          // right
    final double ux, uy, uz;          // up
    final double fx, fy, fz;          // forward
    final double focal, cx, cy;       // pixels
    final double azimuthDeg;
    final double elevationDeg;

    private Camera(boolean perspective, double az, double el, double[] eye, double[] basis, double focal, double cx,
                   double cy) {
        this.perspective = perspective;
        this.azimuthDeg = az;
        this.elevationDeg = el;
        this.ex = eye[0];
        this.ey = eye[1];
        this.ez = eye[2];
        this.rx = basis[0];
        this.ry = basis[1];
        this.rz = basis[2];
        this.ux = basis[3];
        this.uy = basis[4];
        this.uz = basis[5];
        this.fx = basis[6];
        this.fy = basis[7];
        this.fz = basis[8];
        this.focal = focal;
        this.cx = cx;
        this.cy = cy;
    }

    /** The unit direction from the target toward a viewer at this azimuth and elevation (degrees). */
    static double[] direction(double azDeg, double elDeg) {
        double a = Math.toRadians(azDeg);
        double e = Math.toRadians(elDeg);
        double ce = StrictMath.cos(e);
        return new double[] {StrictMath.sin(a) * ce, -StrictMath.cos(a) * ce, StrictMath.sin(e)};
    }

    /** Distance from the target in units of the model's bounding radius: a gentle product-shot perspective. */
    private static final double DISTANCE_RADII = 3.6;

    private static double[] eye(Model m, double azDeg, double elDeg) {
        double[] d = direction(azDeg, elDeg);
        double dist = DISTANCE_RADII * m.radius();
        return new double[] {
            (m.minX + m.maxX) / 2 + d[0] * dist,
            (m.minY + m.maxY) / 2 + d[1] * dist,
            (m.minZ + m.maxZ) / 2 + d[2] * dist,
        };
    }

    private static double[] basis(double azDeg, double elDeg) {
        double[] d = direction(azDeg, elDeg);
        double fx = -d[0], fy = -d[1], fz = -d[2];
        // right = forward × worldUp(0,0,1)
        double rx = fy, ry = -fx, rz = 0;
        double rl = Math.sqrt(rx * rx + ry * ry);
        rx /= rl;
        ry /= rl;
        // up = right × forward
        double ux = ry * fz - rz * fy, uy = rz * fx - rx * fz, uz = rx * fy - ry * fx;
        return new double[] {rx, ry, rz, ux, uy, uz, fx, fy, fz};
    }

    /**
     * A camera whose view of the model fills {@code safe} (x, y, w, h in pixels). With several azimuths
     * (a turntable) the framing holds for all of them and the turning axis stays at the safe area's centre.
     */
    static Camera framed(Model m, double[] azimuths, double elDeg, boolean perspective, double[] safe,
                         Parallel par) throws InterruptedException {
        return framed(m, m.pos, azimuths, elDeg, perspective, safe, par);
    }

    /** Like {@link #framed(Model, double[], double, boolean, double[], Parallel)}, fitting the given points. */
    static Camera framed(Model m, float[] points, double[] azimuths, double elDeg, boolean perspective,
                         double[] safe, Parallel par) throws InterruptedException {
        double az0 = azimuths[0];
        double uMin = Double.POSITIVE_INFINITY, uMax = Double.NEGATIVE_INFINITY;
        double vMin = Double.POSITIVE_INFINITY, vMax = Double.NEGATIVE_INFINITY;
        double uAbs = 0;
        for (double az : azimuths) {
            double[] b = extents(points, eye(m, az, elDeg), basis(az, elDeg), perspective, par);
            uMin = Math.min(uMin, b[0]);
            uMax = Math.max(uMax, b[1]);
            vMin = Math.min(vMin, b[2]);
            vMax = Math.max(vMax, b[3]);
            uAbs = Math.max(uAbs, Math.max(Math.abs(b[0]), Math.abs(b[1])));
        }
        boolean turning = azimuths.length > 1;
        if (turning) {
            uMin = -uAbs;
            uMax = uAbs;
        }
        double du = Math.max(1e-12, uMax - uMin);
        double dv = Math.max(1e-12, vMax - vMin);
        double focal = Math.min(safe[2] / du, safe[3] / dv);
        double cx = safe[0] + safe[2] / 2 - focal * (uMin + uMax) / 2;
        double cy = safe[1] + safe[3] / 2 + focal * (vMin + vMax) / 2;
        return new Camera(perspective, az0, elDeg, eye(m, az0, elDeg), basis(az0, elDeg), focal, cx, cy);
    }

    /** The same framing seen from another azimuth (turntable frames). */
    Camera atAzimuth(Model m, double azDeg) {
        return new Camera(perspective, azDeg, elevationDeg, eye(m, azDeg, elevationDeg), basis(azDeg, elevationDeg),
                focal, cx, cy);
    }

    /** min/max of the image-plane coordinates (before focal scaling) over all vertices. */
    private static double[] extents(float[] p, double[] eye, double[] b, boolean persp, Parallel par)
            throws InterruptedException {
        int n = p.length / 3;
        int chunk = 1 << 15;
        int chunks = Math.max(1, (n + chunk - 1) / chunk);
        double[] part = new double[chunks * 4];
        par.forRange(n, chunk, (from, to) -> {
            double a0 = Double.POSITIVE_INFINITY, a1 = Double.NEGATIVE_INFINITY;
            double c0 = Double.POSITIVE_INFINITY, c1 = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                double x = p[3 * i] - eye[0], y = p[3 * i + 1] - eye[1], z = p[3 * i + 2] - eye[2];
                double xv = x * b[0] + y * b[1] + z * b[2];
                double yv = x * b[3] + y * b[4] + z * b[5];
                double zv = x * b[6] + y * b[7] + z * b[8];
                double u = persp ? xv / zv : xv;
                double v = persp ? yv / zv : yv;
                a0 = Math.min(a0, u);
                a1 = Math.max(a1, u);
                c0 = Math.min(c0, v);
                c1 = Math.max(c1, v);
            }
            int c = from / chunk;
            part[4 * c] = a0;
            part[4 * c + 1] = a1;
            part[4 * c + 2] = c0;
            part[4 * c + 3] = c1;
        });
        double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int c = 0; c < chunks; c++) {
            r[0] = Math.min(r[0], part[4 * c]);
            r[1] = Math.max(r[1], part[4 * c + 1]);
            r[2] = Math.min(r[2], part[4 * c + 2]);
            r[3] = Math.max(r[3], part[4 * c + 3]);
        }
        return r;
    }

    /** Pixel coordinates {x, y} of a world point. */
    double[] project(double x, double y, double z) {
        double px = x - ex, py = y - ey, pz = z - ez;
        double xv = px * rx + py * ry + pz * rz;
        double yv = px * ux + py * uy + pz * uz;
        double zv = px * fx + py * fy + pz * fz;
        if (perspective) {
            return new double[] {cx + focal * xv / zv, cy - focal * yv / zv};
        }
        return new double[] {cx + focal * xv, cy - focal * yv};
    }
}
