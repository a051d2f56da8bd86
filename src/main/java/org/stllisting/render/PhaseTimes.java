package org.stllisting.render;

import java.lang.management.ManagementFactory;

/**
 * With {@code -Dstl.render.timing=true}, prints to stderr the wall time and the process CPU time of each phase of
 * a render since the previous mark (the first mark: since the process started, wall time since this class was
 * loaded), for profiling a whole command in one process; otherwise does nothing.
 */
final class PhaseTimes {
    static final boolean ON = Boolean.getBoolean("stl.render.timing");
    private static long lastWall = System.nanoTime();
    private static long lastCpu;

    private PhaseTimes() {
    }

    /** Ends the phase called {@code name}. */
    static synchronized void mark(String name) {
        if (!ON) {
            return;
        }
        long wall = System.nanoTime();
        long cpu = cpu();
        System.err.printf("%-14s %6.0f ms wall %6.0f ms cpu%n", name, (wall - lastWall) / 1e6, (cpu - lastCpu) / 1e6);
        lastWall = wall;
        lastCpu = cpu;
    }

    private static long cpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
