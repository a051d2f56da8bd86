package org.stllisting.mesh;

import java.util.function.IntConsumer;

/**
 * Splits a loop over a large mesh across the machine's cores: part 0 runs on the calling thread, the others on
 * short-lived threads joined before returning. Small inputs run on the caller only.
 */
public final class Parallel {
    /** Below this many items a second thread costs more than it saves. */
    public static final int MIN_ITEMS = 200_000;

    private Parallel() {
    }

    /** How many parts to split {@code items} into. */
    public static int parts(long items) {
        if (items < MIN_ITEMS) {
            return 1;
        }
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Runs {@code task} for parts {@code 0..parts-1}, concurrently; rethrows the first failure. */
    public static void run(int parts, IntConsumer task) {
        if (parts <= 1) {
            task.accept(0);
            return;
        }
        Thread[] threads = new Thread[parts - 1];
        Throwable[] failure = new Throwable[parts];
        for (int p = 1; p < parts; p++) {
            int part = p;
            threads[p - 1] = new Thread(() -> {
                try {
                    task.accept(part);
                } catch (Throwable t) {
                    failure[part] = t;
                }
            }, "mesh-worker-" + p);
            threads[p - 1].setDaemon(true);
            threads[p - 1].start();
        }
        try {
            task.accept(0);
        } catch (Throwable t) {
            failure[0] = t;
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Throwable t : failure) {
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error er) {
                throw er;
            }
        }
    }
}
