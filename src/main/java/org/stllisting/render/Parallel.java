package org.stllisting.render;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent chunks of work on the render threads. Each chunk writes only its own part of the output, so
 * results never depend on which thread ran what or in which order; the caller waits for all chunks.
 * Interruption of the calling thread cancels the remaining chunks.
 */
final class Parallel {
    interface Range {
        void run(int from, int to) throws Exception;
    }

    private final ExecutorService pool;
    private final int threads;

    Parallel(ExecutorService pool, int threads) {
        this.pool = pool;
        this.threads = Math.max(1, threads);
    }

    int threads() {
        return threads;
    }

    /** Splits [0, n) into chunks of {@code chunk} items and runs them on up to {@code threads} workers. */
    void forRange(int n, int chunk, Range body) throws InterruptedException {
        int chunks = (n + chunk - 1) / chunk;
        if (chunks == 0) {
            return;
        }
        if (threads == 1 || chunks == 1 || pool == null) {
            for (int c = 0; c < chunks; c++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                runChunk(body, c * chunk, Math.min(n, (c + 1) * chunk));
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, chunks);
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                int c;
                while ((c = next.getAndIncrement()) < chunks) {
                    if (Thread.currentThread().isInterrupted()) {
                        return null;
                    }
                    runChunk(body, c * chunk, Math.min(n, (c + 1) * chunk));
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            next.set(chunks);
            for (Future<?> f : futures) {
                f.cancel(true);
            }
            throw e;
        } catch (ExecutionException e) {
            next.set(chunks);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static void runChunk(Range body, int from, int to) {
        try {
            body.run(from, to);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static InterruptedIOException cancelled() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("render cancelled");
    }
}
