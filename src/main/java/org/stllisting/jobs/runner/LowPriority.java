package org.stllisting.jobs.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work at a low scheduling priority, so that a window sharing the processor with two renders still
 * answers at once (docs/ARCHITECTURE.md, Threading). On Linux the nice value belongs to each thread, and
 * threads and processes a thread starts afterwards (a render's helper threads, the ffmpeg encoder) inherit
 * it; so lowering a job's worker thread once lowers all of that job's work. Java's own thread priorities do
 * nothing there, and the JDK has no call for the nice value, so the thread asks {@code renice} for its own
 * thread id (a thread may always lower its own priority). Elsewhere, or where {@code renice} is missing, the
 * work simply runs at normal priority.
 */
public final class LowPriority {
    private static final Logger LOG = LoggerFactory.getLogger(LowPriority.class);
    /**
     * The nice value given to background work. Against the window's threads at 0 the kernel weighs it 110
     * to 1024: a busy UI thread gets about nine tenths of a core that two renders also want.
     */
    public static final int NICE = 10;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static volatile boolean unavailable;

    private LowPriority() {
    }

    /**
     * Lowers the calling thread to {@link #NICE}. Returns true when it now runs at that value or lower
     * priority; false (said once in the log) where that cannot be done.
     */
    public static boolean lowerCurrentThread() {
        if (unavailable) {
            return false;
        }
        String tid = currentThreadId();
        if (tid == null) {
            unavailable = true;
            return false;
        }
        Integer now = nice(tid);
        if (now != null && now >= NICE) {
            return true;
        }
        try {
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(NICE), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            unavailable = true;
            LOG.info("Background work runs at normal priority: renice could not be started ({})", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        Integer after = nice(tid);
        boolean lowered = after != null && after >= NICE;
        if (!lowered && !unavailable) {
            unavailable = true;
            LOG.info("Background work runs at normal priority: renice left thread {} at nice {}", tid, after);
        }
        return lowered;
    }

    /** A factory whose threads lower themselves ({@link #lowerCurrentThread}) before their first task. */
    public static ThreadFactory factory(ThreadFactory threads) {
        return r -> threads.newThread(() -> {
            lowerCurrentThread();
            r.run();
        });
    }

    /** The calling thread's nice value, or null where it cannot be read (not Linux). */
    public static Integer currentNice() {
        String tid = currentThreadId();
        return tid == null ? null : nice(tid);
    }

    /** The kernel's id of the calling thread (Linux), or null. */
    static String currentThreadId() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            // "<pid>/task/<tid>"
            Path link = Files.readSymbolicLink(THREAD_SELF);
            return link.getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The nice value of thread {@code tid} of this process, from its {@code stat} (field 19), or null. */
    static Integer nice(String tid) {
        try {
            String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"), StandardCharsets.US_ASCII);
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its end
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(f[16]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
