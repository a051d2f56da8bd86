package org.stllisting.render;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Hands encoded-ready frames from the threads that make them to the one thread that writes them, in frame order.
 * Producers {@link #claim} the next frame number, fill a {@link #buffer}, and {@link #put} it back, in any order;
 * the writer thread feeds the frames to the encoder in order as soon as each one and all before it are there. A
 * producer waits while it is {@code ahead} frames in front of the writer, so memory stays bounded and the fastest
 * thread cannot run away from a slow encoder. A failure on either side stops both.
 *
 * <p>Threading: {@link #claim}, {@link #buffer}, {@link #put} and {@link #fail} from any thread; {@link #end} and
 * {@link #finish} from the thread that owns the queue.
 */
final class FrameQueue {
    /** Receives one frame's bytes, in frame order, on the writer thread. */
    interface Sink {
        void write(byte[] frame) throws Exception;
    }

    private final int ahead;
    private final int frameBytes;
    private final Map<Integer, byte[]> ready = new HashMap<>();
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private final Thread writer;
    private int claimed;
    private int written;
    private int total;
    private Throwable failure;

    /**
     * Starts the writer thread.
     *
     * @param total frames to write, or {@link Integer#MAX_VALUE} until {@link #end} says
     * @param progress receives the fraction written after each frame when {@code total} is known (may be null)
     */
    FrameQueue(int total, int ahead, int frameBytes, Sink sink, DoubleConsumer progress) {
        this.total = total;
        this.ahead = Math.max(1, ahead);
        this.frameBytes = frameBytes;
        this.writer = new Thread(() -> drain(sink, progress), "video-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private void drain(Sink sink, DoubleConsumer progress) {
        try {
            while (true) {
                byte[] f;
                int t;
                synchronized (this) {
                    while (failure == null && written < total && !ready.containsKey(written)) {
                        wait();
                    }
                    if (failure != null || written >= total) {
                        return;
                    }
                    f = ready.remove(written);
                    t = total;
                }
                sink.write(f);
                synchronized (this) {
                    written++;
                    free.push(f);
                    notifyAll();
                }
                if (progress != null && t != Integer.MAX_VALUE) {
                    progress.accept(Math.min(1.0, (written) / (double) t));
                }
            }
        } catch (InterruptedException e) {
            fail(e);
        } catch (Exception | Error e) {
            fail(e);
        }
    }

    /**
     * The next frame number to make, or -1 when every frame is claimed or the work failed. Waits while the
     * frame would be more than {@code ahead} frames in front of the writer.
     */
    synchronized int claim() throws InterruptedException {
        while (failure == null && claimed < total && claimed >= written + ahead) {
            wait();
        }
        if (failure != null || claimed >= total) {
            return -1;
        }
        return claimed++;
    }

    /** A buffer of one frame's size to fill (recycled from written frames). */
    synchronized byte[] buffer() {
        byte[] b = free.poll();
        return b != null ? b : new byte[frameBytes];
    }

    /** Hands in frame {@code index}, made in {@code frame}. */
    synchronized void put(int index, byte[] frame) {
        ready.put(index, frame);
        notifyAll();
    }

    /** Stops the work: claims return -1, the writer stops, {@link #finish} throws {@code why}. */
    synchronized void fail(Throwable why) {
        if (failure == null) {
            failure = why;
        }
        notifyAll();
    }

    /** There are exactly {@code n} frames (the ones claimed so far when the count was not known). */
    synchronized void end(int n) {
        total = n;
        notifyAll();
    }

    /** Waits until every frame is written; rethrows what stopped the writer or a producer. */
    void finish() throws IOException, RenderException, InterruptedException {
        try {
            writer.join();
        } catch (InterruptedException e) {
            fail(e);
            writer.interrupt();
            throw e;
        }
        Throwable f;
        synchronized (this) {
            f = failure;
        }
        if (f == null) {
            return;
        }
        if (f instanceof RenderException re) {
            throw re;
        }
        if (f instanceof IOException ioe) {
            throw ioe;
        }
        if (f instanceof InterruptedException ie) {
            throw ie;
        }
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        throw new RenderException("encoding failed: " + f.getMessage(), f);
    }

    /** Stops the writer thread if it still runs (after a failure elsewhere). */
    void abort() {
        fail(new InterruptedException("stopped"));
        writer.interrupt();
    }
}
