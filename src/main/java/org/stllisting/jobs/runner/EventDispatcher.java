package org.stllisting.jobs.runner;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers runner events to listeners on one thread of its own, in the order they were posted, so that a
 * slow listener (a window, a terminal) never holds up a worker. Posting never blocks. A listener that
 * throws is logged and keeps receiving events.
 */
final class EventDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final RunnerEvent POISON = new RunnerEvent.Warning(java.time.Instant.EPOCH, null, null, "");

    private final List<RunnerListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<RunnerEvent> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final java.util.concurrent.atomic.AtomicLong posted = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();

    EventDispatcher() {
        thread = new Thread(this::loop, "runner-events");
        thread.setDaemon(true);
        thread.start();
    }

    void add(RunnerListener l) {
        listeners.add(l);
    }

    void remove(RunnerListener l) {
        listeners.remove(l);
    }

    void post(RunnerEvent e) {
        if (!listeners.isEmpty()) {
            posted.incrementAndGet();
            queue.add(e);
        }
    }

    /** Waits until every event posted so far has been delivered (or the timeout passes). */
    boolean drain(long timeoutMillis) throws InterruptedException {
        long target = posted.get();
        long end = System.currentTimeMillis() + timeoutMillis;
        while (delivered.get() < target && System.currentTimeMillis() < end) {
            Thread.sleep(2);
        }
        return delivered.get() >= target;
    }

    private void loop() {
        try {
            while (true) {
                RunnerEvent e = queue.take();
                if (e == POISON) {
                    return;
                }
                for (RunnerListener l : listeners) {
                    try {
                        l.onEvent(e);
                    } catch (RuntimeException ex) {
                        LOG.error("runner event listener failed on {}", e.getClass().getSimpleName(), ex);
                    }
                }
                delivered.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        queue.add(POISON);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
