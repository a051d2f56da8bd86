package org.stllisting.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code chattr +i}: a file that even root cannot change (tests run as root, where permissions deny
 * nothing). Needs an ext2/3/4-like file system and the CAP_LINUX_IMMUTABLE capability; tests assume it.
 */
public final class Chattr {
    private Chattr() {
    }

    /** Runs {@code chattr flag file}; false when the tool is missing or the change is not allowed. */
    public static boolean set(String flag, Path file) {
        try {
            Process p = new ProcessBuilder(List.of("chattr", flag, file.toString())).redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
