package org.stllisting.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A one-paragraph description of the machine a benchmark ran on. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static String describe() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException ignored) {
            // not Linux: keep the generic name
        }
        long memKb = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    break;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            memKb = -1;
        }
        return String.format(Locale.ROOT, "%s, %d cores, %s RAM, %s %s, Java %s (%s), max heap %d MB",
                cpu, Runtime.getRuntime().availableProcessors(),
                memKb > 0 ? String.format(Locale.ROOT, "%.0f GiB", memKb / 1048576.0) : "unknown",
                System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
